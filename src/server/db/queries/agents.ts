import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../database';
import { agents, agentWebhooks, webhooks } from '../schema';
import { deleteAgentWebhook } from './agent-webhooks';

const agentWithWebhook = {
  agent: agents,
  subscription: {
    webhookId: agentWebhooks.webhookId,
    eventTypes: agentWebhooks.eventTypes,
    updatedAt: agentWebhooks.updatedAt,
    url: webhooks.url,
    status: webhooks.status,
    disabledReason: webhooks.disabledReason,
    disabledAt: webhooks.disabledAt,
  },
};

/**
 * The organisation's agents that exist: one the platform deleted keeps its row for its history
 * (deleted_at) but is gone for every list, page and change. With `id`, that one agent.
 */
function liveAgents(organisationId: string, id?: string) {
  return and(
    eq(agents.organisationId, organisationId),
    id === undefined ? undefined : eq(agents.id, id),
    isNull(agents.deletedAt),
  );
}

export type AgentWithWebhookRow = Awaited<ReturnType<typeof listAgents>>[number];

/** An agent and, if it has one, its webhook subscription joined to the endpoint. */
export async function listAgents(db: Queryable, organisationId: string) {
  return db
    .select(agentWithWebhook)
    .from(agents)
    .leftJoin(agentWebhooks, eq(agentWebhooks.agentId, agents.id))
    .leftJoin(webhooks, eq(webhooks.id, agentWebhooks.webhookId))
    .where(liveAgents(organisationId))
    .orderBy(asc(agents.name), asc(agents.id));
}

export async function findAgent(db: Queryable, organisationId: string, id: string) {
  const [row] = await db
    .select(agentWithWebhook)
    .from(agents)
    .leftJoin(agentWebhooks, eq(agentWebhooks.agentId, agents.id))
    .leftJoin(webhooks, eq(webhooks.id, agentWebhooks.webhookId))
    .where(liveAgents(organisationId, id));
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
    .where(liveAgents(organisationId, id));
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
    .where(liveAgents(organisationId, id))
    .returning({ id: agents.id });
  return updated.length > 0;
}

/**
 * The platform's PUT: creates the agent under its external id, or replaces its name and description.
 * One statement, so two PUTs racing for a new id make one agent. A deleted agent put again comes back
 * (same id, so its history is its own again) without the webhook it had. `created` says which happened.
 */
export async function putExternalAgent(
  db: Queryable,
  organisationId: string,
  externalId: string,
  values: { name: string; description: string },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const [row] = await db
    .insert(agents)
    .values({
      id: crypto.randomUUID(),
      organisationId,
      externalId,
      ...values,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [agents.organisationId, agents.externalId],
      targetWhere: sql`${agents.externalId} is not null`,
      set: { ...values, deletedAt: null, updatedAt: now },
    })
    // xmax is 0 on a row this statement inserted, and its locker's id on one it updated.
    .returning({ id: agents.id, created: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error('upsert returned no row');
  return row;
}

/**
 * The platform's DELETE: the agent leaves lists and pages and its webhook is removed, so no new
 * deliveries are made for it; the row stays for its events and deliveries. Returns the agent's id, or
 * undefined when the organisation has no (undeleted) agent with this external id.
 */
export async function deleteExternalAgent(
  db: Database,
  organisationId: string,
  externalId: string,
  now: Date,
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(agents)
      .set({ deletedAt: now, updatedAt: now })
      .where(and(liveAgents(organisationId), eq(agents.externalId, externalId)))
      .returning({ id: agents.id });
    if (!row) return undefined;
    await deleteAgentWebhook(tx, organisationId, row.id);
    return row.id;
  });
}
