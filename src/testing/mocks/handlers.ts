import { agentHandlers } from './agent-handlers';
import { apiKeyHandlers } from './api-key-handlers';
import { authHandlers } from './auth-handlers';
import { deliveryHandlers } from './delivery-handlers';
import { webhookHandlers } from './webhook-handlers';

/**
 * Every API route the browser app uses, over the in-memory database in mock-db.ts. The delivery
 * routes come before the webhook ones: `POST /webhooks/:id/:action` answers 404 for actions it does
 * not know, such as `test`.
 */
export const handlers = [
  ...authHandlers,
  ...agentHandlers,
  ...deliveryHandlers,
  ...webhookHandlers,
  ...apiKeyHandlers,
];
