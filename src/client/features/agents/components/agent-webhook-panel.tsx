import { PhoneCall, Pencil, Plus, Trash2, Webhook } from 'lucide-react';
import { Suspense, lazy, useState } from 'react';
import { Link } from '@client/lib/router';
import type { Agent } from '@contract/agents';
import type { TestCallResponse } from '@contract/deliveries';
import { EVENT_TYPE_INFO } from '@contract/event-type-info';
import { ErrorAlert } from '@client/components/ui/alert';
import { Badge, Chip } from '@client/components/ui/badge';
import { Button } from '@client/components/ui/button';
import { EmptyState } from '@client/components/ui/empty-state';
import { FieldHint } from '@client/components/ui/field';
import { errorMessage } from '@client/lib/api-client';
import { formatDisabled } from '@client/lib/format';
import { ADMIN_ONLY, ADMIN_OR_SUPPORT_ONLY, usePermissions } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';
import { useMakeTestCall } from '../api/make-test-call';

// The confirmation brings Radix Dialog; the tab itself must stay light for a first visit.
const loadRemoveDialog = () => import('./remove-agent-webhook-dialog');
const RemoveAgentWebhookDialog = lazy(async () => ({
  default: (await loadRemoveDialog()).RemoveAgentWebhookDialog,
}));

export interface AgentWebhookPanelProps {
  agent: Agent;
  onConfigure: () => void;
  /** Warms the dialog's code when the user is about to open it. */
  onIntentToConfigure?: () => void;
  /** A test call was started; the route shows its deliveries (another feature's) below. */
  onTestCallStarted?: (call: TestCallResponse) => void;
  /** Warms the code that follows a test call when the user is about to start one. */
  onIntentToTestCall?: () => void;
}

export function AgentWebhookPanel({
  agent,
  onConfigure,
  onIntentToConfigure,
  onTestCallStarted,
  onIntentToTestCall,
}: AgentWebhookPanelProps) {
  const { canChangeAgents, canSendTests } = usePermissions();
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const testCall = useMakeTestCall(agent.id);
  const webhook = agent.webhook;
  const adminHint = canChangeAgents ? undefined : 'agent-webhook-admin-only';
  const testCallHint = canSendTests ? undefined : 'agent-test-call-not-allowed';

  const configureButtonProps = {
    onClick: onConfigure,
    onPointerEnter: onIntentToConfigure,
    onFocus: onIntentToConfigure,
    disabled: !canChangeAgents,
    'aria-describedby': adminHint,
  };

  return (
    <section aria-labelledby="agent-webhook-heading" className="max-w-3xl">
      <h2 id="agent-webhook-heading" className="text-lg font-semibold text-gray-900">
        Webhook
      </h2>
      <p className="mt-1 text-sm text-gray-600">Webhook used for receiving agent events</p>

      <div className="mt-5">
        {webhook ? (
          <div className="rounded-xl border border-gray-200">
            <dl className="divide-y divide-gray-100">
              <div className="grid gap-1 px-5 py-4 sm:grid-cols-[10rem_1fr]">
                <dt className="text-sm font-medium text-gray-600">Endpoint</dt>
                <dd className="min-w-0">
                  <Link
                    to={paths.webhook(webhook.webhookId)}
                    className="break-all text-sm font-medium text-gray-900 underline decoration-gray-300 underline-offset-4 hover:decoration-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    {webhook.url}
                  </Link>
                </dd>
              </div>
              <div className="grid gap-1 px-5 py-4 sm:grid-cols-[10rem_1fr]">
                <dt className="text-sm font-medium text-gray-600">Events</dt>
                <dd>
                  <ul aria-label="Subscribed events" className="flex flex-wrap gap-2">
                    {webhook.eventTypes.map((type) => (
                      <li key={type}>
                        <Chip>{EVENT_TYPE_INFO[type].label}</Chip>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div className="grid gap-1 px-5 py-4 sm:grid-cols-[10rem_1fr]">
                <dt className="text-sm font-medium text-gray-600">Status</dt>
                <dd className="flex flex-wrap items-center gap-2 text-sm text-gray-600">
                  {webhook.status === 'enabled' ? (
                    <Badge tone="success">Enabled</Badge>
                  ) : (
                    <Badge tone="warning">Disabled</Badge>
                  )}
                  {webhook.disabledReason ? <span>{formatDisabled(webhook)}</span> : null}
                </dd>
              </div>
            </dl>
            <div className="flex flex-wrap items-center gap-3 border-t border-gray-100 px-5 py-4">
              <Button {...configureButtonProps}>
                <Pencil aria-hidden="true" className="size-4" />
                Edit
              </Button>
              <Button
                variant="danger-ghost"
                onClick={() => setConfirmingRemove(true)}
                onPointerEnter={() => void loadRemoveDialog()}
                onFocus={() => void loadRemoveDialog()}
                disabled={!canChangeAgents}
                aria-describedby={adminHint}
              >
                <Trash2 aria-hidden="true" className="size-4" />
                Remove webhook
              </Button>
              <Button
                className="sm:ml-auto"
                onClick={() => {
                  testCall.reset();
                  testCall.mutate(undefined, { onSuccess: (call) => onTestCallStarted?.(call) });
                }}
                onPointerEnter={onIntentToTestCall}
                onFocus={onIntentToTestCall}
                disabled={!canSendTests || testCall.isPending}
                aria-describedby={testCallHint}
              >
                <PhoneCall aria-hidden="true" className="size-4" />
                {testCall.isPending ? 'Calling…' : 'Make test call'}
              </Button>
            </div>
            {adminHint || testCallHint || testCall.isError ? (
              <div className="space-y-2 px-5 pb-4">
                {adminHint ? <FieldHint id={adminHint}>{ADMIN_ONLY.webhooks}</FieldHint> : null}
                {testCallHint ? (
                  <FieldHint id={testCallHint}>{ADMIN_OR_SUPPORT_ONLY.tests}</FieldHint>
                ) : null}
                {testCall.isError ? <ErrorAlert>{errorMessage(testCall.error)}</ErrorAlert> : null}
              </div>
            ) : null}
          </div>
        ) : (
          <EmptyState
            icon={<Webhook aria-hidden="true" className="size-5" />}
            title="No webhook configured"
            action={
              <div className="flex flex-col items-center gap-2">
                <Button variant="primary" {...configureButtonProps}>
                  <Plus aria-hidden="true" className="size-4" />
                  Add webhook
                </Button>
                {adminHint ? <FieldHint id={adminHint}>{ADMIN_ONLY.webhooks}</FieldHint> : null}
              </div>
            }
          >
            Choose an endpoint and the call events this agent sends to it.
          </EmptyState>
        )}
      </div>

      {confirmingRemove ? (
        <Suspense fallback={null}>
          <RemoveAgentWebhookDialog agent={agent} open onOpenChange={setConfirmingRemove} />
        </Suspense>
      ) : null}
    </section>
  );
}
