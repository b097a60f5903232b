import { Plus, Trash2, Webhook } from 'lucide-react';
import { useState } from 'react';
import { Link } from '@client/lib/router';
import type { WebhookSummary } from '@contract/webhooks';
import { Badge } from '@client/components/ui/badge';
import { Button, buttonClasses } from '@client/components/ui/button';
import { EmptyState } from '@client/components/ui/empty-state';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader } from '@client/components/ui/table';
import { useToast } from '@client/components/ui/toast';
import { usePermissions } from '@client/lib/authorization';
import { formatDate, formatDateTime, formatDisabled } from '@client/lib/format';
import { useLiveUpdates } from '@client/lib/live-updates';
import { paths } from '@client/lib/paths';
import { useWebhooks } from '../api/get-webhooks';
import { DeleteWebhookDialog, type RemoveSubscription } from './delete-webhook-dialog';
import { WebhookStatusBadge } from './webhook-status-badge';

/** Enabled, failing since when, or disabled and why: what an admin scanning the list must see. */
function WebhookHealthStatus({ webhook }: { webhook: WebhookSummary }) {
  if (webhook.status === 'disabled') {
    return (
      <>
        <WebhookStatusBadge status="disabled" />
        {webhook.disabledReason ? (
          <span className="mt-1 block max-w-64 text-xs text-gray-600">
            {formatDisabled(webhook)}
          </span>
        ) : null}
      </>
    );
  }
  if (webhook.failingSince) {
    return (
      <>
        <Badge tone="danger">Failing</Badge>
        <span className="mt-1 block text-xs whitespace-nowrap text-gray-600">
          since <time dateTime={webhook.failingSince}>{formatDateTime(webhook.failingSince)}</time>
        </span>
      </>
    );
  }
  return <WebhookStatusBadge status="enabled" />;
}

export function WebhooksTable({ removeSubscription }: { removeSubscription: RemoveSubscription }) {
  const webhooks = useWebhooks();
  // A failing or automatically disabled endpoint shows as such without a reload.
  useLiveUpdates();
  const { canChangeWebhooks } = usePermissions();
  const { toast } = useToast();
  const [deleting, setDeleting] = useState<WebhookSummary | null>(null);

  if (webhooks.isPending) return <LoadingSkeleton label="Loading webhooks" lines={4} />;
  if (webhooks.isError) {
    return (
      <QueryError
        title="Could not load webhooks"
        error={webhooks.error}
        onRetry={webhooks.refetch}
      />
    );
  }
  if (webhooks.data.items.length === 0) {
    return (
      <EmptyState
        headingLevel={2}
        icon={<Webhook aria-hidden="true" className="size-5" />}
        title="No endpoints yet"
        action={
          canChangeWebhooks ? (
            <Link to={paths.newWebhook()} className={buttonClasses({ variant: 'primary' })}>
              <Plus aria-hidden="true" className="size-4" />
              Create an endpoint
            </Link>
          ) : null
        }
      >
        An endpoint is a URL on your server that receives call events as signed HTTP POSTs. Create
        one, then choose it on an agent&apos;s Webhook tab.
      </EmptyState>
    );
  }

  return (
    <>
      <Table>
        <TableHead>
          <tr>
            <TableHeader>URL</TableHeader>
            <TableHeader>Assigned agents</TableHeader>
            <TableHeader>Created on</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>
              <span className="sr-only">Actions</span>
            </TableHeader>
          </tr>
        </TableHead>
        <TableBody>
          {webhooks.data.items.map((webhook) => (
            <tr key={webhook.id} className="hover:bg-gray-50">
              <TableCell className="max-w-md">
                <Link
                  to={paths.webhook(webhook.id)}
                  className="block truncate text-gray-900 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  title={webhook.url}
                >
                  {webhook.url}
                </Link>
                {webhook.description ? (
                  <span className="block truncate text-xs text-gray-500">
                    {webhook.description}
                  </span>
                ) : null}
              </TableCell>
              <TableCell>
                {webhook.subscriptions.length > 0 ? (
                  webhook.subscriptions.map((s) => s.agentName).join(', ')
                ) : (
                  <span className="text-gray-500">None</span>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <time dateTime={webhook.createdAt}>{formatDate(webhook.createdAt)}</time>
              </TableCell>
              <TableCell>
                <WebhookHealthStatus webhook={webhook} />
              </TableCell>
              <TableCell className="w-12 text-right">
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Delete ${webhook.url}`}
                  title={canChangeWebhooks ? 'Delete' : 'Only admins can change webhooks'}
                  disabled={!canChangeWebhooks}
                  onClick={() => setDeleting(webhook)}
                >
                  <Trash2 aria-hidden="true" className="size-4" />
                </Button>
              </TableCell>
            </tr>
          ))}
        </TableBody>
      </Table>
      <DeleteWebhookDialog
        webhook={deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        removeSubscription={removeSubscription}
        onDeleted={() => {
          setDeleting(null);
          toast('Webhook deleted');
        }}
      />
    </>
  );
}
