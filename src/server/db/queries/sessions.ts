import { and, eq, gt, lt } from 'drizzle-orm';
import type { Session } from '@contract/auth';
import type { Queryable } from '../database';
import { organisations, sessions, users } from '../schema';

export async function createSession(
  db: Queryable,
  values: { id: string; userId: string; expiresAt: Date },
) {
  await db.insert(sessions).values(values);
}

export async function findSessionCaller(
  db: Queryable,
  id: string,
  now: Date,
): Promise<(Session & { expiresAt: Date }) | undefined> {
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row) return undefined;
  return {
    expiresAt: row.expiresAt,
    user: { id: row.userId, email: row.email, name: row.name, role: row.role },
    organisation: { id: row.organisationId, name: row.organisationName },
  };
}

export async function extendSession(db: Queryable, id: string, expiresAt: Date) {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Queryable, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteExpiredSessions(db: Queryable, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
