const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** "7 May 2026": day first and the month spelled out, so no reader mistakes 07/05 for July. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/**
 * Why and when an endpoint was disabled, "Disabled by Ada Admin · 7 May 2026, 14:32": the server sends
 * the reason without a date and the time as a timestamp, so the date reads as every other date does.
 */
export function formatDisabled({
  disabledReason,
  disabledAt,
}: {
  disabledReason: string | null;
  disabledAt: string | null;
}): string | null {
  if (!disabledReason) return null;
  return disabledAt ? `${disabledReason} · ${formatDateTime(disabledAt)}` : disabledReason;
}

/** "A, B and C" */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' });
const preciseDateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** "14:32:05": for events seconds apart, such as one call's deliveries. */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** "7 May 2026, 14:32:05": when an attempt was made, to the second. */
export function formatPreciseDateTime(iso: string): string {
  return preciseDateTimeFormat.format(new Date(iso));
}

/** "842 ms", "3.2 s" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** "1 delivery", "3 deliveries" */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const percentFormat = new Intl.NumberFormat('en-GB', {
  style: 'percent',
  maximumFractionDigits: 1,
});

/** 0.9871 → "98.7%" */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

const countFormat = new Intl.NumberFormat('en-GB');

/** 12345 → "12,345" */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

const relativeFormat = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

/** "in 4 minutes", "2 hours ago": how far `iso` is from `now`, in the largest unit that fits. */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relativeFormat.format(seconds, 'second');
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
  return relativeFormat.format(Math.round(seconds / 86_400), 'day');
}

/** "3 min 12 s", "1 h 5 min", "850 ms": a gap between two events, in the two largest units. */
export function formatGap(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const compactDateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "27 Nov, 14:32:05": to the second, for a dense table (the full date is in its title). */
export function formatCompactDateTime(iso: string): string {
  return compactDateTimeFormat.format(new Date(iso));
}
