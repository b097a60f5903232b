import { createRouter } from '../../create-router';
import * as handlers from './webhooks.handlers';
import * as routes from './webhooks.routes';

export const webhooksRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.get, handlers.get)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.rotateSecret, handlers.rotateSecret)
  .openapi(routes.enable, handlers.enable)
  .openapi(routes.disable, handlers.disable)
  .openapi(routes.sendTest, handlers.sendTest)
  .openapi(routes.signatureTest, handlers.signatureTest)
  .openapi(routes.replaySkipped, handlers.replaySkipped)
  .openapi(routes.health, handlers.health);
