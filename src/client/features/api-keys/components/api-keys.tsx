import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import type { ApiKey } from '@contract/api-keys';
import { PageTitle } from '@client/components/layout/page';
import { Badge } from '@client/components/ui/badge';
import { Button } from '@client/components/ui/button';
import { EmptyState } from '@client/components/ui/empty-state';
import { FieldHint } from '@client/components/ui/field';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader } from '@client/components/ui/table';
import { ADMIN_ONLY, usePermissions } from '@client/lib/authorization';
import { formatDate, formatDateTime } from '@client/lib/format';
import { useApiKeys } from '../api/get-api-keys';
import { CreateApiKeyDialog } from './create-api-key-dialog';
import { RevokeApiKeyDialog } from './revoke-api-key-dialog';

const BEARER_EXPLANATION = (
  <>
    The call platform sends call events to Ringpost with an API key:{' '}
    <code className="font-mono text-xs text-gray-800">Authorization: Bearer &lt;key&gt;</code> on{' '}
    <code className="font-mono text-xs text-gray-800">POST /api/v1/events</code>.
  </>
);

/** Features → API keys: the machine credentials of the call platform's ingestion. */
export function ApiKeys() {
  const keys = useApiKeys();
  const { canManageApiKeys } = usePermissions();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const createButton = canManageApiKeys ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" className="size-4" />
      Create API key
    </Button>
  ) : null;

  let body;
  if (keys.isPending) {
    body = <LoadingSkeleton label="Loading API keys" lines={4} />;
  } else if (keys.isError) {
    body = <QueryError title="Could not load API keys" error={keys.error} onRetry={keys.refetch} />;
  } else if (keys.data.items.length === 0) {
    body = (
      <EmptyState
        headingLevel={2}
        icon={<KeyRound aria-hidden="true" className="size-5" />}
        title="No API keys yet"
        action={createButton}
      >
        {BEARER_EXPLANATION}
      </EmptyState>
    );
  } else {
    body = (
      <Table>
        <TableHead>
          <tr>
            <TableHeader>Name</TableHeader>
            <TableHeader>Key</TableHeader>
            <TableHeader>Created</TableHeader>
            <TableHeader>Last used</TableHeader>
            <TableHeader>Status</TableHeader>
            {canManageApiKeys ? (
              <TableHeader>
                <span className="sr-only">Actions</span>
              </TableHeader>
            ) : null}
          </tr>
        </TableHead>
        <TableBody>
          {keys.data.items.map((key) => (
            <tr key={key.id} className="hover:bg-gray-50">
              <TableCell className="font-medium text-gray-900">{key.name}</TableCell>
              <TableCell>
                <code className="font-mono text-[13px] whitespace-nowrap text-gray-800">
                  {key.prefix}…
                </code>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <time dateTime={key.createdAt}>{formatDate(key.createdAt)}</time>
                {key.createdBy ? (
                  <span className="block text-xs text-gray-600">by {key.createdBy}</span>
                ) : null}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {key.lastUsedAt ? (
                  <time dateTime={key.lastUsedAt}>{formatDateTime(key.lastUsedAt)}</time>
                ) : (
                  <span className="text-gray-600">Never</span>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {key.revokedAt ? (
                  <>
                    <Badge>Revoked</Badge>
                    <time dateTime={key.revokedAt} className="mt-1 block text-xs text-gray-600">
                      {formatDate(key.revokedAt)}
                    </time>
                  </>
                ) : (
                  <Badge tone="success">Active</Badge>
                )}
              </TableCell>
              {canManageApiKeys ? (
                <TableCell className="w-24 text-right">
                  {key.revokedAt ? null : (
                    <Button
                      size="sm"
                      variant="danger-ghost"
                      aria-label={`Revoke ${key.name}`}
                      onClick={() => setRevoking(key)}
                    >
                      Revoke
                    </Button>
                  )}
                </TableCell>
              ) : null}
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  }

  const hasKeys = (keys.data?.items.length ?? 0) > 0;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <PageTitle>API keys</PageTitle>
          {hasKeys ? <p className="mt-2 text-sm text-gray-600">{BEARER_EXPLANATION}</p> : null}
          {!canManageApiKeys ? <FieldHint>{ADMIN_ONLY.apiKeys}</FieldHint> : null}
        </div>
        {hasKeys ? createButton : null}
      </div>
      {body}
      {canManageApiKeys ? (
        <>
          <CreateApiKeyDialog open={creating} onOpenChange={setCreating} />
          <RevokeApiKeyDialog
            apiKey={revoking}
            onOpenChange={(open) => !open && setRevoking(null)}
          />
        </>
      ) : null}
    </>
  );
}
