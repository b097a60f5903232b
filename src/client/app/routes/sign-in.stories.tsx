import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { WRONG_CREDENTIALS } from '@contract/api-messages';
import { MOCK_PASSWORD } from '@testing/mocks/mock-db';
import { SERVER_ERROR, neverAnswers, pageParameters, renderPage } from '@testing/page-story';

const meta = {
  title: 'Pages/Sign in',
  render: renderPage,
  parameters: pageParameters('/sign-in'),
  globals: { role: 'none' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

async function signIn(canvas: StoryContext['canvas'], password: string) {
  await userEvent.type(await canvas.findByLabelText('Email'), 'admin@example.com');
  await userEvent.type(canvas.getByLabelText('Password'), password);
  await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
}

/** Signing in lands on the Agents page. */
export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await signIn(canvas, MOCK_PASSWORD);
    await expect(await canvas.findByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  },
};

export const WrongPassword: Story = {
  play: async ({ canvas }) => {
    await signIn(canvas, 'not the password');
    await expect(await canvas.findByRole('alert')).toHaveTextContent(WRONG_CREDENTIALS);
  },
};

/** The answer has not come yet: the button says so and cannot be pressed twice. */
export const SigningIn: Story = {
  parameters: { msw: neverAnswers('/auth/login', 'post') },
  play: async ({ canvas }) => {
    await signIn(canvas, MOCK_PASSWORD);
    await expect(await canvas.findByRole('button', { name: 'Signing in…' })).toBeDisabled();
  },
};

export const ServerError: Story = {
  globals: { network: 'server-errors' },
  play: async ({ canvas }) => {
    await signIn(canvas, MOCK_PASSWORD);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(SERVER_ERROR);
  },
};

/** A page opened while signed out sends you here, and back there once signed in. */
export const SignedOutElsewhere: Story = {
  parameters: pageParameters('/webhooks'),
  play: async ({ canvas }) => {
    await signIn(canvas, MOCK_PASSWORD);
    await expect(
      await canvas.findByRole('heading', { level: 1, name: 'Hosted endpoints' }),
    ).toBeVisible();
  },
};
