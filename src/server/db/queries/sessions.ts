import { and, eq, gt, lt, or } from 'drizzle-orm';
import type { Session } from '@contract/auth';
import type { Queryable } from '../database';
import { organisations, sessions, users } from '../schema';

/** `createdAt` is the sign-in: the absolute lifetime counts from it (defaults to the database's clock). */
export async function createSession(
  db: Queryable,
  values: { id: string; userId: string; expiresAt: Date; createdAt?: Date },
) {
  await db.insert(sessions).values(values);
}

/** The session's caller, unless it has expired or was created before `createdAfter`. */
export async function findSessionCaller(
  db: Queryable,
  id: string,
  now: Date,
  createdAfter: Date,
): Promise<(Session & { expiresAt: Date; createdAt: Date }) | undefined> {
  const [row] = await db
    .select({
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
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
    .where(
      and(eq(sessions.id, id), gt(sessions.expiresAt, now), gt(sessions.createdAt, createdAfter)),
    );
  if (!row) return undefined;
  return {
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
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

/** Every session of the user: "sign out everywhere". */
export async function deleteSessionsOfUser(db: Queryable, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Sessions past their expiry, or created before `createdBefore` (past their absolute lifetime). */
export async function deleteExpiredSessions(db: Queryable, now: Date, createdBefore: Date) {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.createdAt, createdBefore)));
}
