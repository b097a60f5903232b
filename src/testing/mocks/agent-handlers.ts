import { http } from 'msw';
import {
  AgentListSchema,
  AgentSchema,
  PutAgentWebhookRequestSchema,
  UpdateAgentRequestSchema,
} from '@contract/agents';
import { UNKNOWN_ENDPOINT_ID } from '@contract/api-messages';
import { answer } from './mock-answer';
import { API, guard, invalidFields, noContent, withAgent } from './mock-api';
import { db, subscribeMockAgent, toAgent } from './mock-db';

export const agentHandlers = [
  http.get(`${API}/agents`, () =>
    guard('signedIn', () => {
      const items = [...db.agents].sort((a, b) => a.name.localeCompare(b.name)).map(toAgent);
      return answer(AgentListSchema, { items });
    }),
  ),

  http.get(`${API}/agents/:id`, ({ params }) =>
    withAgent(params, 'signedIn', (agent) => answer(AgentSchema, toAgent(agent))),
  ),

  http.patch(`${API}/agents/:id`, ({ params, request }) =>
    withAgent(
      params,
      'admin',
      (agent, _user, body) => {
        Object.assign(agent, body, { updatedAt: new Date().toISOString() });
        return answer(AgentSchema, toAgent(agent));
      },
      { request, schema: UpdateAgentRequestSchema },
    ),
  ),

  http.put(`${API}/agents/:id/webhook-subscriptions`, ({ params, request }) =>
    withAgent(
      params,
      'admin',
      (agent, _user, body) => {
        if (!db.webhooks.some((w) => w.id === body.webhookId)) {
          return invalidFields({ webhookId: UNKNOWN_ENDPOINT_ID });
        }
        subscribeMockAgent(agent.id, body.webhookId, body.eventTypes);
        return answer(AgentSchema, toAgent(agent));
      },
      { request, schema: PutAgentWebhookRequestSchema },
    ),
  ),

  http.delete(`${API}/agents/:id/webhook-subscriptions`, ({ params }) =>
    withAgent(params, 'admin', (agent) => {
      // Idempotent: removing a webhook the agent does not have is not an error.
      db.subscriptions = db.subscriptions.filter((s) => s.agentId !== agent.id);
      return noContent();
    }),
  ),
];
