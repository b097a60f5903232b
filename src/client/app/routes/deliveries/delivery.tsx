import { useLocation, useNavigate, useParams } from '@client/lib/router';
import { z } from 'zod';
import { DeliveryPayloadDialog } from '@client/features/deliveries/components/delivery-payload-dialog';
import { paths } from '@client/lib/paths';

/** Set by the list's rows: the panel was opened from the list, so closing it is going Back. */
const FromListSchema = z.object({ fromList: z.literal(true) });

/**
 * `/deliveries/:deliveryId` (a deep link, or a row opened from the list): the delivery in a panel at
 * the right edge, over the Deliveries page and its filters.
 */
export function DeliveryRoute() {
  const { deliveryId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const fromList = FromListSchema.safeParse(location.state).success;

  const close = () => {
    if (fromList) void navigate(-1);
    else void navigate(`${paths.deliveries()}${location.search}`);
  };

  return (
    <>
      <title>{`Delivery ${deliveryId} · Ringpost`}</title>
      <DeliveryPayloadDialog
        key={deliveryId}
        deliveryId={deliveryId}
        placement="right"
        open
        onOpenChange={(next) => !next && close()}
        deliveryLink={(id) => `${paths.delivery(id)}${location.search}`}
      />
    </>
  );
}
