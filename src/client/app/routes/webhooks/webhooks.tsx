import { Plus } from 'lucide-react';
import { Link } from '@client/lib/router';
import { PageBody, PageHeader, PageTitle } from '@client/components/layout/page';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { Button, buttonClasses } from '@client/components/ui/button';
import { FieldHint } from '@client/components/ui/field';
import { useDeleteAgentWebhook } from '@client/features/agents/api/delete-agent-webhook';
import { WebhooksTable } from '@client/features/webhooks/components/webhooks-table';
import { ADMIN_ONLY, usePermissions } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';

export function WebhooksRoute() {
  const { canChangeWebhooks } = usePermissions();
  const removeAgentWebhook = useDeleteAgentWebhook();

  return (
    <>
      <title>Webhooks · Ringpost</title>
      <PageHeader
        actions={
          canChangeWebhooks ? (
            <Link to={paths.newWebhook()} className={buttonClasses({ variant: 'primary' })}>
              <Plus aria-hidden="true" className="size-4" />
              Create
            </Link>
          ) : (
            <>
              <FieldHint id="webhooks-admin-only">{ADMIN_ONLY.webhooks}</FieldHint>
              <Button variant="primary" disabled aria-describedby="webhooks-admin-only">
                <Plus aria-hidden="true" className="size-4" />
                Create
              </Button>
            </>
          )
        }
      >
        <Breadcrumb items={[{ label: 'Webhooks' }]} />
      </PageHeader>
      <PageBody>
        <PageTitle className="mb-6 text-xl">Hosted endpoints</PageTitle>
        <WebhooksTable removeSubscription={(agentId) => removeAgentWebhook.mutateAsync(agentId)} />
      </PageBody>
    </>
  );
}
