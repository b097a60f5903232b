/**
 * An endpoint's health: the share of attempts that got a 2xx and how long deliveries took from the
 * event being accepted to the receiver's 2xx (retries included), over 24 hours and 7 days, and the
 * last 7 days hour by hour as a small chart. The chart is a drawing of the text beside it: screen
 * readers get the text, not the bars.
 */
import type { HealthWindow, WebhookHealth } from '@contract/webhook-health';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { cn } from '@client/lib/cn';
import {
  formatCount,
  formatDate,
  formatDuration,
  formatGap,
  formatPercent,
  formatTime,
} from '@client/lib/format';
import { useWebhookHealth } from '../api/get-webhook-health';

/** The rollup keeps latencies in buckets: a percentile is "at most" its bucket's upper bound. */
function atMost(ms: number | null): string {
  if (ms === null) return '—';
  return `≤ ${ms < 60_000 ? formatDuration(ms) : formatGap(ms)}`;
}

function rateTone(rate: number | null): string {
  if (rate === null) return 'text-gray-900';
  if (rate >= 0.99) return 'text-green-800';
  if (rate >= 0.9) return 'text-amber-800';
  return 'text-red-800';
}

function Window({ title, window }: { title: string; window: HealthWindow }) {
  return (
    <div className="rounded-xl border border-gray-200 p-4">
      <h3 className="text-sm font-medium text-gray-600">{title}</h3>
      <p className={cn('mt-1 text-2xl font-semibold tabular-nums', rateTone(window.successRate))}>
        {window.successRate === null ? 'No attempts' : formatPercent(window.successRate)}
        {window.successRate === null ? null : (
          <span className="ml-1.5 text-sm font-normal text-gray-600">succeeded</span>
        )}
      </p>
      <p className="mt-0.5 text-sm text-gray-600 tabular-nums">
        {formatCount(window.succeeded)} of {formatCount(window.attempts)}{' '}
        {window.attempts === 1 ? 'attempt' : 'attempts'}
      </p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-gray-600">p50</dt>
        <dd className="text-gray-900 tabular-nums">{atMost(window.p50Ms)}</dd>
        <dt className="text-gray-600">p95</dt>
        <dd className="text-gray-900 tabular-nums">{atMost(window.p95Ms)}</dd>
      </dl>
    </div>
  );
}

/** A sentence that says what the chart shows. */
export function hourlySummary(hourly: WebhookHealth['hourly']): string {
  const succeeded = hourly.reduce((sum, point) => sum + point.succeeded, 0);
  const failed = hourly.reduce((sum, point) => sum + point.failed, 0);
  if (succeeded + failed === 0) return 'No attempts in the last 7 days.';
  let text = `Last 7 days: ${formatCount(succeeded)} ${succeeded === 1 ? 'attempt' : 'attempts'} succeeded and ${formatCount(failed)} failed.`;
  const worst = hourly.reduce((a, b) => (b.failed > a.failed ? b : a));
  if (worst.failed > 0) {
    text += ` Most failures in one hour: ${formatCount(worst.failed)}, from ${formatTime(worst.hour).slice(0, 5)} on ${formatDate(worst.hour)}.`;
  }
  const last = hourly.at(-1);
  if (last && last.succeeded + last.failed > 0) {
    text += ` This hour so far: ${formatCount(last.succeeded)} succeeded, ${formatCount(last.failed)} failed.`;
  }
  return text;
}

const BAR = 4;

function HourlyChart({ hourly }: { hourly: WebhookHealth['hourly'] }) {
  const max = Math.max(1, ...hourly.map((point) => point.succeeded + point.failed));
  const height = 56;
  const days = hourly.filter((point) => new Date(point.hour).getHours() === 0);
  return (
    <figure className="space-y-2">
      <div aria-hidden="true" className="rounded-lg border border-gray-200 p-3">
        <svg
          viewBox={`0 0 ${hourly.length * BAR} ${height}`}
          preserveAspectRatio="none"
          className="block h-16 w-full"
        >
          {hourly.map((point, index) => {
            const ok = (point.succeeded / max) * height;
            const bad = (point.failed / max) * height;
            return (
              <g key={point.hour}>
                {ok > 0 ? (
                  <rect
                    x={index * BAR}
                    y={height - ok}
                    width={BAR - 1}
                    height={ok}
                    className="fill-green-600"
                  />
                ) : null}
                {bad > 0 ? (
                  <rect
                    x={index * BAR}
                    y={height - ok - bad}
                    width={BAR - 1}
                    height={bad}
                    className="fill-red-600"
                  />
                ) : null}
              </g>
            );
          })}
        </svg>
        <div className="relative mt-1 h-4 text-[11px] text-gray-600">
          {days.map((point) => (
            <span
              key={point.hour}
              className="absolute -translate-x-1/2"
              style={{ left: `${(hourly.indexOf(point) / hourly.length) * 100}%` }}
            >
              {formatDate(point.hour).replace(/ \d{4}$/, '')}
            </span>
          ))}
        </div>
      </div>
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-gray-700">
        <span>{hourlySummary(hourly)}</span>
        <span className="inline-flex items-center gap-3 text-xs text-gray-600" aria-hidden="true">
          <span className="inline-flex items-center gap-1">
            <span className="size-2.5 rounded-sm bg-green-600" /> Succeeded
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="size-2.5 rounded-sm bg-red-600" /> Failed
          </span>
        </span>
      </figcaption>
    </figure>
  );
}

export function WebhookHealthCard({ webhookId }: { webhookId: string }) {
  const health = useWebhookHealth(webhookId);
  if (health.isPending) return <LoadingSkeleton label="Loading the endpoint's health" lines={3} />;
  if (health.isError) {
    return (
      <QueryError
        title="Could not load the endpoint's health"
        error={health.error}
        onRetry={health.refetch}
      />
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-gray-600">
        Attempts that got a 2xx, and how long deliveries took from the event being accepted to the
        2xx (retries included).
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Window title="Last 24 hours" window={health.data.last24h} />
        <Window title="Last 7 days" window={health.data.last7d} />
      </div>
      <HourlyChart hourly={health.data.hourly} />
    </div>
  );
}
