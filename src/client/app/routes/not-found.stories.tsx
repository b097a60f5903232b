import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { pageParameters, renderPage } from '@testing/page-story';

const meta = {
  title: 'Pages/Not found',
  render: renderPage,
  parameters: pageParameters('/no-such-page'),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** An address the app does not know, inside the shell; its link goes home (the Agents page). */
export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('link', { name: 'Go to the home page' }));
    await expect(await canvas.findByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  },
};
