import { HttpResponse, http } from 'msw';
import {
  PutAgentWebhookRequestSchema,
  UpdateAgentRequestSchema,
  type Agent,
  type AgentList,
} from '@contract/agents';
import { API, apiError, guard, noContent, parseBody, withAgent } from './mock-api';
import { db, subscribeMockAgent, toAgent } from './mock-db';

export const agentHandlers = [
  http.get(`${API}/agents`, () =>
    guard('signedIn', () => {
      const items = [...db.agents].sort((a, b) => a.name.localeCompare(b.name)).map(toAgent);
      return HttpResponse.json<AgentList>({ items });
    }),
  ),

  http.get(`${API}/agents/:id`, ({ params }) =>
    withAgent(params, 'signedIn', (agent) => HttpResponse.json<Agent>(toAgent(agent))),
  ),

  http.patch(`${API}/agents/:id`, ({ params, request }) =>
    withAgent(params, 'admin', async (agent) => {
      const parsed = await parseBody(request, UpdateAgentRequestSchema);
      if (!parsed.ok) return parsed.response;
      Object.assign(agent, parsed.data, { updatedAt: new Date().toISOString() });
      return HttpResponse.json<Agent>(toAgent(agent));
    }),
  ),

  http.put(`${API}/agents/:id/webhook-subscriptions`, ({ params, request }) =>
    withAgent(params, 'admin', async (agent) => {
      const parsed = await parseBody(request, PutAgentWebhookRequestSchema);
      if (!parsed.ok) return parsed.response;
      if (!db.webhooks.some((w) => w.id === parsed.data.webhookId)) {
        return apiError(400, 'validation_failed', 'Check the highlighted fields', {
          webhookId: 'There is no webhook endpoint with this id',
        });
      }
      subscribeMockAgent(agent.id, parsed.data.webhookId, parsed.data.eventTypes);
      return HttpResponse.json<Agent>(toAgent(agent));
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
