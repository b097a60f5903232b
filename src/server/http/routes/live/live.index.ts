import { createRouter } from '../../create-router';
import * as handlers from './live.handlers';
import * as routes from './live.routes';

export const liveRouter = createRouter().openapi(routes.live, handlers.live);
