import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Queryable } from '../database';
import { apiKeys, users } from '../schema';

export async function insertApiKey(
  db: Queryable,
  values: {
    organisationId: string;
    name: string;
    prefix: string;
    keyHash: string;
    createdBy: string;
  },
) {
  const [row] = await db
    .insert(apiKeys)
    .values({ id: crypto.randomUUID(), ...values })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

const listColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  createdBy: users.name,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

export async function listApiKeys(db: Queryable, organisationId: string) {
  return db
    .select(listColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.organisationId, organisationId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function findApiKey(db: Queryable, organisationId: string, id: string) {
  const [row] = await db
    .select(listColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.organisationId, organisationId), eq(apiKeys.id, id)));
  return row;
}

export async function revokeApiKey(
  db: Queryable,
  organisationId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiKeys.organisationId, organisationId),
        eq(apiKeys.id, id),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id });
  return updated.length > 0;
}

/** The active key with this hash, if any. */
export async function findActiveApiKeyByHash(db: Queryable, keyHash: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      organisationId: apiKeys.organisationId,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return row;
}

/** "Last used" to the minute: one write per key per minute however many events it sends. */
export async function touchApiKey(db: Queryable, id: string, now: Date) {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
}
