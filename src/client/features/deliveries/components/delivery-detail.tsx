/**
 * One delivery as support staff need it to answer "what did we send, what came back, and why is it
 * where it is?": the outcome in words, the facts (every id and URL copyable), the actions (Redeliver,
 * Redeliver to another URL, Copy as cURL, copy the body), the body as sent, and every attempt, latest
 * first. Shown in the inspector's side panel and in the payload dialog of the other deliveries tables.
 */
import { ArrowRight, Clock, RotateCcw, Send, SquareTerminal } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link } from '@client/lib/router';
import type { DeliveryDetail } from '@contract/deliveries';
import { MASKED_HEADER_VALUE } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Badge } from '@client/components/ui/badge';
import { Button } from '@client/components/ui/button';
import { CopyButton, CopyableValue, useCopy } from '@client/components/ui/copy-button';
import { FieldHint } from '@client/components/ui/field';
import { linkClasses } from '@client/components/ui/link-classes';
import { useToast } from '@client/components/ui/toast';
import { errorMessage } from '@client/lib/api-client';
import { ADMIN_OR_SUPPORT_ONLY, usePermissions } from '@client/lib/authorization';
import { cn } from '@client/lib/cn';
import { formatPreciseDateTime, formatRelative } from '@client/lib/format';
import { paths } from '@client/lib/paths';
import { useRedeliver } from '../api/redeliver';
import { buildCurlCommand, replayOf } from '../utils/curl-command';
import { outcomeText } from '../utils/delivery-outcome';
import { eventLabel, isInFlight, waitingText } from '../utils/delivery-status';
import { AttemptCard, CodeBlock, prettyBody } from './delivery-attempt';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { RedeliverToUrlDialog } from './redeliver-to-url-dialog';

const OUTCOME_TONES = {
  succeeded: 'border-green-200 bg-green-50 text-green-900',
  failed: 'border-red-200 bg-red-50 text-red-900',
  skipped: 'border-amber-200 bg-amber-50 text-amber-900',
  pending: 'border-gray-200 bg-gray-50 text-gray-800',
  delivering: 'border-gray-200 bg-gray-50 text-gray-800',
} as const;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-sm font-medium text-gray-600">{term}</dt>
      <dd className="min-w-0 text-sm text-gray-900">{children}</dd>
    </div>
  );
}

/** When the next attempt is due, or what the delivery waits for instead (then its time means nothing). */
function NextAttempt({
  delivery,
  deliveryLink,
  now,
}: {
  delivery: DeliveryDetail;
  deliveryLink: (deliveryId: string) => string;
  /** When the delivery was read: "in 4 minutes" is from then. */
  now: number;
}) {
  if (delivery.waitingFor) {
    return (
      <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Clock aria-hidden="true" className="size-4 text-gray-500" />
        <span>{waitingText(delivery.waitingFor)}</span>
        <Link
          to={deliveryLink(delivery.waitingFor.id)}
          className={linkClasses({ variant: 'action' })}
        >
          Open the {eventLabel(delivery.waitingFor.eventType)} delivery
          <ArrowRight aria-hidden="true" className="size-3.5" />
        </Link>
        <DeliveryStatusBadge status={delivery.waitingFor.status} />
      </span>
    );
  }
  if (delivery.status === 'delivering') return <span>Being sent now</span>;
  if (!delivery.nextAttemptAt) return null;
  const due = Date.parse(delivery.nextAttemptAt);
  return (
    <span>
      <time dateTime={delivery.nextAttemptAt}>{formatPreciseDateTime(delivery.nextAttemptAt)}</time>{' '}
      <span className="text-gray-600">
        (
        {due <= now ? 'due now, waiting for a worker' : formatRelative(delivery.nextAttemptAt, now)}
        )
      </span>
    </span>
  );
}

function Actions({ delivery }: { delivery: DeliveryDetail }) {
  const { canRedeliver } = usePermissions();
  const redeliver = useRedeliver();
  const { toast } = useToast();
  const copy = useCopy();
  const [toUrl, setToUrl] = useState(false);
  const latest = delivery.attempts.at(-1);
  const replay = latest ? replayOf(latest, delivery.body, MASKED_HEADER_VALUE) : null;
  const curlNoteId = `curl-note-${delivery.id}`;
  const sending = delivery.status === 'delivering';

  return (
    <section aria-label="Actions" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {/* Viewers read only: the redelivery buttons are not offered at all (the note below says why). */}
        {canRedeliver ? (
          <>
            <Button
              variant="primary"
              size="sm"
              disabled={redeliver.isPending || sending}
              onClick={() =>
                redeliver.mutate(delivery.id, { onSuccess: () => toast('Redelivery queued') })
              }
            >
              <RotateCcw aria-hidden="true" className="size-4" />
              {redeliver.isPending ? 'Redelivering…' : 'Redeliver'}
            </Button>
            <Button size="sm" onClick={() => setToUrl(true)}>
              <Send aria-hidden="true" className="size-4" />
              Redeliver to another URL…
            </Button>
          </>
        ) : null}
        <Button
          size="sm"
          disabled={!replay}
          aria-describedby={curlNoteId}
          onClick={() => {
            if (replay)
              void copy(buildCurlCommand(replay.request), 'the request as a cURL command');
          }}
        >
          <SquareTerminal aria-hidden="true" className="size-4" />
          Copy as cURL
        </Button>
      </div>
      {!canRedeliver ? <FieldHint>{ADMIN_OR_SUPPORT_ONLY.redeliver}</FieldHint> : null}
      <p id={curlNoteId} className="text-xs text-gray-600">
        {replay && latest ? (
          <>
            Copy as cURL replays attempt {latest.number}
            {latest.kind === 'redelivery_to_url' ? ` (sent to ${latest.request.url})` : ''} exactly
            as it was sent: URL, every header (its webhook-timestamp and signature too, so a
            receiver that checks the timestamp refuses it after a few minutes) and the body.
            {replay.masked.length > 0 ? (
              <>
                {' '}
                Custom header values are stored masked: replace{' '}
                {replay.masked.map((name, index) => (
                  <span key={name}>
                    {index > 0 ? ', ' : null}
                    <code className="font-mono">{`<value of ${name}>`}</code>
                  </span>
                ))}{' '}
                in the command with the real value.
              </>
            ) : null}
          </>
        ) : (
          'Copy as cURL needs an attempt: the signature headers are made when the request is sent.'
        )}
      </p>
      {sending ? (
        <FieldHint>
          This delivery is being sent: redeliver it once the attempt has finished.
        </FieldHint>
      ) : null}
      {redeliver.isError ? <ErrorAlert>{errorMessage(redeliver.error)}</ErrorAlert> : null}
      {canRedeliver ? (
        <RedeliverToUrlDialog delivery={delivery} open={toUrl} onOpenChange={setToUrl} />
      ) : null}
    </section>
  );
}

export function DeliveryDetailView({
  delivery,
  readAt,
  showCallLink = true,
  deliveryLink = (deliveryId) => paths.delivery(deliveryId),
}: {
  delivery: DeliveryDetail;
  /** When the delivery was read from the server (relative times are from then). */
  readAt: number;
  /** "View call" beside the call id; not in the call view itself. */
  showCallLink?: boolean;
  /** Where a link to another delivery (the one this waits for) goes. */
  deliveryLink?: (deliveryId: string) => string;
}) {
  const attempts = [...delivery.attempts].reverse();
  const latestUrl = delivery.attempts.findLast((a) => a.kind !== 'redelivery_to_url')?.request.url;
  return (
    <div className="space-y-7">
      <div
        role="note"
        aria-label="Outcome"
        className={cn('rounded-xl border px-4 py-3 text-sm', OUTCOME_TONES[delivery.status])}
      >
        {outcomeText(delivery)}
      </div>

      <dl className="grid gap-x-6 gap-y-2.5 sm:grid-cols-[9rem_1fr]">
        <Fact term="Status">
          <DeliveryStatusBadge status={delivery.status} />
        </Fact>
        {isInFlight(delivery) || delivery.waitingFor ? (
          <Fact term={delivery.waitingFor ? 'Waiting' : 'Next attempt'}>
            <NextAttempt delivery={delivery} deliveryLink={deliveryLink} now={readAt} />
          </Fact>
        ) : null}
        <Fact term="Event">
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{eventLabel(delivery.eventType)}</span>
            <span className="font-mono text-xs break-all text-gray-600">{delivery.event}</span>
            {delivery.isTest ? <Badge>Test</Badge> : null}
          </span>
        </Fact>
        <Fact term="Agent">{delivery.agentName ?? 'None (test event)'}</Fact>
        <Fact term="Endpoint">
          <span className="flex min-w-0 flex-wrap items-center gap-x-2">
            <Link
              to={paths.webhook(delivery.webhookId)}
              className={linkClasses({ className: 'min-w-0 text-sm break-all' })}
            >
              {delivery.webhookUrl}
            </Link>
            <CopyButton value={delivery.webhookUrl} what="endpoint URL" />
          </span>
        </Fact>
        <Fact term="Call id">
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <CopyableValue value={delivery.callId} what="call id" />
            {showCallLink ? (
              <Link to={paths.call(delivery.callId)} className={linkClasses({ variant: 'action' })}>
                View call
                <ArrowRight aria-hidden="true" className="size-3.5" />
              </Link>
            ) : null}
          </span>
        </Fact>
        <Fact term="webhook-id">
          <CopyableValue
            value={delivery.id}
            what="delivery id (webhook-id)"
            label="Copy delivery id"
          />
        </Fact>
        <Fact term="Created">
          <time dateTime={delivery.createdAt}>{formatPreciseDateTime(delivery.createdAt)}</time>
        </Fact>
        {delivery.completedAt ? (
          <Fact term="Completed">
            <time dateTime={delivery.completedAt}>
              {formatPreciseDateTime(delivery.completedAt)}
            </time>
          </Fact>
        ) : null}
      </dl>

      <Actions delivery={delivery} />

      <section aria-labelledby={`request-${delivery.id}`} className="space-y-3">
        <h3 id={`request-${delivery.id}`} className="font-semibold text-gray-900">
          Request
        </h3>
        <p className="flex flex-wrap items-center gap-1 font-mono text-xs break-all text-gray-800">
          <span className="font-semibold">POST</span> {latestUrl ?? delivery.webhookUrl}
        </p>
        <p className="text-sm text-gray-600">
          Every attempt sends this body; its headers (each attempt&apos;s own timestamp and
          signature) are listed with each attempt below.
        </p>
        <div className="space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-gray-700">Body</p>
            <CopyButton value={delivery.body} what="body" label="Copy body">
              Copy body
            </CopyButton>
          </div>
          <CodeBlock label="Request body">{prettyBody(delivery.body)}</CodeBlock>
        </div>
      </section>

      <section aria-labelledby={`attempts-${delivery.id}`} className="space-y-3">
        <h3 id={`attempts-${delivery.id}`} className="font-semibold text-gray-900">
          Attempts ({delivery.attempts.length})
        </h3>
        {attempts.length > 0 ? (
          <ol className="space-y-3">
            {/* Latest first: it is the one that explains the current status. */}
            {attempts.map((attempt, index) => (
              <AttemptCard
                key={attempt.number}
                attempt={attempt}
                endpointUrl={delivery.webhookUrl}
                open={index === 0}
              />
            ))}
          </ol>
        ) : (
          <p className="text-sm text-gray-600">
            {delivery.status === 'skipped'
              ? 'Nothing was sent: the endpoint was disabled.'
              : 'No attempt has been made yet.'}
          </p>
        )}
      </section>
    </div>
  );
}
