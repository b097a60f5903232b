import { createRouter } from '../../create-router';
import * as handlers from './agents.handlers';
import * as routes from './agents.routes';

export const agentsRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.update, handlers.update)
  .openapi(routes.putWebhook, handlers.putWebhook)
  .openapi(routes.removeWebhook, handlers.removeWebhook)
  .openapi(routes.testCall, handlers.testCall)
  .openapi(routes.putExternal, handlers.putExternal)
  .openapi(routes.deleteExternal, handlers.deleteExternal);
