import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, userEvent } from 'storybook/test';
import { Label } from './field';
import {
  Select,
  SelectContent,
  SelectItem,
  SelectItemText,
  SelectTrigger,
  SelectValue,
} from './select';

const ENDPOINTS = [
  { id: 'crm', url: 'https://crm.northwind.example/hooks/ringpost', note: 'CRM sync' },
  { id: 'analytics', url: 'https://analytics.northwind.example/ingest/calls', note: 'Failing' },
  {
    id: 'legacy',
    url: 'https://legacy.northwind.example/webhook',
    note: 'Disabled',
    disabled: true,
  },
];

type SelectStoryArgs = { defaultValue?: string; disabled?: boolean; long?: boolean };

/** The endpoint picker of Configure Webhook: a label, the trigger, items with a note under each URL. */
function EndpointSelect({ defaultValue, disabled, long }: SelectStoryArgs) {
  const items = long
    ? [
        ...ENDPOINTS,
        {
          id: 'long',
          url: 'https://ingest.eu-west-1.analytics.northwind.example/tenants/northwind-health/calls/events',
          note: 'A very long URL',
        },
      ]
    : ENDPOINTS;
  return (
    <div className="max-w-md">
      <Label id="endpoint-label">Endpoint</Label>
      <Select defaultValue={defaultValue} disabled={disabled}>
        <SelectTrigger aria-labelledby="endpoint-label" className="mt-1.5">
          <SelectValue placeholder="Choose an endpoint" />
        </SelectTrigger>
        <SelectContent>
          {items.map((item) => (
            <SelectItem
              key={item.id}
              value={item.id}
              disabled={'disabled' in item && item.disabled}
            >
              <div className="min-w-0">
                <SelectItemText>{item.url}</SelectItemText>
                <p className="text-xs text-gray-600">{item.note}</p>
              </div>
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

const meta = {
  title: 'UI/Select',
  component: EndpointSelect,
} satisfies Meta<typeof EndpointSelect>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Opens, shows each endpoint, and puts the chosen URL in the trigger. */
export const Placeholder: Story = {
  play: async ({ canvas }) => {
    const trigger = canvas.getByRole('combobox', { name: 'Endpoint' });
    await userEvent.click(trigger);
    await userEvent.click(
      await screen.findByRole('option', { name: /analytics\.northwind\.example/ }),
    );
    await expect(trigger).toHaveTextContent('https://analytics.northwind.example/ingest/calls');
  },
};

export const Chosen: Story = { args: { defaultValue: 'crm' } };

export const Disabled: Story = { args: { defaultValue: 'crm', disabled: true } };

export const LongText: Story = { args: { defaultValue: 'long', long: true } };
