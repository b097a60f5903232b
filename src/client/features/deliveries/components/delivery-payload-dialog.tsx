/**
 * "View payload": one delivery as support staff need it to answer "what did we send, what came
 * back?": the request exactly as sent, then every attempt with the receiver's answer or the reason
 * there was none. Opened from an endpoint's deliveries and from an agent's test call.
 */
import { Copy, FileJson, RotateCcw } from 'lucide-react';
import type { ReactNode } from 'react';
import type { DeliveryAttempt, DeliveryDetail } from '@contract/deliveries';
import { ErrorAlert } from '@client/components/ui/alert';
import { Badge } from '@client/components/ui/badge';
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
import { FieldHint } from '@client/components/ui/field';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { useToast } from '@client/components/ui/toast';
import { errorMessage } from '@client/lib/api-client';
import { ADMIN_OR_SUPPORT_ONLY, usePermissions } from '@client/lib/authorization';
import { cn } from '@client/lib/cn';
import { formatDuration, formatPreciseDateTime } from '@client/lib/format';
import { useDelivery } from '../api/get-delivery';
import { useRedeliver } from '../api/redeliver';
import { FAILURE_CATEGORY_LABELS } from '../utils/delivery-status';
import { DeliveryStatusBadge } from './delivery-status-badge';

/** JSON bodies pretty-printed for reading; anything else exactly as it was. */
function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    <pre
      role="region"
      aria-label={label}
      // A scrolling region must take focus, or a long body cannot be read with the keyboard alone
      // (WCAG 2.1.1; axe's scrollable-region-focusable), although a <pre> is not interactive.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      className={cn(
        'max-h-80 overflow-auto rounded-lg border border-gray-200 bg-gray-50 p-3 font-mono text-xs leading-relaxed whitespace-pre text-gray-800',
        'focus-visible:outline-2 focus-visible:outline-brand-600',
      )}
    >
      {children || ' '}
    </pre>
  );
}

function HeaderList({ label, headers }: { label: string; headers: Record<string, string> }) {
  const names = Object.keys(headers);
  if (names.length === 0) return <p className="text-sm text-gray-600">No headers</p>;
  return (
    <dl
      aria-label={label}
      className="divide-y divide-gray-100 rounded-lg border border-gray-200 font-mono text-xs"
    >
      {names.map((name) => (
        <div key={name} className="grid grid-cols-[minmax(8rem,13rem)_1fr] gap-3 px-3 py-1.5">
          <dt className="text-gray-900">{name}</dt>
          <dd className="break-all text-gray-700">{headers[name]}</dd>
        </div>
      ))}
    </dl>
  );
}

function Summary({ delivery }: { delivery: DeliveryDetail }) {
  const rows: [string, ReactNode][] = [
    [
      'Status',
      <span key="status" className="flex flex-wrap items-center gap-2">
        <DeliveryStatusBadge status={delivery.status} />
        {delivery.nextAttemptAt ? (
          <span className="text-gray-600">
            Next attempt{' '}
            <time dateTime={delivery.nextAttemptAt}>
              {formatPreciseDateTime(delivery.nextAttemptAt)}
            </time>
          </span>
        ) : null}
      </span>,
    ],
    [
      'Event',
      <span key="event" className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs break-all">{delivery.event}</span>
        {delivery.isTest ? <Badge>Test</Badge> : null}
      </span>,
    ],
    ['Agent', delivery.agentName ?? 'None (test event)'],
    [
      'Call id',
      <span key="call" className="font-mono text-xs break-all">
        {delivery.callId}
      </span>,
    ],
    [
      'Created',
      <time key="created" dateTime={delivery.createdAt}>
        {formatPreciseDateTime(delivery.createdAt)}
      </time>,
    ],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-gray-600">{term}</dt>
          <dd className="min-w-0 text-gray-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Attempt({ attempt }: { attempt: DeliveryAttempt }) {
  const { response, error } = attempt;
  const ok = response !== null && response.status >= 200 && response.status < 300;
  return (
    <li className="space-y-3 rounded-xl border border-gray-200 p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h4 className="font-medium text-gray-900">Attempt {attempt.number}</h4>
        <span className="text-sm text-gray-600">
          <time dateTime={attempt.startedAt}>{formatPreciseDateTime(attempt.startedAt)}</time>
          {' · '}
          {formatDuration(attempt.durationMs)}
        </span>
        {response ? (
          <Badge tone={ok ? 'success' : 'danger'}>Response {response.status}</Badge>
        ) : (
          <Badge tone="danger">No response</Badge>
        )}
      </div>
      {error ? (
        <p className="text-sm text-red-800">
          <span className="font-medium">{FAILURE_CATEGORY_LABELS[error.category]}:</span>{' '}
          {error.message}
        </p>
      ) : null}
      {response ? (
        <div className="space-y-3">
          <details className="group">
            <summary className="cursor-pointer rounded text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600">
              Response headers ({Object.keys(response.headers).length})
            </summary>
            <div className="mt-2">
              <HeaderList
                label={`Attempt ${attempt.number} response headers`}
                headers={response.headers}
              />
            </div>
          </details>
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-gray-700">Response body</p>
            <CodeBlock label={`Attempt ${attempt.number} response body`}>
              {response.body === ''
                ? '(empty)'
                : response.bodyEncoding === 'base64'
                  ? response.body
                  : prettyBody(response.body)}
            </CodeBlock>
            {response.bodyEncoding === 'base64' ? (
              <p className="text-xs text-gray-600">
                The receiver answered bytes that are not text (invalid UTF-8 or NUL bytes): shown in
                base64, exactly as received.
              </p>
            ) : null}
            {response.bodyTruncated ? (
              <p className="text-xs text-gray-600">
                The body was longer than 64 KiB: only its beginning was kept.
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </li>
  );
}

function NoAttempts({ delivery }: { delivery: DeliveryDetail }) {
  let text = 'No attempt has been made yet.';
  if (delivery.status === 'skipped') {
    text =
      'Nothing was sent: the endpoint was disabled. Replay skipped deliveries from the endpoint’s page once it is enabled.';
  } else if (delivery.nextAttemptAt) {
    text = 'Waiting for the first attempt.';
  }
  return <p className="text-sm text-gray-600">{text}</p>;
}

function DeliveryView({ delivery }: { delivery: DeliveryDetail }) {
  const { toast } = useToast();
  const latest = delivery.attempts.at(-1);

  const copyBody = async () => {
    try {
      await navigator.clipboard.writeText(delivery.body);
      toast('Copied');
    } catch {
      toast('Could not copy: select the body and copy it by hand');
    }
  };

  return (
    <div className="space-y-7">
      <Summary delivery={delivery} />

      <section aria-labelledby="delivery-request-heading" className="space-y-3">
        <h3 id="delivery-request-heading" className="font-semibold text-gray-900">
          Request
        </h3>
        <p className="font-mono text-xs break-all text-gray-800">
          <span className="font-semibold">POST</span> {latest?.request.url ?? delivery.webhookUrl}
        </p>
        <div className="space-y-1.5">
          <p className="text-sm font-medium text-gray-700">
            Headers
            {latest && delivery.attempts.length > 1 ? (
              <span className="font-normal text-gray-600"> (attempt {latest.number})</span>
            ) : null}
          </p>
          {latest ? (
            <HeaderList label="Request headers" headers={latest.request.headers} />
          ) : (
            <p className="text-sm text-gray-600">
              The signature headers are made when the request is sent.
            </p>
          )}
        </div>
        <div className="space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-gray-700">Body</p>
            <Button size="sm" variant="ghost" onClick={() => void copyBody()}>
              <Copy aria-hidden="true" className="size-4" />
              Copy body
            </Button>
          </div>
          <CodeBlock label="Request body">{prettyBody(delivery.body)}</CodeBlock>
        </div>
      </section>

      <section aria-labelledby="delivery-attempts-heading" className="space-y-3">
        <h3 id="delivery-attempts-heading" className="font-semibold text-gray-900">
          Attempts ({delivery.attempts.length})
        </h3>
        {delivery.attempts.length > 0 ? (
          <ol className="space-y-3">
            {/* Latest first: it is the one that explains the current status. */}
            {[...delivery.attempts].reverse().map((attempt) => (
              <Attempt key={attempt.number} attempt={attempt} />
            ))}
          </ol>
        ) : (
          <NoAttempts delivery={delivery} />
        )}
      </section>
    </div>
  );
}

export function DeliveryPayloadDialog({
  deliveryId,
  open,
  onOpenChange,
  pollMs,
}: {
  deliveryId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pollMs?: number;
}) {
  const delivery = useDelivery(deliveryId, pollMs);
  const redeliver = useRedeliver();
  const { canRedeliver } = usePermissions();
  const { toast } = useToast();

  let body;
  if (delivery.isPending) {
    body = <LoadingSkeleton label="Loading delivery" lines={6} />;
  } else if (delivery.isError) {
    body = (
      <QueryError
        title="Could not load this delivery"
        error={delivery.error}
        onRetry={delivery.refetch}
      />
    );
  } else {
    body = <DeliveryView delivery={delivery.data} />;
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent aria-describedby={undefined} size="2xl">
        <DialogHeader bordered icon={<FileJson aria-hidden="true" className="size-5" />}>
          <DialogTitle>Delivery payload</DialogTitle>
          <p className="mt-0.5 font-mono text-xs break-all text-gray-600">{deliveryId}</p>
        </DialogHeader>
        <DialogBody>{body}</DialogBody>
        <DialogFooter className="flex-wrap items-center border-t border-gray-100 pt-4">
          {redeliver.isError ? (
            <ErrorAlert className="mr-auto">{errorMessage(redeliver.error)}</ErrorAlert>
          ) : null}
          {!canRedeliver ? (
            <span className="mr-auto">
              <FieldHint id="redeliver-not-allowed">{ADMIN_OR_SUPPORT_ONLY.redeliver}</FieldHint>
            </span>
          ) : null}
          <DialogClose asChild>
            <Button>Close</Button>
          </DialogClose>
          <Button
            variant="primary"
            disabled={!canRedeliver || !delivery.data || redeliver.isPending}
            aria-describedby={canRedeliver ? undefined : 'redeliver-not-allowed'}
            onClick={() =>
              redeliver.mutate(deliveryId, { onSuccess: () => toast('Redelivery queued') })
            }
          >
            <RotateCcw aria-hidden="true" className="size-4" />
            {redeliver.isPending ? 'Redelivering…' : 'Redeliver'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
