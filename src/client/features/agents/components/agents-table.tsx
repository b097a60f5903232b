import { Bot } from 'lucide-react';
import { Link } from '@client/lib/router';
import { EmptyState } from '@client/components/ui/empty-state';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader } from '@client/components/ui/table';
import { paths } from '@client/lib/paths';
import { useAgents } from '../api/get-agents';

export function AgentsTable() {
  const agents = useAgents();

  if (agents.isPending) return <LoadingSkeleton label="Loading agents" lines={4} />;
  if (agents.isError) {
    return (
      <QueryError title="Could not load agents" error={agents.error} onRetry={agents.refetch} />
    );
  }
  if (agents.data.items.length === 0) {
    return (
      <EmptyState
        headingLevel={2}
        icon={<Bot aria-hidden="true" className="size-5" />}
        title="No agents yet"
      >
        Agents appear here once they are created on the voice platform.
      </EmptyState>
    );
  }

  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeader>Name</TableHeader>
          <TableHeader>Description</TableHeader>
          <TableHeader>Webhook</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {agents.data.items.map((agent) => (
          <tr key={agent.id} className="hover:bg-gray-50">
            <TableCell>
              <Link
                to={paths.agentGeneral(agent.id)}
                className="font-medium text-gray-900 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                {agent.name}
              </Link>
            </TableCell>
            <TableCell className="max-w-md">
              <span className="line-clamp-2">{agent.description || '-'}</span>
            </TableCell>
            <TableCell className="max-w-sm">
              {agent.webhook ? (
                <span className="block truncate" title={agent.webhook.url}>
                  {agent.webhook.url}
                </span>
              ) : (
                <span className="text-gray-500">Not configured</span>
              )}
            </TableCell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
