import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import {
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestOrganisation,
} from '../../testing/test-app';
import { expectApiError } from '../../testing/expect-api';

let ctx: TestContext;
let org: TestOrganisation;
let behindPublicUrl: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation([]);
  behindPublicUrl = await createTestContext({
    env: { RINGPOST_PUBLIC_URL: 'https://ringpost.example.com' },
  });
});
afterAll(async () => {
  await ctx.close();
  await behindPublicUrl.close();
});

async function loginAttempts(context: TestContext): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await context.db.execute(sql`select count(*)::int as n from login_attempts`),
  );
  return rows[0]?.n ?? 0;
}

describe('the Host guard', () => {
  it('keeps a rebinding-style Host away from sign-in: no check, no cookie', async () => {
    const before = await loginAttempts(ctx);
    const response = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: org.users.admin.email, password: TEST_PASSWORD },
      headers: { host: 'rebind.attacker.example' },
      origin: 'http://rebind.attacker.example',
    });
    expectApiError(response, 421, 'host_not_allowed');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await loginAttempts(ctx)).toBe(before);
  });

  it('refuses any other name for the API and the app, even with a valid session', async () => {
    for (const host of [
      'rebind.attacker.example',
      '192.168.1.20:3000',
      'localhost.attacker.example',
    ]) {
      for (const path of ['/api/v1/auth/me', '/api/openapi.json', '/agents']) {
        expectApiError(
          await ctx.request('GET', path, { as: org.users.viewer, headers: { host } }),
          421,
          'host_not_allowed',
        );
      }
    }
    // A URL built from another Host (as the Node server builds it) is refused too.
    const byUrl = await ctx.app.request('http://rebind.attacker.example/api/v1/auth/me');
    expect(byUrl.status).toBe(421);
  });

  it('answers loopback names on any port', async () => {
    for (const host of [
      'localhost',
      'localhost:5173',
      '127.0.0.1:3000',
      '[::1]:8080',
      'LOCALHOST',
    ]) {
      const response = await ctx.request('GET', '/api/v1/auth/me', {
        as: org.users.viewer,
        headers: { host },
      });
      expect({ host, status: response.status }).toEqual({ host, status: 200 });
    }
  });

  it("answers the public URL's host, on any port", async () => {
    for (const host of ['ringpost.example.com', 'ringpost.example.com:8443', 'localhost:3000']) {
      const response = await behindPublicUrl.request('GET', '/api/v1/auth/me', {
        headers: { host },
      });
      expect({ host, status: response.status }).toEqual({ host, status: 401 });
    }
    expectApiError(
      await behindPublicUrl.request('GET', '/api/v1/auth/me', {
        headers: { host: 'ringpost.example.com.attacker.example' },
      }),
      421,
      'host_not_allowed',
    );
  });

  it('leaves /healthz and /readyz open for load balancers', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const response = await ctx.request('GET', path, { headers: { host: '10.0.0.7:3000' } });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });
});
