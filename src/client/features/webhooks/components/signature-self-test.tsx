/**
 * The signature self-test: Ringpost sends the endpoint a correctly signed request, a wrongly signed
 * one and a stale one, and shows what the endpoint answered to each. A receiver that verifies
 * signatures accepts the first and refuses the other two.
 */
import { Check, ShieldCheck, X } from 'lucide-react';
import type { SignatureTestResult } from '@contract/deliveries';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { FieldHint } from '@client/components/ui/field';
import { errorMessage } from '@client/lib/api-client';
import { ADMIN_OR_SUPPORT_ONLY, usePermissions } from '@client/lib/authorization';
import { cn } from '@client/lib/cn';
import { useRunSignatureTest } from '../api/run-signature-test';

type Case = SignatureTestResult['cases'][number];

const CASE_TITLES: Record<Case['case'], string> = {
  valid: 'Correct signature',
  'wrong-signature': 'Wrong signature',
  'stale-timestamp': 'Stale timestamp',
};

/** What the result means, and what to do about it, in a sentence or two. */
export function signatureTestVerdict(result: SignatureTestResult): string[] {
  if (result.passed) return ['Your endpoint verifies signatures correctly.'];
  const byCase = (name: Case['case']) => result.cases.find((c) => c.case === name);
  const valid = byCase('valid');
  const wrongAccepted = byCase('wrong-signature')?.accepted === true;
  const staleAccepted = byCase('stale-timestamp')?.accepted === true;
  const sentences: string[] = [];
  if (valid && !valid.accepted) {
    sentences.push(
      valid.responseStatus === null
        ? 'Ringpost could not reach your endpoint, so its signature check could not be tested.'
        : 'Your endpoint refused a correctly signed request. Check that it uses this endpoint’s current signing secret and verifies the raw request body.',
    );
  }
  if (wrongAccepted || staleAccepted) {
    sentences.push('Your endpoint accepted a request it should have refused.');
    if (wrongAccepted) {
      sentences.push('It does not check the signature: anyone could send it events.');
    }
    if (staleAccepted) {
      sentences.push(
        'It does not check the timestamp: an old request could be replayed. Refuse timestamps more than 5 minutes away from now.',
      );
    }
  }
  return sentences;
}

function CaseResult({ item }: { item: Case }) {
  const right = item.accepted === item.shouldAccept;
  const answer =
    item.responseStatus !== null
      ? `Answered ${item.responseStatus}`
      : `No answer: ${item.error ?? 'the request failed'}`;
  return (
    <li className="flex items-start gap-3 px-4 py-3">
      <span
        aria-hidden="true"
        className={cn(
          'mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full',
          right ? 'bg-green-100 text-green-800' : 'bg-red-100 text-red-800',
        )}
      >
        {right ? <Check className="size-3.5" /> : <X className="size-3.5" />}
      </span>
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-medium text-gray-900">
          {CASE_TITLES[item.case]}
          <span className={cn('ml-2 font-medium', right ? 'text-green-800' : 'text-red-800')}>
            {right ? 'Correct' : 'Wrong'}
          </span>
        </p>
        <p className="text-gray-600">{item.description}</p>
        <p className="mt-0.5 text-gray-700">
          {answer} · {item.accepted ? 'Accepted' : 'Refused'} · should be{' '}
          {item.shouldAccept ? 'accepted' : 'refused'}
        </p>
      </div>
    </li>
  );
}

export function SignatureSelfTest({
  webhookId,
  disabled,
}: {
  webhookId: string;
  /** The endpoint is disabled: the server refuses the self-test until it is enabled. */
  disabled: boolean;
}) {
  const { canSendTests } = usePermissions();
  const run = useRunSignatureTest(webhookId);
  const reason = !canSendTests
    ? ADMIN_OR_SUPPORT_ONLY.tests
    : disabled
      ? 'Enable the endpoint to run the self-test.'
      : null;
  const hintId = reason ? 'signature-test-unavailable' : undefined;
  const result = run.data;

  return (
    <div className="space-y-3">
      <p className="max-w-2xl text-sm text-gray-600">
        Sends your endpoint three requests: one correctly signed, one with a wrong signature and one
        with a stale timestamp. An endpoint that verifies signatures accepts only the first.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          size="sm"
          disabled={reason !== null || run.isPending}
          aria-describedby={hintId}
          onClick={() => run.mutate()}
        >
          <ShieldCheck aria-hidden="true" className="size-4" />
          {run.isPending ? 'Testing…' : result ? 'Run again' : 'Run self-test'}
        </Button>
        {hintId ? <FieldHint id={hintId}>{reason}</FieldHint> : null}
      </div>
      {run.isError ? <ErrorAlert>{errorMessage(run.error)}</ErrorAlert> : null}
      <div
        className={cn(
          'max-w-2xl overflow-hidden rounded-xl',
          result && (result.passed ? 'border border-green-200' : 'border border-red-200'),
        )}
      >
        {/* Always in the page, so that a screen reader announces the verdict when it arrives. */}
        <div role="status" aria-label="Self-test verdict">
          {result ? (
            <div
              className={cn(
                'flex items-start gap-2 px-4 py-3 text-sm',
                result.passed ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-900',
              )}
            >
              {result.passed ? (
                <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              ) : (
                <X aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              )}
              <div className="space-y-1">
                <p className="font-medium">{result.passed ? 'Passed' : 'Failed'}</p>
                {signatureTestVerdict(result).map((sentence) => (
                  <p key={sentence}>{sentence}</p>
                ))}
              </div>
            </div>
          ) : null}
        </div>
        {result ? (
          <ul aria-label="Self-test requests" className="divide-y divide-gray-100 bg-white">
            {result.cases.map((item) => (
              <CaseResult key={item.case} item={item} />
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
