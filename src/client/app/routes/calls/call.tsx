import { Link, useParams } from '@client/lib/router';
import { CallIdSchema } from '@contract/call-events';
import { PageBody, PageHeader, PageTitle } from '@client/components/layout/page';
import { PageBackLink } from '@client/components/layout/page-back-link';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { buttonClasses } from '@client/components/ui/button';
import { CopyButton } from '@client/components/ui/copy-button';
import { LiveIndicator } from '@client/components/ui/live-indicator';
import { Notice } from '@client/components/ui/notice';
import { CallView } from '@client/features/deliveries/components/call-view';
import { useLiveUpdates } from '@client/lib/live-updates';
import { paths } from '@client/lib/paths';

/** `/calls/:callId`: every delivery of one call, per endpoint, Start → End → Analytics Completed. */
export function CallRoute() {
  const { callId = '' } = useParams();
  const parsed = CallIdSchema.safeParse(callId);
  const live = useLiveUpdates();
  const list = paths.deliveries({ q: parsed.success ? parsed.data : undefined });

  return (
    <>
      <title>{`Call ${callId} · Ringpost`}</title>
      <PageHeader actions={<LiveIndicator state={live} />}>
        <Breadcrumb
          items={[{ label: 'Deliveries', to: paths.deliveries() }, { label: `Call ${callId}` }]}
        />
      </PageHeader>
      <PageBody>
        <PageBackLink to={list}>This call in Deliveries</PageBackLink>
        <div className="flex flex-wrap items-center gap-2">
          <PageTitle>
            Call <span className="font-mono text-xl font-medium break-all">{callId}</span>
          </PageTitle>
          {parsed.success ? <CopyButton value={callId} what="call id" /> : null}
        </div>
        <p className="mt-1 mb-8 text-sm text-gray-600">
          This call&apos;s deliveries in the order the call happened: Start, End, then Analytics
          Completed, for each endpoint they went to.
        </p>
        {parsed.success ? (
          <CallView
            key={parsed.data}
            callId={parsed.data}
            emptyAction={
              <Link to={paths.deliveries()} className={buttonClasses()}>
                All deliveries
              </Link>
            }
          />
        ) : (
          <Notice tone="warning">
            <p>
              This is not a call id: {parsed.error.issues[0]?.message ?? 'it cannot be searched'}.
            </p>
          </Notice>
        )}
      </PageBody>
    </>
  );
}
