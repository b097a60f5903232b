import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSchema } from '@contract/auth';
import { createSession } from '../../../db/queries/sessions';
import { generateToken, hashToken } from '../../../security/tokens';
import { SESSION_COOKIE } from '../../middleware/session';
import {
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';
import { expectApiError } from '../../../testing/expect-api';
import { MAX_FAILURES_PER_EMAIL } from './auth.handlers';

let ctx: TestContext;
let org: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation();
});
afterAll(async () => {
  await ctx.close();
});

function sessionCookie(headers: Headers): string | undefined {
  const raw = headers.get('set-cookie') ?? '';
  return new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(raw)?.[1];
}

const expectError = expectApiError;

describe('POST /api/v1/auth/login', () => {
  it('signs in, returns the session and sets an HttpOnly, SameSite session cookie', async () => {
    const { admin } = org.users;
    const response = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: admin.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(response.status).toBe(200);
    const session = SessionSchema.parse(response.body);
    expect(session.user).toMatchObject({ id: admin.id, email: admin.email, role: 'admin' });
    expect(session.organisation.id).toBe(org.id);

    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const token = sessionCookie(response.headers);
    expect(token).toBeDefined();

    const me = await ctx.request('GET', '/api/v1/auth/me', {
      headers: { cookie: `${SESSION_COOKIE}=${token ?? ''}` },
    });
    expect(me.status).toBe(200);
    expect(SessionSchema.parse(me.body).user.id).toBe(admin.id);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const other = await ctx.createOrganisation([]);
    const wrong = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: other.users.viewer.email, password: 'not the password' },
    });
    const unknown = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'not the password' },
    });
    const a = expectError(wrong, 401, 'unauthenticated');
    const b = expectError(unknown, 401, 'unauthenticated');
    expect(a.message).toBe(b.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses further attempts once an email has failed too often, even with the right password', async () => {
    const target = await ctx.createOrganisation([]);
    const email = target.users.support.email;
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const response = await ctx.request('POST', '/api/v1/auth/login', {
        body: { email, password: `wrong ${i}` },
      });
      expect(response.status).toBe(401);
    }
    const blocked = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email, password: TEST_PASSWORD },
    });
    expectError(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it.each([
    ['malformed JSON', { rawBody: '{"email": ' }, 400, 'invalid_json'],
    ['a missing password', { body: { email: 'a@example.com' } }, 400, 'validation_failed'],
    [
      'an extra field',
      { body: { email: 'a@example.com', password: 'x', remember: true } },
      400,
      'validation_failed',
    ],
    ['a wrongly typed email', { body: { email: 42, password: 'x' } }, 400, 'validation_failed'],
    [
      'an invalid email',
      { body: { email: 'not-an-email', password: 'x' } },
      400,
      'validation_failed',
    ],
    [
      'an over-long password',
      { body: { email: 'a@example.com', password: 'x'.repeat(1025) } },
      400,
      'validation_failed',
    ],
    [
      'a form-encoded body',
      {
        rawBody: 'email=a&password=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      415,
      'unsupported_media_type',
    ],
    [
      'a foreign Origin',
      { body: { email: 'a@example.com', password: 'x' }, origin: 'https://evil.example' },
      403,
      'origin_mismatch',
    ],
  ] as const)('refuses %s with the error envelope', async (_name, options, status, code) => {
    const before = await ctx.snapshot();
    const response = await ctx.request('POST', '/api/v1/auth/login', options);
    const error = expectError(response, status, code);
    expect(error.message.length).toBeGreaterThan(0);
    expect(await ctx.snapshot()).toBe(before);
  });

  it('names the offending fields', async () => {
    const response = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: 'nope', extra: 1 },
    });
    const error = expectError(response, 400, 'validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'extra', 'password']);
    expect(error.fields?.extra).toBe('Unknown field');
  });
});

describe('GET /api/v1/auth/me', () => {
  it('is 401 without a session, with an unknown token and with an expired session', async () => {
    expectError(await ctx.request('GET', '/api/v1/auth/me'), 401, 'unauthenticated');
    expectError(
      await ctx.request('GET', '/api/v1/auth/me', {
        headers: { cookie: `${SESSION_COOKIE}=forged-token` },
      }),
      401,
      'unauthenticated',
    );
    const token = generateToken();
    await createSession(ctx.db, {
      id: hashToken(token),
      userId: org.users.viewer.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    expectError(
      await ctx.request('GET', '/api/v1/auth/me', {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      }),
      401,
      'unauthenticated',
    );
  });

  it('returns each role its own user', async () => {
    for (const user of Object.values(org.users)) {
      const response = await ctx.request('GET', '/api/v1/auth/me', { as: user });
      expect(SessionSchema.parse(response.body).user).toMatchObject({
        id: user.id,
        role: user.role,
      });
    }
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('ends the session server-side and clears the cookie', async () => {
    const user = await ctx.createUser(org.id, 'viewer', `logout${Date.now()}`);
    const response = await ctx.request('POST', '/api/v1/auth/logout', { as: user });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expectError(await ctx.request('GET', '/api/v1/auth/me', { as: user }), 401, 'unauthenticated');
  });

  it('refuses a cross-site logout and keeps the session', async () => {
    const user = await ctx.createUser(org.id, 'viewer', `csrf${Date.now()}`);
    expectError(
      await ctx.request('POST', '/api/v1/auth/logout', {
        as: user,
        origin: 'https://evil.example',
      }),
      403,
      'origin_mismatch',
    );
    expect((await ctx.request('GET', '/api/v1/auth/me', { as: user })).status).toBe(200);
  });

  it('is 401 without a session', async () => {
    expectError(await ctx.request('POST', '/api/v1/auth/logout'), 401, 'unauthenticated');
  });
});
