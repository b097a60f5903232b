import { AgentGeneralForm } from '@client/features/agents/components/agent-general-form';
import { useSettingsAgent } from './agent-settings';

export function AgentGeneralRoute() {
  const agent = useSettingsAgent();
  return <AgentGeneralForm key={agent.id} agent={agent} />;
}
