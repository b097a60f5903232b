import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { FieldError, FieldHint, Label, describedBy } from './field';
import { Input } from './input';

type FieldStoryArgs = { hint?: string; error?: string; long?: boolean };

/** Label, input, hint and error as the forms put them together. */
function UrlField({ hint, error }: FieldStoryArgs) {
  return (
    <div className="max-w-md">
      <Label htmlFor="url">Endpoint URL</Label>
      <Input
        id="url"
        className="mt-1.5"
        defaultValue="https://crm.northwind.example/hooks"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && 'url-hint', error && 'url-error')}
      />
      {hint ? <FieldHint id="url-hint">{hint}</FieldHint> : null}
      <FieldError id="url-error">{error}</FieldError>
    </div>
  );
}

const meta = {
  title: 'UI/Field',
  component: UrlField,
} satisfies Meta<typeof UrlField>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithHint: Story = { args: { hint: 'Where Ringpost POSTs the events: https only.' } };

/** The error is linked to its input, so a screen reader reads it with the field. */
export const WithError: Story = {
  args: {
    hint: 'Where Ringpost POSTs the events: https only.',
    error: 'Enter a full URL, such as https://example.com/webhook',
  },
  play: async ({ canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Endpoint URL' });
    await expect(input).toBeInvalid();
    await expect(input).toHaveAccessibleDescription(
      'Where Ringpost POSTs the events: https only. Enter a full URL, such as https://example.com/webhook',
    );
  },
};

export const LongText: Story = {
  args: {
    hint: 'Where Ringpost POSTs the events. Plain http:// is accepted only for addresses in RINGPOST_ALLOWED_TARGETS, such as a receiver on your own machine during development; everything else must be https.',
    error:
      'This address is in a private network range (10.0.0.0/8) that Ringpost does not deliver to. Ask an operator to add it to RINGPOST_ALLOWED_TARGETS if it really is your receiver.',
  },
};
