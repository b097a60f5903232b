import type { Meta, StoryObj } from '@storybook/react-vite';
import { Badge } from './badge';
import { Table, TableBody, TableCell, TableHead, TableHeader } from './table';

const ROWS = [
  {
    url: 'https://crm.northwind.example/hooks/ringpost',
    agents: 'Reception, Appointment reminders',
    status: 'Enabled',
  },
  {
    url: 'https://analytics.northwind.example/ingest/calls',
    agents: 'Satisfaction survey',
    status: 'Failing',
  },
  {
    url: 'https://legacy.northwind.example/webhook',
    agents: 'After-hours line',
    status: 'Disabled',
  },
] as const;

const TONE = { Enabled: 'success', Failing: 'danger', Disabled: 'neutral' } as const;

type TableStoryArgs = {
  rows: readonly { url: string; agents: string; status: keyof typeof TONE }[];
};

function WebhooksTable({ rows }: TableStoryArgs) {
  return (
    <Table>
      <caption className="sr-only">Webhook endpoints</caption>
      <TableHead>
        <tr>
          <TableHeader>URL</TableHeader>
          <TableHeader>Agents</TableHeader>
          <TableHeader>Status</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <tr key={row.url}>
            <TableCell className="font-medium break-all text-gray-900">{row.url}</TableCell>
            <TableCell>{row.agents}</TableCell>
            <TableCell>
              <Badge tone={TONE[row.status]}>{row.status}</Badge>
            </TableCell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

const meta = {
  title: 'UI/Table',
  component: WebhooksTable,
  args: { rows: ROWS },
} satisfies Meta<typeof WebhooksTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const LongText: Story = {
  args: {
    rows: [
      ...ROWS,
      {
        url: 'https://ingest.eu-west-1.analytics.northwind.example/tenants/northwind-health/calls/events?format=ndjson',
        agents:
          'Reception, Appointment reminders, Satisfaction survey, After-hours line, Voicemail transcription',
        status: 'Enabled',
      },
    ],
  },
};

/** Narrower than its content, the table scrolls sideways instead of squeezing the columns. */
export const Narrow: Story = {
  decorators: [(Story) => <div className="max-w-xs">{Story()}</div>],
};
