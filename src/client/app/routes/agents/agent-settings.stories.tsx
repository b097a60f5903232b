import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { notFoundMessage } from '@contract/api-messages';
import { ADMIN_ONLY } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';
import {
  agentNamed,
  errorStory,
  expectQueryError,
  loadingStory,
  pageParameters,
  renderPage,
} from '@testing/page-story';

/** Agent Settings → General: the agent's name and description. */
const meta = {
  title: 'Pages/Agent settings/General',
  render: renderPage,
  parameters: pageParameters(() => paths.agentGeneral(agentNamed('Reception').id)),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { level: 1, name: 'Agent Settings' }),
    ).toBeVisible();
    await expect(await canvas.findByLabelText('Name')).toHaveValue('Reception');
    await expect(canvas.getByRole('link', { name: 'General' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    // Nothing changed yet, so nothing to save.
    await expect(canvas.getByRole('button', { name: 'Save' })).toBeDisabled();
  },
};

export const Loading: Story = loadingStory('/agents/:id', 'Loading agent');

export const Error: Story = errorStory('/agents/:id', 'Could not load this agent');

/** A link to an agent that is gone. */
export const UnknownAgent: Story = {
  parameters: pageParameters(paths.agentGeneral('00000000-0000-4000-8000-00000000ffff')),
  play: async ({ canvas }) => {
    await expectQueryError(canvas, 'Could not load this agent', notFoundMessage('Agent'));
  },
};

/** A viewer reads the form but cannot save it, and is told why. */
export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByLabelText('Name')).toHaveValue('Reception');
    const save = canvas.getByRole('button', { name: 'Save' });
    await expect(save).toBeDisabled();
    await expect(save).toHaveAccessibleDescription(ADMIN_ONLY.agents);
  },
};
