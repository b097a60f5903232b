import { and, desc, eq } from 'drizzle-orm';
import type { WebhookStatus } from '@contract/webhooks';
import type { Queryable } from '../database';
import { webhooks } from '../schema';

export type WebhookRow = typeof webhooks.$inferSelect;

export async function listWebhooks(db: Queryable, organisationId: string): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(eq(webhooks.organisationId, organisationId))
    .orderBy(desc(webhooks.createdAt), desc(webhooks.id));
}

export async function findWebhook(
  db: Queryable,
  organisationId: string,
  id: string,
): Promise<WebhookRow | undefined> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.organisationId, organisationId), eq(webhooks.id, id)));
  return row;
}

export async function findWebhookByUrl(db: Queryable, organisationId: string, url: string) {
  const [row] = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.organisationId, organisationId), eq(webhooks.url, url)));
  return row;
}

export async function insertWebhook(
  db: Queryable,
  values: {
    organisationId: string;
    url: string;
    description: string | null;
    headers: Record<string, string>;
    secret: string;
  },
  now: Date,
): Promise<WebhookRow> {
  const [row] = await db
    .insert(webhooks)
    .values({ id: crypto.randomUUID(), ...values, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

type WebhookPatch = Partial<
  Pick<
    WebhookRow,
    | 'url'
    | 'description'
    | 'headers'
    | 'secret'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
    | 'status'
    | 'disabledReason'
  >
>;

export async function updateWebhook(
  db: Queryable,
  organisationId: string,
  id: string,
  patch: WebhookPatch,
  now: Date,
): Promise<WebhookRow | undefined> {
  const [row] = await db
    .update(webhooks)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(webhooks.organisationId, organisationId), eq(webhooks.id, id)))
    .returning();
  return row;
}

export async function setWebhookStatus(
  db: Queryable,
  organisationId: string,
  id: string,
  status: WebhookStatus,
  disabledReason: string | null,
  now: Date,
) {
  return updateWebhook(db, organisationId, id, { status, disabledReason }, now);
}

export async function deleteWebhook(
  db: Queryable,
  organisationId: string,
  id: string,
): Promise<boolean> {
  const deleted = await db
    .delete(webhooks)
    .where(and(eq(webhooks.organisationId, organisationId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  return deleted.length > 0;
}
