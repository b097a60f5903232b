import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Queryable } from '../database';
import { loginAttempts } from '../schema';

export async function recordLoginAttempt(
  db: Queryable,
  values: { email: string; ip: string; succeeded: boolean },
) {
  await db.insert(loginAttempts).values(values);
}

/** Failed attempts since `since`, by email and by client address; kept in the database so that every API process sees them. */
export async function countRecentFailures(db: Queryable, email: string, ip: string, since: Date) {
  const [byEmail] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, since),
      ),
    );
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ip, ip),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, since),
      ),
    );
  return { byEmail: byEmail?.n ?? 0, byIp: byIp?.n ?? 0 };
}

export async function deleteLoginAttemptsBefore(db: Queryable, before: Date) {
  await db.delete(loginAttempts).where(lt(loginAttempts.createdAt, before));
}
