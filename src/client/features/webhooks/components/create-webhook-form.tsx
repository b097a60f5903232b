import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { WebhookDetail } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { errorMessage, isApiError } from '@client/lib/api-client';
import { useCreateWebhook } from '../api/create-webhook';
import {
  EMPTY_WEBHOOK_FORM,
  WebhookFormSchema,
  applyServerErrors,
  toWebhookRequest,
  type WebhookFormValues,
} from '../utils/webhook-form-schema';
import { WebhookFormFields } from './webhook-form-fields';

export function CreateWebhookForm({
  onCreated,
  onCancel,
}: {
  onCreated: (webhook: WebhookDetail) => void;
  onCancel: () => void;
}) {
  const create = useCreateWebhook();
  const form = useForm<WebhookFormValues>({
    resolver: zodResolver(WebhookFormSchema),
    defaultValues: EMPTY_WEBHOOK_FORM,
  });

  const onSubmit = form.handleSubmit((values) => {
    create.mutate(toWebhookRequest(values), {
      onSuccess: onCreated,
      onError: (error) => {
        if (isApiError(error)) applyServerErrors(error, values, form.setError);
      },
    });
  });

  // Field problems are shown beside their fields; anything else above the buttons.
  const unplaced =
    create.isError &&
    !(
      isApiError(create.error) &&
      (create.error.code === 'conflict' || Object.keys(create.error.fields).length > 0)
    );

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-6">
      <WebhookFormFields form={form} idPrefix="create-webhook" />
      {unplaced ? <ErrorAlert>{errorMessage(create.error)}</ErrorAlert> : null}
      <div className="flex gap-3">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add endpoint'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
