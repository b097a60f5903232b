/**
 * The Deliveries page's search and filters: one search box for a call id, a delivery id or the
 * `webhook-id` a receiver logged (applied on Enter), selects that apply at once, and a time range (a
 * preset, or a custom start and end applied together). The page keeps them in its URL; this only
 * reports what the user chose.
 */
import { Search, X } from 'lucide-react';
import { useId, useState } from 'react';
import { DELIVERY_STATUSES, FAILURE_CATEGORIES } from '@contract/deliveries';
import { EVENT_TYPES, EVENT_TYPE_INFO } from '@contract/event-type-info';
import { Button } from '@client/components/ui/button';
import { FieldError, describedBy } from '@client/components/ui/field';
import { fieldControlClasses } from '@client/components/ui/input';
import { NativeSelect } from '@client/components/ui/native-select';
import { cn } from '@client/lib/cn';
import { TIME_RANGES, type DeliveryFilters, type TimeRange } from '../api/delivery-keys';
import {
  fromLocalInputValue,
  hasFilters,
  parseSearchInput,
  toLocalInputValue,
} from '../utils/delivery-search';
import { DELIVERY_STATUS_INFO, FAILURE_CATEGORY_LABELS } from '../utils/delivery-status';

export interface FilterOption {
  value: string;
  label: string;
}

const STATUS_OPTIONS: FilterOption[] = DELIVERY_STATUSES.map((status) => ({
  value: status,
  label: DELIVERY_STATUS_INFO[status].label,
}));

const EVENT_OPTIONS: FilterOption[] = EVENT_TYPES.map((eventType) => ({
  value: eventType,
  label: EVENT_TYPE_INFO[eventType].label,
}));

const FAILURE_OPTIONS: FilterOption[] = FAILURE_CATEGORIES.map((category) => ({
  value: category,
  label: FAILURE_CATEGORY_LABELS[category],
}));

export const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
};

const labelClasses = 'mb-1 block text-xs font-medium text-gray-600';

interface FilterSelectProps {
  label: string;
  allLabel: string;
  /** For a value in the URL that is not among the options (an endpoint deleted since). */
  unknownLabel?: string;
  value: string | undefined;
  /** Undefined while they load. */
  options: readonly FilterOption[] | undefined;
  onChange: (value: string | undefined) => void;
  className: string;
}

function FilterSelect({
  label,
  allLabel,
  unknownLabel,
  value,
  options,
  onChange,
  className,
}: FilterSelectProps) {
  const id = useId();
  const known = options ?? [];
  // Until the options have loaded, or when the chosen one is gone, the select still shows the choice.
  const shown =
    value !== undefined && !known.some((option) => option.value === value)
      ? [...known, { value, label: options ? (unknownLabel ?? value) : 'Loading…' }]
      : known;
  return (
    <div>
      <label htmlFor={id} className={labelClasses}>
        {label}
      </label>
      <NativeSelect
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
        className={className}
      >
        <option value="">{allLabel}</option>
        {shown.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

function SearchBox({
  q,
  onSearch,
}: {
  q: string | undefined;
  onSearch: (q: string | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(q ?? '');
  const [error, setError] = useState<string | null>(null);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  return (
    <form
      role="search"
      aria-label="Deliveries"
      className="w-full max-w-xl"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseSearchInput(text);
        if (!parsed.ok) {
          setError(parsed.message);
          return;
        }
        setError(null);
        onSearch(parsed.q);
      }}
    >
      <label htmlFor={id} className={labelClasses}>
        Search
      </label>
      <span className="flex gap-2">
        <span className="relative flex min-w-0 flex-1">
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-500"
          />
          <input
            id={id}
            type="search"
            value={text}
            placeholder="Call id, delivery id or webhook-id"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(error && errorId, hintId)}
            onChange={(event) => {
              setText(event.target.value);
              setError(null);
            }}
            className={cn(
              fieldControlClasses,
              'h-10 w-full pl-9 font-mono text-[13px] placeholder:font-sans',
            )}
          />
        </span>
        <Button type="submit" className="h-10">
          Search
        </Button>
      </span>
      <p id={hintId} className="sr-only">
        Finds a call&apos;s deliveries by call id, or one delivery by its id (the webhook-id header
        your receiver logged). Press Enter to search.
      </p>
      <FieldError id={errorId}>{error}</FieldError>
    </form>
  );
}

/** Any time, a preset, or a custom start and end (applied together, so each edit is not a new list). */
function TimeRangeFilter({
  filters,
  onChange,
}: {
  filters: DeliveryFilters;
  onChange: (next: Pick<DeliveryFilters, 'range' | 'from' | 'to'>) => void;
}) {
  const id = useId();
  const custom = filters.from !== undefined || filters.to !== undefined;
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState(filters.from ? toLocalInputValue(filters.from) : '');
  const [to, setTo] = useState(filters.to ? toLocalInputValue(filters.to) : '');
  const [error, setError] = useState<string | null>(null);
  const choice = editing || custom ? 'custom' : (filters.range ?? '');
  const errorId = `${id}-error`;

  return (
    <div className="flex flex-wrap items-start gap-3">
      <div>
        <label htmlFor={id} className={labelClasses}>
          Time
        </label>
        <NativeSelect
          id={id}
          value={choice}
          className="w-40"
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'custom') {
              setEditing(true);
              return;
            }
            setEditing(false);
            const range = TIME_RANGES.find((r) => r === value);
            onChange({ range, from: undefined, to: undefined });
          }}
        >
          <option value="">Any time</option>
          {TIME_RANGES.map((range) => (
            <option key={range} value={range}>
              {TIME_RANGE_LABELS[range]}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </NativeSelect>
      </div>
      {choice === 'custom' ? (
        <form
          aria-label="Custom time range"
          className="flex flex-wrap items-start gap-3"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const start = fromLocalInputValue(from);
            const end = fromLocalInputValue(to);
            if (!start && !end) {
              setError('Enter a start, an end or both');
              return;
            }
            if (start && end && start >= end) {
              setError('The end of the time range must come after its start');
              return;
            }
            setError(null);
            onChange({ range: undefined, from: start, to: end });
          }}
        >
          <div>
            <label htmlFor={`${id}-from`} className={labelClasses}>
              From
            </label>
            <input
              id={`${id}-from`}
              type="datetime-local"
              value={from}
              onChange={(event) => setFrom(event.target.value)}
              aria-describedby={describedBy(error && errorId)}
              className={cn(fieldControlClasses, 'h-8 w-52 rounded-lg px-2.5')}
            />
          </div>
          <div>
            <label htmlFor={`${id}-to`} className={labelClasses}>
              To
            </label>
            <input
              id={`${id}-to`}
              type="datetime-local"
              value={to}
              onChange={(event) => setTo(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(error && errorId)}
              className={cn(fieldControlClasses, 'h-8 w-52 rounded-lg px-2.5')}
            />
          </div>
          <Button type="submit" size="sm" className="mt-5">
            Apply range
          </Button>
          <FieldError id={errorId}>{error}</FieldError>
        </form>
      ) : null}
    </div>
  );
}

export function DeliveryFilterBar({
  filters,
  onChange,
  endpoints,
  agents,
}: {
  filters: DeliveryFilters;
  onChange: (filters: DeliveryFilters) => void;
  /** The organisation's endpoints and agents (other features' data, passed in by the page). */
  endpoints: readonly FilterOption[] | undefined;
  agents: readonly FilterOption[] | undefined;
}) {
  const set = (patch: Partial<DeliveryFilters>) => {
    // Unset filters are left out, so that they leave the URL too.
    const merged: Record<string, string | undefined> = { ...filters, ...patch };
    onChange(Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)));
  };

  const selects: (Omit<FilterSelectProps, 'value' | 'onChange'> & {
    name: 'status' | 'eventType' | 'webhookId' | 'agentId' | 'failureCategory';
  })[] = [
    {
      name: 'status',
      label: 'Status',
      allLabel: 'All statuses',
      options: STATUS_OPTIONS,
      className: 'w-36',
    },
    {
      name: 'eventType',
      label: 'Event',
      allLabel: 'All events',
      options: EVENT_OPTIONS,
      className: 'w-40',
    },
    {
      name: 'webhookId',
      label: 'Endpoint',
      allLabel: 'All endpoints',
      unknownLabel: 'Unknown endpoint',
      options: endpoints,
      className: 'w-52',
    },
    {
      name: 'agentId',
      label: 'Agent',
      allLabel: 'All agents',
      unknownLabel: 'Unknown agent',
      options: agents,
      className: 'w-44',
    },
    {
      name: 'failureCategory',
      label: 'Failure',
      allLabel: 'Any',
      options: FAILURE_OPTIONS,
      className: 'w-44',
    },
  ];

  return (
    <div className="space-y-4">
      {/* Keyed by the search in the URL, so that the box follows "Clear all" and Back. */}
      <SearchBox key={filters.q ?? ''} q={filters.q} onSearch={(q) => set({ q })} />
      <div className="flex flex-wrap items-start gap-x-3 gap-y-3">
        {selects.map(({ name, ...select }) => (
          <FilterSelect
            key={name}
            {...select}
            value={filters[name]}
            onChange={(value) => set({ [name]: value })}
          />
        ))}
        <TimeRangeFilter
          key={`${filters.range ?? ''}|${filters.from ?? ''}|${filters.to ?? ''}`}
          filters={filters}
          onChange={set}
        />
        {filters.callId ? (
          // A link's `callId` filter (the search box finds call ids too): shown so it can be taken off.
          <Button
            size="sm"
            className="mt-5"
            aria-label={`Remove the call id filter ${filters.callId}`}
            onClick={() => set({ callId: undefined })}
          >
            <span className="font-mono text-xs">Call id {filters.callId}</span>
            <X aria-hidden="true" className="size-3.5" />
          </Button>
        ) : null}
        {hasFilters(filters) ? (
          <Button size="sm" variant="ghost" className="mt-5" onClick={() => onChange({})}>
            <X aria-hidden="true" className="size-4" />
            Clear all
          </Button>
        ) : null}
      </div>
    </div>
  );
}
