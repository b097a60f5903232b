import { HttpResponse, http } from 'msw';
import {
  PutAgentWebhookRequestSchema,
  UpdateAgentRequestSchema,
  type Agent,
  type AgentList,
} from '@contract/agents';
import {
  API,
  apiError,
  authorise,
  checkId,
  noContent,
  parseBody,
  simulateLatency,
} from './mock-api';
import { db, subscribeMockAgent, toAgent } from './mock-db';

function findAgent(id: unknown) {
  return db.agents.find((agent) => agent.id === id);
}

const agentNotFound = () => apiError(404, 'not_found', 'There is no agent with this id');

export const agentHandlers = [
  http.get(`${API}/agents`, async () => {
    await simulateLatency();
    const auth = authorise();
    if (!auth.ok) return auth.response;
    const items = [...db.agents].sort((a, b) => a.name.localeCompare(b.name)).map(toAgent);
    return HttpResponse.json<AgentList>({ items });
  }),

  http.get(`${API}/agents/:id`, async ({ params }) => {
    await simulateLatency();
    const auth = authorise();
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    const agent = findAgent(params.id);
    if (!agent) return agentNotFound();
    return HttpResponse.json<Agent>(toAgent(agent));
  }),

  http.patch(`${API}/agents/:id`, async ({ params, request }) => {
    await simulateLatency();
    const auth = authorise({ adminOnly: true });
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    const agent = findAgent(params.id);
    if (!agent) return agentNotFound();
    const parsed = await parseBody(request, UpdateAgentRequestSchema);
    if (!parsed.ok) return parsed.response;
    Object.assign(agent, parsed.data, { updatedAt: new Date().toISOString() });
    return HttpResponse.json<Agent>(toAgent(agent));
  }),

  http.put(`${API}/agents/:id/webhook-subscriptions`, async ({ params, request }) => {
    await simulateLatency();
    const auth = authorise({ adminOnly: true });
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    const agent = findAgent(params.id);
    if (!agent) return agentNotFound();
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

  http.delete(`${API}/agents/:id/webhook-subscriptions`, async ({ params }) => {
    await simulateLatency();
    const auth = authorise({ adminOnly: true });
    if (!auth.ok) return auth.response;
    const invalid = checkId(params.id);
    if (invalid) return invalid;
    if (!findAgent(params.id)) return agentNotFound();
    // Idempotent: removing a webhook the agent does not have is not an error.
    db.subscriptions = db.subscriptions.filter((s) => s.agentId !== params.id);
    return noContent();
  }),
];
