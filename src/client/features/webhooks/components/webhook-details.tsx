import { ArrowRight, Pencil, Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link } from '@client/lib/router';
import { PageBody, PageHeader } from '@client/components/layout/page';
import { PageBackLink } from '@client/components/layout/page-back-link';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { Button } from '@client/components/ui/button';
import { CopyButton } from '@client/components/ui/copy-button';
import { FieldHint } from '@client/components/ui/field';
import { linkClasses } from '@client/components/ui/link-classes';
import { LiveIndicator } from '@client/components/ui/live-indicator';
import { Notice } from '@client/components/ui/notice';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { ADMIN_ONLY, usePermissions } from '@client/lib/authorization';
import { formatDate, formatDateTime } from '@client/lib/format';
import { cn } from '@client/lib/cn';
import { useLiveUpdates } from '@client/lib/live-updates';
import { endpointLabel } from '../utils/endpoint-label';
import { paths } from '@client/lib/paths';
import { useWebhook } from '../api/get-webhook';
import { BulkRetry } from './bulk-retry';
import { DeleteWebhookDialog, type RemoveSubscription } from './delete-webhook-dialog';
import { EditWebhookDialog } from './edit-webhook-dialog';
import { SendTestEvent } from './send-test-event';
import { SignatureSelfTest } from './signature-self-test';
import { SigningSecret } from './signing-secret';
import { CustomHeaders } from './custom-headers';
import { SkippedDeliveriesNotice } from './skipped-deliveries-notice';
import { WebhookHealthCard } from './webhook-health-card';
import { WebhookStatusSection } from './webhook-status-section';
import { WebhookSubscriptions } from './webhook-subscriptions';

function Section({
  title,
  actions,
  className,
  children,
}: {
  title: string;
  /** Controls at the right of the heading. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const heading = <h2 className="text-[15px] font-semibold text-gray-900">{title}</h2>;
  return (
    <section className={cn('space-y-2', className)}>
      {actions ? (
        <div className="flex flex-wrap items-start justify-between gap-3 pb-1">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}

export function WebhookDetails({
  webhookId,
  removeSubscription,
  onDeleted,
  deliveries,
}: {
  webhookId: string;
  removeSubscription: RemoveSubscription;
  onDeleted: () => void;
  /** The endpoint's recent deliveries (another feature's, composed in by the route). */
  deliveries?: ReactNode;
}) {
  const webhook = useWebhook(webhookId);
  // Status (an automatic disable after a 410), failing-since, health, jobs and deliveries, as they change.
  const live = useLiveUpdates();
  const { canChangeWebhooks } = usePermissions();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const header = (
    <PageHeader
      actions={
        webhook.data && canChangeWebhooks ? (
          <>
            <LiveIndicator state={live} />
            <Button size="sm" onClick={() => setEditing(true)}>
              <Pencil aria-hidden="true" className="size-4" />
              Edit
            </Button>
            <Button size="sm" variant="danger-ghost" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden="true" className="size-4" />
              Delete
            </Button>
          </>
        ) : (
          <LiveIndicator state={live} />
        )
      }
    >
      <Breadcrumb
        items={[
          { label: 'Webhooks', to: paths.webhooks() },
          { label: webhook.data ? endpointLabel(webhook.data) : 'Endpoint' },
        ]}
      />
    </PageHeader>
  );

  let body;
  if (webhook.isPending) {
    body = <LoadingSkeleton label="Loading endpoint" lines={6} />;
  } else if (webhook.isError) {
    body = (
      <QueryError
        title="Could not load this endpoint"
        error={webhook.error}
        onRetry={webhook.refetch}
      />
    );
  } else {
    const data = webhook.data;
    const headerNames = Object.keys(data.headers);
    // A disabled endpoint is not being tried, so it is not "failing"; its reason says why it stopped.
    const failingSince = data.status === 'enabled' ? data.failingSince : null;
    body = (
      <div className="space-y-8">
        <div className="max-w-4xl space-y-8">
          <h1 className="sr-only">Webhook endpoint</h1>
          {!canChangeWebhooks ? <FieldHint>{ADMIN_ONLY.webhooks}</FieldHint> : null}
          {failingSince !== null || data.skippedDeliveryCount > 0 ? (
            <div className="space-y-3">
              {failingSince !== null ? (
                <Notice tone="warning">
                  <p>
                    Failing since{' '}
                    <time dateTime={failingSince}>{formatDateTime(failingSince)}</time>; the
                    endpoint is disabled automatically after 5 days of failures.
                  </p>
                </Notice>
              ) : null}
              <SkippedDeliveriesNotice webhook={data} />
            </div>
          ) : null}
          <Section title="Webhook URL">
            <p className="flex items-center gap-1 text-sm break-all text-gray-700">
              {data.url}
              <CopyButton value={data.url} what="endpoint URL" />
            </p>
            <p className="text-xs text-gray-500">
              Created <time dateTime={data.createdAt}>{formatDate(data.createdAt)}</time>
            </p>
          </Section>
          <Section title="Description">
            <p className="text-sm text-gray-700">{data.description || '-'}</p>
          </Section>
          {headerNames.length > 0 ? (
            <Section title="Custom headers">
              <CustomHeaders headers={data.headers} />
            </Section>
          ) : null}
          <Section title="Subscriptions">
            <WebhookSubscriptions
              subscriptions={data.subscriptions}
              canChange={canChangeWebhooks}
              removeSubscription={removeSubscription}
            />
          </Section>
          <div className="grid gap-8 border-t border-gray-100 pt-8 md:grid-cols-[minmax(12rem,16rem)_1fr]">
            <Section title="Status">
              <WebhookStatusSection webhook={data} canChange={canChangeWebhooks} />
            </Section>
            <Section title="Signing secret">
              <SigningSecret webhook={data} />
            </Section>
          </div>
          <Section title="Signature self-test">
            <SignatureSelfTest webhookId={data.id} disabled={data.status === 'disabled'} />
          </Section>
          <Section title="Health" className="border-t border-gray-100 pt-8">
            <WebhookHealthCard webhookId={data.id} />
          </Section>
          <Section title="Retry failed deliveries">
            <BulkRetry webhook={data} />
          </Section>
        </div>
        {deliveries ? (
          <Section
            title="Recent deliveries"
            actions={<SendTestEvent webhookId={data.id} disabled={data.status === 'disabled'} />}
            className="border-t border-gray-100 pt-8"
          >
            {deliveries}
            <p className="pt-2 text-right">
              <Link
                to={paths.deliveries({ webhookId: data.id })}
                className={linkClasses({ variant: 'action' })}
              >
                View all in Deliveries
                <ArrowRight aria-hidden="true" className="size-3.5" />
              </Link>
            </p>
          </Section>
        ) : null}
        <EditWebhookDialog webhook={data} open={editing} onOpenChange={setEditing} />
        <DeleteWebhookDialog
          webhook={deleting ? data : null}
          onOpenChange={setDeleting}
          removeSubscription={removeSubscription}
          onDeleted={onDeleted}
        />
      </div>
    );
  }

  return (
    <>
      {header}
      <PageBody>
        <PageBackLink to={paths.webhooks()}>Back to All Webhooks</PageBackLink>
        {body}
      </PageBody>
    </>
  );
}
