import { setupServer } from 'msw/node';
import { handlers } from './mocks/handlers';

/** The MSW server for client tests; tests add one-off failures with `server.use(...)`. */
export const server = setupServer(...handlers);
