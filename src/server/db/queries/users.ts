import { and, eq } from 'drizzle-orm';
import type { Role } from '@contract/auth';
import type { Queryable } from '../database';
import { users } from '../schema';

export async function findUserByEmail(db: Queryable, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function insertUser(
  db: Queryable,
  values: { organisationId: string; email: string; name: string; role: Role; passwordHash: string },
) {
  const [row] = await db
    .insert(users)
    .values({ id: crypto.randomUUID(), ...values, email: values.email.toLowerCase() })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * Replaces a password hash only if it is still the one read: a re-hash at sign-in must not undo a
 * password change made meanwhile.
 */
export async function replacePasswordHash(
  db: Queryable,
  id: string,
  previousHash: string,
  passwordHash: string,
) {
  await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.id, id), eq(users.passwordHash, previousHash)));
}
