import { http } from 'msw';
import {
  AgentListSchema,
  AgentSchema,
  PutAgentWebhookRequestSchema,
  UpdateAgentRequestSchema,
} from '@contract/agents';
import { UNKNOWN_ENDPOINT_ID } from '@contract/api-messages';
import { answer } from './mock-answer';
import { API, guard, invalidFields, noContent, parseBody, withAgent } from './mock-api';
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
    withAgent(params, 'admin', async (agent) => {
      const parsed = await parseBody(request, UpdateAgentRequestSchema);
      if (!parsed.ok) return parsed.response;
      Object.assign(agent, parsed.data, { updatedAt: new Date().toISOString() });
      return answer(AgentSchema, toAgent(agent));
    }),
  ),

  http.put(`${API}/agents/:id/webhook-subscriptions`, ({ params, request }) =>
    withAgent(params, 'admin', async (agent) => {
      const parsed = await parseBody(request, PutAgentWebhookRequestSchema);
      if (!parsed.ok) return parsed.response;
      if (!db.webhooks.some((w) => w.id === parsed.data.webhookId)) {
        return invalidFields({ webhookId: UNKNOWN_ENDPOINT_ID });
      }
      subscribeMockAgent(agent.id, parsed.data.webhookId, parsed.data.eventTypes);
      return answer(AgentSchema, toAgent(agent));
    }),
  ),

  http.delete(`${API}/agents/:id/webhook-subscriptions`, ({ params }) =>
    withAgent(params, 'admin', (agent) => {
      // Idempotent: removing a webhook the agent does not have is not an error.
      db.subscriptions = db.subscriptions.filter((s) => s.agentId !== agent.id);
      return noContent();
    }),
  ),
];
