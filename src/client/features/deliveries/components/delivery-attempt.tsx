/**
 * One attempt as support staff need it: why it was made (the schedule, a redelivery and by whom, or a
 * one-off redelivery to another URL), what was sent (URL and every header, sorted by name: timestamps
 * and signatures differ between attempts) and what came back (status, headers, the body as inert text)
 * or why nothing did, with its timings.
 */
import type { DeliveryAttempt } from '@contract/deliveries';
import { MASKED_HEADER_VALUE } from '@contract/webhooks';
import { Badge } from '@client/components/ui/badge';
import { CopyButton } from '@client/components/ui/copy-button';
import { cn } from '@client/lib/cn';
import { formatPreciseDateTime } from '@client/lib/format';
import { attemptKindText, attemptTimings, sortedHeaderNames } from '../utils/delivery-outcome';
import { FAILURE_CATEGORY_LABELS } from '../utils/delivery-status';

/** JSON bodies pretty-printed for reading; anything else exactly as it was. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A body or command as plain text: React renders it as text, so HTML in it is never interpreted. */
export function CodeBlock({ label, children }: { label: string; children: string }) {
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

/** Headers sorted by name, each value copyable; masked values (custom headers) say they were not kept. */
export function HeaderTable({
  label,
  headers,
}: {
  label: string;
  headers: Readonly<Record<string, string>>;
}) {
  const names = sortedHeaderNames(headers);
  if (names.length === 0) return <p className="text-sm text-gray-600">No headers</p>;
  return (
    <dl
      aria-label={label}
      className="divide-y divide-gray-100 rounded-lg border border-gray-200 font-mono text-xs"
    >
      {names.map((name) => {
        const value = headers[name] ?? '';
        const masked = value === MASKED_HEADER_VALUE;
        return (
          <div
            key={name}
            className="grid grid-cols-[minmax(7rem,12rem)_1fr_auto] items-start gap-3 py-1 pr-1 pl-3"
          >
            <dt className="py-1 break-all text-gray-900">{name}</dt>
            <dd className="min-w-0 py-1 break-all text-gray-700">
              {value}
              {masked ? (
                <span className="ml-2 font-sans text-gray-600">(custom header: not stored)</span>
              ) : null}
            </dd>
            <dd>
              {masked ? null : (
                <CopyButton
                  value={value}
                  what={`value of ${name}`}
                  label={`Copy ${name} (${label})`}
                />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function AttemptCard({
  attempt,
  endpointUrl,
  open = false,
  as: Element = 'li',
  headingLevel = 4,
}: {
  attempt: DeliveryAttempt;
  /** The endpoint's URL: an attempt sent elsewhere names its own. */
  endpointUrl: string;
  /** Show its request headers without a click (the latest attempt). */
  open?: boolean;
  as?: 'li' | 'div';
  /** 4 under the detail's "Attempts" heading; 3 in a dialog of its own. */
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const { response, error } = attempt;
  const ok = response !== null && response.status >= 200 && response.status < 300;
  const name = `Attempt ${attempt.number}`;
  const elsewhere = attempt.request.url !== endpointUrl;
  return (
    <Element
      role={Element === 'div' ? 'group' : undefined}
      aria-label={name}
      className="space-y-3 rounded-xl border border-gray-200 p-4"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Heading className="font-medium text-gray-900">{name}</Heading>
        {response ? (
          <Badge tone={ok ? 'success' : 'danger'}>Response {response.status}</Badge>
        ) : (
          <Badge tone="danger">No response</Badge>
        )}
        <span className="text-sm break-all text-gray-700">{attemptKindText(attempt)}</span>
      </div>
      <p className="text-sm text-gray-600">
        <time dateTime={attempt.startedAt}>{formatPreciseDateTime(attempt.startedAt)}</time>
        {' · '}
        {attemptTimings(attempt)}
      </p>
      {error ? (
        <p className="text-sm text-red-800">
          <span className="font-medium">{FAILURE_CATEGORY_LABELS[error.category]}:</span>{' '}
          {error.message}
        </p>
      ) : null}
      {elsewhere ? (
        <p className="flex flex-wrap items-center gap-1 text-sm text-gray-700">
          Sent to <span className="font-mono text-xs break-all">{attempt.request.url}</span>
          <CopyButton value={attempt.request.url} what="URL" label={`Copy ${name} URL`} />
        </p>
      ) : null}
      <details className="group" open={open}>
        <summary className="cursor-pointer rounded text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600">
          Request headers ({Object.keys(attempt.request.headers).length})
        </summary>
        <div className="mt-2">
          <HeaderTable label={`${name} request headers`} headers={attempt.request.headers} />
        </div>
      </details>
      {response ? (
        <div className="space-y-3">
          <details className="group">
            <summary className="cursor-pointer rounded text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600">
              Response headers ({Object.keys(response.headers).length})
            </summary>
            <div className="mt-2">
              <HeaderTable label={`${name} response headers`} headers={response.headers} />
            </div>
          </details>
          <div className="space-y-1.5">
            <div className="flex items-center justify-between gap-2">
              <p className="text-sm font-medium text-gray-700">
                Response body
                {response.bodyEncoding === 'base64' ? (
                  <Badge tone="warning" className="ml-2">
                    base64
                  </Badge>
                ) : null}
              </p>
              {response.body !== '' ? (
                <CopyButton
                  value={response.body}
                  what="response body"
                  label={`Copy ${name} response body`}
                />
              ) : null}
            </div>
            <CodeBlock label={`${name} response body`}>
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
    </Element>
  );
}
