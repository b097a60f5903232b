import { createRouter } from '../../create-router';
import * as handlers from './retry-jobs.handlers';
import * as routes from './retry-jobs.routes';

export const retryJobsRouter = createRouter()
  .openapi(routes.preview, handlers.preview)
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.cancel, handlers.cancel);
