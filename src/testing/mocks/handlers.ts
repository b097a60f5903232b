import { agentHandlers } from './agent-handlers';
import { authHandlers } from './auth-handlers';
import { webhookHandlers } from './webhook-handlers';

/** Every API route the browser app uses, over the in-memory database in mock-db.ts. */
export const handlers = [...authHandlers, ...agentHandlers, ...webhookHandlers];
