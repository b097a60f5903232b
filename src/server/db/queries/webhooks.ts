import { and, desc, eq, sql } from 'drizzle-orm';
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
    /** Chosen by the caller: sealed credentials are bound to it. */
    id: string;
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
    .values({ ...values, createdAt: now, updatedAt: now })
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
    | 'disabledAt'
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
  return updateWebhook(
    db,
    organisationId,
    id,
    { status, disabledReason, disabledAt: status === 'disabled' ? now : null },
    now,
  );
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

type Credentials = Pick<WebhookRow, 'id' | 'secret' | 'previousSecret' | 'headers'>;

/** Endpoints with any credential not sealed by the key `keyId` (plain, or sealed by an older key). */
export async function listCredentialsNotSealedWith(
  db: Queryable,
  keyId: string,
): Promise<Credentials[]> {
  const current = `enc:v1:${keyId}:%`;
  return db
    .select({
      id: webhooks.id,
      secret: webhooks.secret,
      previousSecret: webhooks.previousSecret,
      headers: webhooks.headers,
    })
    .from(webhooks)
    .where(
      sql`${webhooks.secret} not like ${current}
        or ${webhooks.previousSecret} not like ${current}
        or exists (select 1 from jsonb_each_text(${webhooks.headers}) h where h.value not like ${current})`,
    );
}

/**
 * Writes re-sealed credentials only if the endpoint still holds the ones they were made from: an admin
 * who rotates the secret meanwhile wins, and the next pass re-seals their value.
 */
export async function replaceCredentials(
  db: Queryable,
  from: Credentials,
  to: Omit<Credentials, 'id'>,
): Promise<boolean> {
  const updated = await db
    .update(webhooks)
    .set(to)
    .where(
      and(
        eq(webhooks.id, from.id),
        eq(webhooks.secret, from.secret),
        sql`${webhooks.previousSecret} is not distinct from ${from.previousSecret}`,
        sql`${webhooks.headers} = ${JSON.stringify(from.headers)}::jsonb`,
      ),
    )
    .returning({ id: webhooks.id });
  return updated.length > 0;
}
