import { PageBody, PageHeader, PageTitle } from '@client/components/layout/page';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { AgentsTable } from '@client/features/agents/components/agents-table';

export function AgentsRoute() {
  return (
    <>
      <title>Agents · Ringpost</title>
      <PageHeader>
        <Breadcrumb items={[{ label: 'Agents' }]} />
      </PageHeader>
      <PageBody>
        <PageTitle className="mb-6">Agents</PageTitle>
        <AgentsTable />
      </PageBody>
    </>
  );
}
