import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { loginAttempts } from '../schema';
import { deleteOldLoginAttempts } from './login-attempts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const DAY = 86_400_000;

describe('deleteOldLoginAttempts', () => {
  it('drops failures after a day but keeps successes, which make an address known, for 30 days', async () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const email = 'housekeeping@example.com';
    await ctx.db.insert(loginAttempts).values([
      { email, ip: 'failed-old', succeeded: false, createdAt: ago(2) },
      { email, ip: 'pending-old', succeeded: null, createdAt: ago(2) },
      { email, ip: 'failed-new', succeeded: false, createdAt: ago(0.5) },
      { email, ip: 'succeeded-old', succeeded: true, createdAt: ago(31) },
      { email, ip: 'succeeded-known', succeeded: true, createdAt: ago(20) },
    ]);
    await deleteOldLoginAttempts(ctx.db, { failuresBefore: ago(1), successesBefore: ago(30) });
    const left = await ctx.db
      .select({ ip: loginAttempts.ip })
      .from(loginAttempts)
      .where(eq(loginAttempts.email, email));
    expect(left.map((row) => row.ip).sort()).toEqual(['failed-new', 'succeeded-known']);
  });
});
