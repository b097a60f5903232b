import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMockAgent, db } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { AgentGeneralRoute } from './agent-general';
import { AgentSettingsRoute } from './agent-settings';

function renderGeneralTab() {
  const agent = createMockAgent({ name: 'Reception', description: 'Front desk' });
  const rendered = renderWithProviders(<AgentSettingsRoute />, {
    path: '/agents/:agentId',
    url: `/agents/${agent.id}/general`,
    children: [
      { path: 'general', element: <AgentGeneralRoute /> },
      { path: 'webhook', element: <p>The Webhook tab</p> },
    ],
  });
  return { agent, ...rendered };
}

describe('AgentGeneralRoute: leaving with unsaved edits', () => {
  it('asks first; staying keeps the edits, leaving drops them', async () => {
    const { agent, user } = renderGeneralTab();
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Reception desk');

    await user.click(screen.getByRole('link', { name: 'Webhook' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Reception desk');

    await user.click(screen.getByRole('link', { name: 'Webhook' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Leave' }),
    );
    expect(await screen.findByText('The Webhook tab')).toBeInTheDocument();
    expect(db.agents.find((a) => a.id === agent.id)?.name).toBe('Reception');
  });

  it('does not ask once the edits are saved, nor when there are none', async () => {
    const { user } = renderGeneralTab();
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.type(name, ' 2');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Agent saved')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Webhook' }));
    expect(await screen.findByText('The Webhook tab')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
