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
  placement,
  showCallLink,
  deliveryLink,
}: {
  deliveryId: string | null;
  onClose: () => void;
  placement?: 'center' | 'right';
  /** "View call" beside the call id (default); off where the call is already shown. */
  showCallLink?: boolean;
  deliveryLink?: (deliveryId: string) => string;
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
        placement={placement}
        showCallLink={showCallLink}
        deliveryLink={deliveryLink}
        open
        onOpenChange={(open) => !open && onClose()}
      />
    </Suspense>
  );
}
