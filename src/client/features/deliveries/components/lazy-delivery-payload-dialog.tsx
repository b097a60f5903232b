import { Suspense, lazy } from 'react';

// The dialog brings Radix Dialog and the attempt views: load it when a payload is about to be viewed.
const loadDialog = () => import('./delivery-payload-dialog');
const DeliveryPayloadDialog = lazy(async () => ({
  default: (await loadDialog()).DeliveryPayloadDialog,
}));

/** Warms the dialog's code when the user points at or focuses a "View payload" button. */
export function preloadDeliveryPayloadDialog() {
  void loadDialog();
}

/** The payload dialog for `deliveryId`, or nothing while no delivery is chosen. */
export function LazyDeliveryPayloadDialog({
  deliveryId,
  onClose,
  pollMs,
}: {
  deliveryId: string | null;
  onClose: () => void;
  /** How often an open delivery that is on its way is asked for again. */
  pollMs?: number;
}) {
  if (deliveryId === null) return null;
  return (
    <Suspense
      fallback={
        <div role="status" className="fixed inset-0 z-50 bg-gray-900/40">
          <span className="sr-only">Loading</span>
        </div>
      }
    >
      <DeliveryPayloadDialog
        deliveryId={deliveryId}
        pollMs={pollMs}
        open
        onOpenChange={(open) => !open && onClose()}
      />
    </Suspense>
  );
}
