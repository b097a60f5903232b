import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../database';
import { agents, agentWebhooks, webhooks } from '../schema';

const agentWithWebhook = {
  agent: agents,
  subscription: {
    webhookId: agentWebhooks.webhookId,
    eventTypes: agentWebhooks.eventTypes,
    updatedAt: agentWebhooks.updatedAt,
    url: webhooks.url,
    status: webhooks.status,
    disabledReason: webhooks.disabledReason,
  },
};

export type AgentWithWebhookRow = Awaited<ReturnType<typeof listAgents>>[number];

/** An agent and, if it has one, its webhook subscription joined to the endpoint. */
export async function listAgents(db: Queryable, organisationId: string) {
  return db
    .select(agentWithWebhook)
    .from(agents)
    .leftJoin(agentWebhooks, eq(agentWebhooks.agentId, agents.id))
    .leftJoin(webhooks, eq(webhooks.id, agentWebhooks.webhookId))
    .where(eq(agents.organisationId, organisationId))
    .orderBy(asc(agents.name), asc(agents.id));
}

export async function findAgent(db: Queryable, organisationId: string, id: string) {
  const [row] = await db
    .select(agentWithWebhook)
    .from(agents)
    .leftJoin(agentWebhooks, eq(agentWebhooks.agentId, agents.id))
    .leftJoin(webhooks, eq(webhooks.id, agentWebhooks.webhookId))
    .where(and(eq(agents.organisationId, organisationId), eq(agents.id, id)));
  return row;
}

export async function agentExists(
  db: Queryable,
  organisationId: string,
  id: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.organisationId, organisationId), eq(agents.id, id)));
  return row !== undefined;
}

export async function insertAgent(
  db: Queryable,
  values: { organisationId: string; name: string; description?: string },
) {
  const [row] = await db
    .insert(agents)
    .values({ id: crypto.randomUUID(), ...values })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Returns false when no agent of that organisation has this id. */
export async function updateAgent(
  db: Queryable,
  organisationId: string,
  id: string,
  patch: { name?: string; description?: string },
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(agents)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(agents.organisationId, organisationId), eq(agents.id, id)))
    .returning({ id: agents.id });
  return updated.length > 0;
}
