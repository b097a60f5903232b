import { ArrowLeft } from 'lucide-react';
import { Link, useNavigate, useSearchParams } from '@client/lib/router';
import { PageBody, PageHeader, PageTitle } from '@client/components/layout/page';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { FieldHint } from '@client/components/ui/field';
import { useToast } from '@client/components/ui/toast';
import { CreateWebhookForm } from '@client/features/webhooks/components/create-webhook-form';
import { VerificationExample } from '@client/features/webhooks/components/verification-example';
import { ADMIN_ONLY, usePermissions } from '@client/lib/authorization';
import { paths, safeInternalPath, withSearchParam } from '@client/lib/paths';

/**
 * `?returnTo=<internal path>` sends the user back after creating, with `configure=<new id>` added:
 * an agent's Webhook tab reads it to reopen its modal with the new endpoint chosen.
 */
export function WebhookNewRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { toast } = useToast();
  const { canChangeWebhooks } = usePermissions();
  const returnTo = safeInternalPath(searchParams.get('returnTo'), '') || null;

  return (
    <>
      <title>Create endpoint · Ringpost</title>
      <PageHeader>
        <Breadcrumb items={[{ label: 'Webhooks', to: paths.webhooks() }, { label: 'Create' }]} />
      </PageHeader>
      <PageBody className="grid gap-10 xl:grid-cols-[minmax(0,28rem)_minmax(0,1fr)]">
        <div>
          <Link
            to={paths.webhooks()}
            className="mb-6 inline-flex items-center gap-2 rounded text-sm text-gray-600 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <ArrowLeft aria-hidden="true" className="size-4" />
            Back to webhooks
          </Link>
          <PageTitle className="mb-6">Listen to Agent events</PageTitle>
          {canChangeWebhooks ? (
            <CreateWebhookForm
              onCreated={(webhook) => {
                toast('Endpoint created');
                void navigate(
                  returnTo
                    ? withSearchParam(returnTo, 'configure', webhook.id)
                    : paths.webhook(webhook.id),
                );
              }}
              onCancel={() => void navigate(returnTo ?? paths.webhooks())}
            />
          ) : (
            <FieldHint>{ADMIN_ONLY.webhooks}</FieldHint>
          )}
        </div>
        <VerificationExample />
      </PageBody>
    </>
  );
}
