import { createRouter } from '../../create-router';
import * as handlers from './calls.handlers';
import * as routes from './calls.routes';

export const callsRouter = createRouter().openapi(routes.get, handlers.get);
