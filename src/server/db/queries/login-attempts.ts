import { and, count, desc, eq, gt, lt, max, or, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../database';
import { loginAttempts } from '../schema';

/**
 * Advisory-lock classes (the first of the two int keys), so that an email and an address can never
 * share a lock by their hashes colliding.
 */
const EMAIL_LOCK = 727_101;
const ADDRESS_LOCK = 727_102;

/** Failed, or still being checked: an attempt whose outcome is unknown counts against the caller. */
const notSucceeded = sql`${loginAttempts.succeeded} is not true`;

export interface LoginAttemptWindow {
  email: string;
  ip: string;
  now: Date;
  /** Start of the window the limits count failures in. */
  since: Date;
  /** How far back a success makes the address the account's own. */
  knownSince: Date;
  /** How many of the newest failures each hard limit needs to see. */
  pairLimit: number;
  addressLimit: number;
}

async function readHistory(tx: Queryable, window: LoginAttemptWindow) {
  const { email, ip, since } = window;
  const [lastSuccess] = await tx
    .select({ at: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.ip, ip),
        eq(loginAttempts.succeeded, true),
        gt(loginAttempts.createdAt, window.knownSince),
      ),
    );
  const lastSuccessAt = lastSuccess?.at ?? undefined;
  const pairSince = lastSuccessAt && lastSuccessAt > since ? lastSuccessAt : since;
  const pairFailures = await tx
    .select({ at: loginAttempts.createdAt })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.ip, ip),
        notSucceeded,
        gt(loginAttempts.createdAt, pairSince),
      ),
    )
    .orderBy(desc(loginAttempts.createdAt))
    .limit(window.pairLimit);
  const addressFailures = await tx
    .select({ at: loginAttempts.createdAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), notSucceeded, gt(loginAttempts.createdAt, since)))
    .orderBy(desc(loginAttempts.createdAt))
    .limit(window.addressLimit);
  const [account] = await tx
    .select({ n: count(), latest: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), notSucceeded, gt(loginAttempts.createdAt, since)));
  return {
    pairFailures: pairFailures.map((row) => row.at),
    addressFailures: addressFailures.map((row) => row.at),
    accountFailures: account?.n ?? 0,
    latestAccountFailure: account?.latest ?? undefined,
    knownAddress: lastSuccessAt !== undefined,
  };
}

export type LoginAttemptHistory = Awaited<ReturnType<typeof readHistory>>;

/**
 * Decides whether a sign-in may be checked and, if so, records it as pending, atomically: attempts on
 * the same email or from the same address queue on advisory locks, so each one counts every attempt
 * before it, including those whose passwords are still being checked. The password itself is checked
 * after this returns, outside the locks; finishLoginAttempt records the outcome.
 */
export async function reserveLoginAttempt<Decision extends { allowed: boolean }>(
  db: Database,
  window: LoginAttemptWindow,
  decide: (history: LoginAttemptHistory) => Decision,
): Promise<{ decision: Decision; attemptId: number | undefined }> {
  return db.transaction(async (tx) => {
    // Always the email first, then the address: one order everywhere, so two attempts cannot deadlock.
    await tx.execute(
      sql`select pg_advisory_xact_lock(${EMAIL_LOCK}::int, hashtext(${window.email}))`,
    );
    await tx.execute(
      sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}::int, hashtext(${window.ip}))`,
    );
    const decision = decide(await readHistory(tx, window));
    if (!decision.allowed) return { decision, attemptId: undefined };
    const [row] = await tx
      .insert(loginAttempts)
      .values({ email: window.email, ip: window.ip, succeeded: null, createdAt: window.now })
      .returning({ id: loginAttempts.id });
    return { decision, attemptId: row?.id };
  });
}

export async function finishLoginAttempt(db: Queryable, id: number, succeeded: boolean) {
  await db.update(loginAttempts).set({ succeeded }).where(eq(loginAttempts.id, id));
}

/**
 * Failures only matter inside the limits' window; successes are kept for as long as they make an
 * address the account's own.
 */
export async function deleteOldLoginAttempts(
  db: Queryable,
  { failuresBefore, successesBefore }: { failuresBefore: Date; successesBefore: Date },
) {
  await db
    .delete(loginAttempts)
    .where(
      or(
        and(notSucceeded, lt(loginAttempts.createdAt, failuresBefore)),
        lt(loginAttempts.createdAt, successesBefore),
      ),
    );
}
