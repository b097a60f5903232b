import { useMutation } from '@tanstack/react-query';
import { SignatureTestResultSchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';

/** Sends the three self-test requests and answers once the endpoint has answered all of them. */
export function runSignatureTest(webhookId: string) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/signature-test`,
    SignatureTestResultSchema,
    { method: 'POST' },
  );
}

export function useRunSignatureTest(webhookId: string) {
  return useMutation({ mutationFn: () => runSignatureTest(webhookId) });
}
