/**
 * "Retry failed deliveries" (admins): choose since when, see how many that is (the server counts them
 * first), confirm, then follow the job as it re-queues them a few at a time (live), cancel it, and see
 * how it ended. Earlier jobs are listed below the latest.
 */
import { RotateCcw, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { RetryJob } from '@contract/retry-jobs';
import type { WebhookDetail } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@client/components/ui/dialog';
import { FieldError, FieldHint, describedBy } from '@client/components/ui/field';
import { fieldControlClasses } from '@client/components/ui/input';
import { NativeSelect } from '@client/components/ui/native-select';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { useToast } from '@client/components/ui/toast';
import { errorMessage } from '@client/lib/api-client';
import { usePermissions } from '@client/lib/authorization';
import { cn } from '@client/lib/cn';
import { formatCount, formatPreciseDateTime, plural } from '@client/lib/format';
import { useCancelRetryJob } from '../api/cancel-retry-job';
import { useCreateRetryJob } from '../api/create-retry-job';
import { useRetryJobPreview } from '../api/get-retry-job-preview';
import { useRetryJobs } from '../api/get-retry-jobs';

export const BULK_RETRY_ADMIN_ONLY = 'Only admins can retry failed deliveries in bulk';

const HOUR = 3_600_000;
const PRESETS = [
  { value: '1h', label: 'The last hour', ms: HOUR },
  { value: '24h', label: 'The last 24 hours', ms: 24 * HOUR },
  { value: '7d', label: 'The last 7 days', ms: 7 * 24 * HOUR },
] as const;

type Choice = (typeof PRESETS)[number]['value'] | 'failing' | 'custom';

const pad = (n: number) => String(n).padStart(2, '0');
function localInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function RetryDialog({
  webhook,
  open,
  onOpenChange,
}: {
  webhook: WebhookDetail;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const id = useId();
  const { toast } = useToast();
  const create = useCreateRetryJob(webhook.id);
  const [choice, setChoice] = useState<Choice>(webhook.failingSince ? 'failing' : '24h');
  // Presets are turned into an instant when chosen, so the count and the job mean the same thing.
  const [since, setSince] = useState<string | null>(
    () => webhook.failingSince ?? new Date(Date.now() - 24 * HOUR).toISOString(),
  );
  const [custom, setCustom] = useState(() => localInput(Date.now() - 24 * HOUR));
  const preview = useRetryJobPreview(webhook.id, since);
  const count = preview.data?.count;
  const customError =
    choice === 'custom' && since === null ? 'Enter the date and time to retry from' : null;

  const choose = (next: Choice) => {
    setChoice(next);
    create.reset();
    const preset = PRESETS.find((p) => p.value === next);
    if (preset) setSince(new Date(Date.now() - preset.ms).toISOString());
    else if (next === 'failing') setSince(webhook.failingSince);
    else setSince(custom ? new Date(custom).toISOString() : null);
  };

  return (
    <Dialog open={open} onOpenChange={(next) => !create.isPending && onOpenChange(next)}>
      <DialogContent size="md">
        <DialogHeader>
          <DialogTitle className="text-lg">Retry failed deliveries</DialogTitle>
          <DialogDescription>
            Failed deliveries of this endpoint are queued again, a few at a time so that new events
            keep flowing. Each gets one more attempt.
          </DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-4 pt-2">
          <div>
            <label htmlFor={`${id}-since`} className="block text-sm font-medium text-gray-900">
              Failed since
            </label>
            <NativeSelect
              id={`${id}-since`}
              className="mt-1.5 w-full"
              value={choice}
              onChange={(event) => choose(event.target.value as Choice)}
            >
              {webhook.failingSince ? (
                <option value="failing">
                  It started failing ({formatPreciseDateTime(webhook.failingSince)})
                </option>
              ) : null}
              {PRESETS.map((preset) => (
                <option key={preset.value} value={preset.value}>
                  {preset.label}
                </option>
              ))}
              <option value="custom">A date and time…</option>
            </NativeSelect>
          </div>
          {choice === 'custom' ? (
            <div>
              <label htmlFor={`${id}-custom`} className="block text-sm font-medium text-gray-900">
                From
              </label>
              <input
                id={`${id}-custom`}
                type="datetime-local"
                value={custom}
                onChange={(event) => {
                  setCustom(event.target.value);
                  const time = new Date(event.target.value).getTime();
                  setSince(Number.isNaN(time) ? null : new Date(time).toISOString());
                }}
                aria-invalid={customError ? true : undefined}
                aria-describedby={describedBy(customError && `${id}-custom-error`)}
                className={cn(fieldControlClasses, 'mt-1.5 h-10')}
              />
              <FieldError id={`${id}-custom-error`}>{customError}</FieldError>
            </div>
          ) : null}
          <div
            role="status"
            aria-live="polite"
            className="min-h-12 rounded-xl bg-gray-50 px-4 py-3 text-sm"
          >
            {since === null ? null : preview.isPending ? (
              <span className="text-gray-600">Counting failed deliveries…</span>
            ) : preview.isError ? (
              <span className="text-red-800">{errorMessage(preview.error)}</span>
            ) : count === 0 ? (
              <span className="text-gray-800">
                No failed deliveries since {formatPreciseDateTime(since)}: nothing to retry.
              </span>
            ) : (
              <span className="text-gray-900">
                <strong className="font-semibold">
                  {plural(count ?? 0, 'failed delivery', 'failed deliveries')}
                </strong>{' '}
                since {formatPreciseDateTime(since)} will be sent again.
              </span>
            )}
          </div>
          {create.isError ? <ErrorAlert>{errorMessage(create.error)}</ErrorAlert> : null}
        </DialogBody>
        <DialogFooter>
          <DialogClose asChild>
            <Button disabled={create.isPending}>Cancel</Button>
          </DialogClose>
          <Button
            variant="primary"
            disabled={!since || !count || create.isPending}
            onClick={() => {
              if (!since) return;
              create.mutate(
                { since },
                {
                  onSuccess: (job) => {
                    toast(`Retrying ${plural(job.total, 'delivery', 'deliveries')}`);
                    onOpenChange(false);
                  },
                },
              );
            }}
          >
            <RotateCcw aria-hidden="true" className="size-4" />
            {create.isPending
              ? 'Starting…'
              : count
                ? `Retry ${plural(count, 'delivery', 'deliveries')}`
                : 'Retry'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

const STATUS_TEXT: Record<RetryJob['status'], string> = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

function JobProgress({ job, webhookId }: { job: RetryJob; webhookId: string }) {
  const { canChangeWebhooks } = usePermissions();
  const cancel = useCancelRetryJob(webhookId);
  const { toast } = useToast();
  const percent = job.total === 0 ? 100 : Math.round((job.requeued / job.total) * 100);
  const label = `Retry job started ${formatPreciseDateTime(job.createdAt)}`;
  return (
    <div className="space-y-2 rounded-xl border border-gray-200 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium text-gray-900">
          {STATUS_TEXT[job.status]}: {formatCount(job.requeued)} of {formatCount(job.total)}{' '}
          re-queued
        </p>
        {job.status === 'running' && canChangeWebhooks ? (
          <Button
            size="sm"
            variant="danger-ghost"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(job.id, { onSuccess: () => toast('Retry job cancelled') })}
          >
            <X aria-hidden="true" className="size-4" />
            {cancel.isPending ? 'Cancelling…' : 'Cancel retry job'}
          </Button>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.requeued}
        aria-valuetext={`${job.requeued} of ${job.total} re-queued`}
        className="h-2 overflow-hidden rounded-full bg-gray-200"
      >
        <div
          className={cn(
            'h-full rounded-full transition-[width]',
            job.status === 'cancelled' ? 'bg-gray-500' : 'bg-brand-600',
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-xs text-gray-600">
        Failed deliveries since {formatPreciseDateTime(job.since)}
        {job.createdBy ? `, started by ${job.createdBy}` : ''} at{' '}
        {formatPreciseDateTime(job.createdAt)}
        {job.finishedAt
          ? `; ${job.status === 'cancelled' ? 'cancelled' : 'finished'} at ${formatPreciseDateTime(job.finishedAt)}`
          : ''}
        .
      </p>
      {cancel.isError ? <ErrorAlert>{errorMessage(cancel.error)}</ErrorAlert> : null}
    </div>
  );
}

export function BulkRetry({ webhook }: { webhook: WebhookDetail }) {
  const { canChangeWebhooks } = usePermissions();
  const jobs = useRetryJobs(webhook.id);
  const [open, setOpen] = useState(false);
  const running = jobs.data?.items.some((job) => job.status === 'running') ?? false;
  const reason = !canChangeWebhooks
    ? BULK_RETRY_ADMIN_ONLY
    : webhook.status === 'disabled'
      ? 'Enable the endpoint to retry its failed deliveries.'
      : running
        ? 'A retry job is running: wait for it to finish or cancel it.'
        : null;
  const [latest, ...earlier] = jobs.data?.items ?? [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          disabled={reason !== null}
          aria-describedby={reason ? 'bulk-retry-reason' : undefined}
          onClick={() => setOpen(true)}
        >
          <RotateCcw aria-hidden="true" className="size-4" />
          Retry failed deliveries…
        </Button>
        {reason ? <FieldHint id="bulk-retry-reason">{reason}</FieldHint> : null}
      </div>
      {jobs.isPending ? (
        <LoadingSkeleton label="Loading retry jobs" lines={1} />
      ) : jobs.isError ? (
        <QueryError title="Could not load retry jobs" error={jobs.error} onRetry={jobs.refetch} />
      ) : latest ? (
        <>
          <JobProgress job={latest} webhookId={webhook.id} />
          {earlier.length > 0 ? (
            <details>
              <summary className="cursor-pointer rounded text-sm font-medium text-gray-700 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600">
                Earlier retry jobs ({earlier.length})
              </summary>
              <ul className="mt-2 space-y-1 text-sm text-gray-700">
                {earlier.map((job) => (
                  <li key={job.id}>
                    {formatPreciseDateTime(job.createdAt)}: {STATUS_TEXT[job.status].toLowerCase()},{' '}
                    {formatCount(job.requeued)} of {formatCount(job.total)} re-queued
                    {job.createdBy ? ` (${job.createdBy})` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
      {canChangeWebhooks && open ? (
        <RetryDialog webhook={webhook} open={open} onOpenChange={setOpen} />
      ) : null}
    </div>
  );
}
