/**
 * "Redeliver to another URL": the same signed request, sent once to a URL of the user's choosing (a
 * staging server, a tunnel to a laptop), to see what that receiver makes of it. The server's URL guard
 * may refuse the address: its reason shows in the field. The attempt is recorded on the delivery, and
 * shown here once made; neither the endpoint nor the delivery's status changes.
 */
import { Send } from 'lucide-react';
import { useId, useState } from 'react';
import type { DeliveryAttempt, DeliveryDetail } from '@contract/deliveries';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@client/components/ui/dialog';
import { FieldError, FieldHint, Label, describedBy } from '@client/components/ui/field';
import { Input } from '@client/components/ui/input';
import { errorMessage, isApiError } from '@client/lib/api-client';
import { useRedeliverToUrl } from '../api/redeliver-to-url';
import { AttemptCard } from './delivery-attempt';

export function RedeliverToUrlDialog({
  delivery,
  open,
  onOpenChange,
}: {
  delivery: DeliveryDetail;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const id = useId();
  const send = useRedeliverToUrl(delivery.id);
  const [url, setUrl] = useState('');
  const [attempt, setAttempt] = useState<DeliveryAttempt | null>(null);
  const fieldError = send.error && isApiError(send.error) ? (send.error.fields.url ?? null) : null;
  const otherError = send.error && !fieldError ? send.error : null;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  const close = (next: boolean) => {
    if (send.isPending) return;
    onOpenChange(next);
    if (!next) {
      send.reset();
      setAttempt(null);
    }
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent size="xl">
        <DialogHeader>
          <DialogTitle className="text-lg">Redeliver to another URL</DialogTitle>
          <DialogDescription>
            Sends this delivery&apos;s request once more, signed now, to the URL you enter. The
            endpoint and this delivery&apos;s status stay as they are; the attempt is recorded with
            the others.
          </DialogDescription>
        </DialogHeader>
        {attempt ? (
          <>
            <DialogBody className="space-y-3">
              <p role="status" className="text-sm text-gray-800">
                Sent. The receiver&apos;s answer was recorded as attempt {attempt.number}:
              </p>
              <AttemptCard
                attempt={attempt}
                endpointUrl={delivery.webhookUrl}
                as="div"
                headingLevel={3}
              />
            </DialogBody>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="primary">Done</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <form
            className="contents"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              send.mutate({ url: url.trim() }, { onSuccess: setAttempt });
            }}
          >
            <DialogBody className="space-y-2 pt-2">
              <Label htmlFor={`${id}-url`}>Send to URL</Label>
              <Input
                id={`${id}-url`}
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder="https://staging.example.com/webhooks"
                value={url}
                onChange={(event) => {
                  setUrl(event.target.value);
                  if (send.isError) send.reset();
                }}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={describedBy(fieldError && errorId, hintId)}
              />
              <FieldError id={errorId}>{fieldError}</FieldError>
              <FieldHint id={hintId}>
                Same body and webhook-id (receivers deduplicate on it), a new timestamp and
                signature. Private and local addresses are refused, as for endpoints.
              </FieldHint>
              {otherError ? <ErrorAlert>{errorMessage(otherError)}</ErrorAlert> : null}
            </DialogBody>
            <DialogFooter>
              <DialogClose asChild>
                <Button disabled={send.isPending}>Cancel</Button>
              </DialogClose>
              <Button
                type="submit"
                variant="primary"
                disabled={send.isPending || url.trim() === ''}
              >
                <Send aria-hidden="true" className="size-4" />
                {send.isPending ? 'Sending…' : 'Send once'}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
