import { createRouter } from '../../create-router';
import * as handlers from './deliveries.handlers';
import * as routes from './deliveries.routes';

export const deliveriesRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.redeliver, handlers.redeliver)
  .openapi(routes.redeliverToUrl, handlers.redeliverToUrl);
