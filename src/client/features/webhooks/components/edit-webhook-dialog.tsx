import { zodResolver } from '@hookform/resolvers/zod';
import { Pencil } from 'lucide-react';
import { useForm } from 'react-hook-form';
import type { WebhookDetail } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@client/components/ui/dialog';
import { useToast } from '@client/components/ui/toast';
import { errorMessage, isApiError } from '@client/lib/api-client';
import { useUpdateWebhook } from '../api/update-webhook';
import {
  WebhookFormSchema,
  applyServerErrors,
  toWebhookFormValues,
  toWebhookRequest,
  type WebhookFormValues,
} from '../utils/webhook-form-schema';
import { WebhookFormFields } from './webhook-form-fields';

export function EditWebhookDialog({
  webhook,
  open,
  onOpenChange,
}: {
  webhook: WebhookDetail;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent aria-describedby={undefined} size="xl">
        <DialogHeader bordered icon={<Pencil aria-hidden="true" className="size-5" />}>
          <DialogTitle>Edit endpoint</DialogTitle>
        </DialogHeader>
        {/* Mounted per opening, so the form starts from the endpoint as it is now. */}
        {open ? <EditWebhookForm webhook={webhook} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function EditWebhookForm({ webhook, onDone }: { webhook: WebhookDetail; onDone: () => void }) {
  const update = useUpdateWebhook(webhook.id);
  const { toast } = useToast();
  const form = useForm<WebhookFormValues>({
    resolver: zodResolver(WebhookFormSchema),
    defaultValues: toWebhookFormValues(webhook),
  });

  const onSubmit = form.handleSubmit((values) => {
    update.mutate(toWebhookRequest(values), {
      onSuccess: () => {
        toast('Webhook saved');
        onDone();
      },
      onError: (error) => {
        if (isApiError(error)) applyServerErrors(error, values, form.setError);
      },
    });
  });

  const unplaced =
    update.isError &&
    !(
      isApiError(update.error) &&
      (update.error.code === 'conflict' || Object.keys(update.error.fields).length > 0)
    );

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="flex min-h-0 flex-col">
      <DialogBody className="space-y-6">
        <WebhookFormFields form={form} idPrefix="edit-webhook" />
        {unplaced ? <ErrorAlert>{errorMessage(update.error)}</ErrorAlert> : null}
      </DialogBody>
      <DialogFooter className="border-t border-gray-100 pt-4">
        <DialogClose asChild>
          <Button disabled={update.isPending}>Cancel</Button>
        </DialogClose>
        <Button
          type="submit"
          variant="primary"
          disabled={!form.formState.isDirty || update.isPending}
        >
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
      </DialogFooter>
    </form>
  );
}
