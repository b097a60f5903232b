import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMockAgent } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { AgentSettingsRoute } from './agent-settings';

function renderSettings(externalId: string | null) {
  const agent = createMockAgent({ name: 'Reception', externalId });
  const rendered = renderWithProviders(<AgentSettingsRoute />, {
    path: '/agents/:agentId',
    url: `/agents/${agent.id}`,
    signedInAs: 'viewer',
  });
  return { agent, ...rendered };
}

describe('AgentSettingsRoute: the agent’s ids', () => {
  it('shows the id POST /events takes, with a button that copies it', async () => {
    const { agent, user } = renderSettings(null);
    const term = await screen.findByText('Agent ID');
    const value = term.nextElementSibling as HTMLElement;
    expect(within(value).getByText(agent.id)).toBeInTheDocument();
    await user.click(within(value).getByRole('button', { name: 'Copy agent id' }));
    expect(await navigator.clipboard.readText()).toBe(agent.id);
    // Made in the console: there is no platform id to show.
    expect(screen.queryByText('Platform ID')).not.toBeInTheDocument();
  });

  it('shows the platform’s own id when the platform registered the agent', async () => {
    renderSettings('crm-agent-17');
    const term = await screen.findByText('Platform ID');
    const value = term.nextElementSibling as HTMLElement;
    expect(within(value).getByText('crm-agent-17')).toBeInTheDocument();
    expect(within(value).getByRole('button', { name: 'Copy platform id' })).toBeInTheDocument();
  });
});
