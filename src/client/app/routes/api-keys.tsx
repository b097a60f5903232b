import { PageBody, PageHeader } from '@client/components/layout/page';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { ApiKeys } from '@client/features/api-keys/components/api-keys';

export function ApiKeysRoute() {
  return (
    <>
      <title>API keys · Ringpost</title>
      <PageHeader>
        <Breadcrumb items={[{ label: 'API keys' }]} />
      </PageHeader>
      <PageBody>
        <ApiKeys />
      </PageBody>
    </>
  );
}
