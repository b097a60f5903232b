import { NavLink, Outlet, useOutletContext, useParams } from '@client/lib/router';
import type { Agent } from '@contract/agents';
import { PageBody, PageHeader, PageTitle } from '@client/components/layout/page';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { CopyableValue } from '@client/components/ui/copy-button';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { useAgent } from '@client/features/agents/api/get-agent';
import { cn } from '@client/lib/cn';
import { paths } from '@client/lib/paths';

/** The tabs read the agent from here, so they render only once it has loaded. */
export function useSettingsAgent() {
  return useOutletContext() as Agent;
}

export function AgentSettingsRoute() {
  const { agentId = '' } = useParams();
  const agent = useAgent(agentId);

  let body;
  if (agent.isPending) {
    body = <LoadingSkeleton label="Loading agent" lines={4} />;
  } else if (agent.isError) {
    body = (
      <QueryError title="Could not load this agent" error={agent.error} onRetry={agent.refetch} />
    );
  } else {
    body = <Outlet context={agent.data satisfies Agent} />;
  }

  return (
    <>
      <title>{`${agent.data?.name ?? 'Agent'} · Ringpost`}</title>
      <PageHeader>
        <Breadcrumb
          items={[{ label: 'Agents', to: paths.agents() }, { label: agent.data?.name ?? '…' }]}
        />
      </PageHeader>
      <PageBody>
        <PageTitle>Agent Settings</PageTitle>
        {agent.data ? <AgentIds agent={agent.data} /> : null}
        <nav aria-label="Agent settings" className="mt-5 mb-8 border-b border-gray-200">
          <ul className="-mb-px flex gap-6">
            <SettingsTab to={paths.agentGeneral(agentId)}>General</SettingsTab>
            <SettingsTab to={paths.agentWebhook(agentId)}>Webhook</SettingsTab>
          </ul>
        </nav>
        {body}
      </PageBody>
    </>
  );
}

/**
 * The ids the call platform needs: Ringpost's, which POST /events takes as `agentId`, and the platform's
 * own when it registered the agent through the API.
 */
function AgentIds({ agent }: { agent: Agent }) {
  return (
    <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-gray-600">
      <AgentId term="Agent ID" value={agent.id} />
      {agent.externalId !== null ? <AgentId term="Platform ID" value={agent.externalId} /> : null}
    </dl>
  );
}

function AgentId({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <dt>{term}</dt>
      <dd className="min-w-0">
        <CopyableValue value={value} what={term.toLowerCase()} />
      </dd>
    </div>
  );
}

function SettingsTab({ to, children }: { to: string; children: string }) {
  return (
    <li>
      {/* NavLink marks the active tab with aria-current="page". */}
      <NavLink
        to={to}
        className={({ isActive }) =>
          cn(
            'inline-block border-b-2 px-1 pb-3 text-[15px] font-medium focus-visible:outline-2 focus-visible:outline-brand-600',
            isActive
              ? 'border-brand-600 text-gray-900'
              : 'border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900',
          )
        }
      >
        {children}
      </NavLink>
    </li>
  );
}
