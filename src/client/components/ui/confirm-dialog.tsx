/**
 * "Are you sure?" for changes that cannot be undone. The dialog stays open while the change runs and
 * shows the server's refusal in place, so the user never has to guess whether it happened.
 */
import type { ReactNode } from 'react';
import { errorMessage } from '@client/lib/api-client';
import { ErrorAlert } from './alert';
import { Button } from './button';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: unknown;
  tone?: 'danger' | 'primary';
  /** Extra actions beside Confirm (for example a second, stronger choice). */
  extraActions?: ReactNode;
  children?: ReactNode;
}

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending = false,
  error,
  tone = 'danger',
  extraActions,
  children,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <DialogContent size="sm">
        <DialogHeader>
          <DialogTitle className="text-lg">{title}</DialogTitle>
        </DialogHeader>
        <DialogBody className="space-y-3 pt-1">
          <DialogDescription asChild>
            <div className="text-sm text-gray-600">{description}</div>
          </DialogDescription>
          {children}
          {error ? <ErrorAlert>{errorMessage(error)}</ErrorAlert> : null}
        </DialogBody>
        <DialogFooter>
          <DialogClose asChild>
            <Button disabled={pending}>Cancel</Button>
          </DialogClose>
          {extraActions}
          <Button variant={tone} onClick={onConfirm} disabled={pending}>
            {confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
