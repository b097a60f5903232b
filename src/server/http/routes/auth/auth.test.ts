import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSchema } from '@contract/auth';
import { createSession } from '../../../db/queries/sessions';
import { insertUser } from '../../../db/queries/users';
import { loginAttempts, users } from '../../../db/schema';
import { hashPassword } from '../../../security/passwords';
import { generateToken, hashToken } from '../../../security/tokens';
import { SESSION_COOKIE } from '../../middleware/session';
import {
  createTestContext,
  TEST_PASSWORD,
  TEST_SCRYPT_COST,
  type ApiResponse,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';
import { expectApiError } from '../../../testing/expect-api';
import { SIGN_IN_LIMITS } from './sign-in-policy';

let ctx: TestContext;
let org: TestOrganisation;

/** Behind one trusted proxy, so that each test can sign in from addresses of its own; on a clock the tests move. */
let proxied: TestContext;
let clock = Date.now();
const advance = (ms: number) => {
  clock += ms;
};

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation();
  proxied = await createTestContext({
    env: { RINGPOST_TRUST_PROXY: 'true' },
    now: () => new Date(clock),
  });
});
afterAll(async () => {
  await ctx.close();
  await proxied.close();
});

function sessionCookie(headers: Headers): string | undefined {
  const raw = headers.get('set-cookie') ?? '';
  return new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(raw)?.[1];
}

let addressCounter = 0;
/** A client address no other test uses. */
function freshAddress(): string {
  addressCounter++;
  return `198.18.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

/** Signs in through the trusted proxy, which appends `from` to whatever X-Forwarded-For the client sent. */
function signInFrom(
  from: string,
  email: string,
  password: string,
  options: { claimed?: string; cookie?: string; context?: TestContext } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {
    'x-forwarded-for': options.claimed ? `${options.claimed}, ${from}` : from,
  };
  if (options.cookie) headers.cookie = `${SESSION_COOKIE}=${options.cookie}`;
  return (options.context ?? proxied).request('POST', '/api/v1/auth/login', {
    body: { email, password },
    headers,
  });
}

function me(context: TestContext, token: string): Promise<ApiResponse> {
  return context.request('GET', '/api/v1/auth/me', {
    headers: { cookie: `${SESSION_COOKIE}=${token}` },
  });
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

  it('refuses further attempts from an address that failed too often for an account, even with the right password', async () => {
    const target = await ctx.createOrganisation([]);
    const email = target.users.support.email;
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress; i++) {
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

describe('sign-in limits', () => {
  const countStatuses = (responses: ApiResponse[]) => ({
    checked: responses.filter((response) => response.status === 401).length,
    refused: responses.filter((response) => response.status === 429).length,
  });

  it('checks at most the limit of 30 concurrent wrong passwords for one account from one address', async () => {
    const target = await proxied.createOrganisation([]);
    const from = freshAddress();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signInFrom(from, target.users.viewer.email, `wrong ${i}`),
      ),
    );
    const { checked, refused } = countStatuses(responses);
    expect({ checked, refused }).toEqual({
      checked: SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress,
      refused: 30 - SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress,
    });
    const attempts = await proxied.db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.email, target.users.viewer.email));
    expect(attempts).toHaveLength(checked);
    expect(attempts.every((attempt) => attempt.succeeded === false)).toBe(true);
  });

  it('checks at most the free failures of 30 concurrent wrong passwords for one account from 30 addresses', async () => {
    const target = await proxied.createOrganisation([]);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signInFrom(freshAddress(), target.users.viewer.email, `wrong ${i}`),
      ),
    );
    expect(countStatuses(responses)).toEqual({
      checked: SIGN_IN_LIMITS.accountFailuresBeforeDelay,
      refused: 30 - SIGN_IN_LIMITS.accountFailuresBeforeDelay,
    });
  });

  it('lets the right password in from the user’s address while another address has locked itself out', async () => {
    const target = await proxied.createOrganisation([]);
    const email = target.users.support.email;
    const attacker = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress; i++) {
      expect((await signInFrom(attacker, email, `guess ${i}`)).status).toBe(401);
    }
    const blocked = await signInFrom(attacker, email, `guess again`);
    expectError(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);

    expect((await signInFrom(freshAddress(), email, TEST_PASSWORD)).status).toBe(200);
  });

  it('does not let anyone else’s failures lock the admin out', async () => {
    const target = await proxied.createOrganisation([]);
    const { email } = target.users.admin;
    const home = freshAddress();
    expect((await signInFrom(home, email, TEST_PASSWORD)).status).toBe(200);

    // An attack from many addresses, each stopping at its own limit.
    for (let wave = 0; wave < 8; wave++) {
      const from = freshAddress();
      for (let i = 0; i <= SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress; i++) {
        await signInFrom(from, email, `guess ${wave}.${i}`);
      }
      advance(2_000);
    }

    // From where the admin signed in before: no wait at all.
    expect((await signInFrom(home, email, TEST_PASSWORD)).status).toBe(200);

    // From a new place: a short wait, never a lock-out.
    const travelling = freshAddress();
    const wait = await signInFrom(travelling, email, TEST_PASSWORD);
    expectError(wait, 429, 'rate_limited');
    const seconds = Number(wait.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.maxDelayMs / 1000);
    advance(seconds * 1000);
    expect((await signInFrom(travelling, email, TEST_PASSWORD)).status).toBe(200);
  });

  it('stops one address trying many accounts, whatever X-Forwarded-For it claims', async () => {
    const sprayer = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.maxFailuresPerAddress; i++) {
      const response = await signInFrom(
        sprayer,
        `sprayed${i}.${sprayer}@example.com`,
        'Summer2030!',
        {
          claimed: `203.0.113.${i}`,
        },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await signInFrom(freshAddress(), `sprayed0.${sprayer}@example.com`, 'x')).status).toBe(
      401,
    );
  });

  it('forgets an address’s failures for an account once it signs in to it', async () => {
    const target = await proxied.createOrganisation([]);
    const { email } = target.users.viewer;
    const from = freshAddress();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress - 1; i++) {
        expect((await signInFrom(from, email, `typo ${round}.${i}`)).status).toBe(401);
      }
      expect((await signInFrom(from, email, TEST_PASSWORD)).status).toBe(200);
    }
  });
});

describe('sessions', () => {
  it('end 30 days after sign-in however often they are used', async () => {
    const target = await proxied.createOrganisation([]);
    const signedIn = await signInFrom(freshAddress(), target.users.viewer.email, TEST_PASSWORD);
    const token = sessionCookie(signedIn.headers) ?? '';
    for (let day = 6; day <= 24; day += 6) {
      advance(6 * 86_400_000);
      expect((await me(proxied, token)).status).toBe(200);
    }
    advance(5 * 86_400_000);
    expect((await me(proxied, token)).status).toBe(200);
    advance(86_400_000 + 60_000);
    expectError(await me(proxied, token), 401, 'unauthenticated');
  });

  it('are replaced, not added to, when signing in with a session cookie', async () => {
    const user = await ctx.createUser(org.id, 'viewer', `resign${Date.now()}`);
    const first = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
    });
    const a = sessionCookie(first.headers) ?? '';
    const second = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
      headers: { cookie: `${SESSION_COOKIE}=${a}` },
    });
    const b = sessionCookie(second.headers) ?? '';
    expect(b).not.toBe(a);
    expectError(await me(ctx, a), 401, 'unauthenticated');
    expect((await me(ctx, b)).status).toBe(200);
  });
});

describe('POST /api/v1/auth/logout-all', () => {
  it('ends every session of the user, and only theirs, for any role', async () => {
    for (const role of ['admin', 'support', 'viewer'] as const) {
      const user = await ctx.createUser(org.id, role, `everywhere${role}${Date.now()}`);
      const other = await ctx.createUser(org.id, role, `bystander${role}${Date.now()}`);
      const elsewhere = sessionCookie(
        (
          await ctx.request('POST', '/api/v1/auth/login', {
            body: { email: user.email, password: TEST_PASSWORD },
          })
        ).headers,
      );
      const response = await ctx.request('POST', '/api/v1/auth/logout-all', { as: user });
      expect(response.status).toBe(204);
      expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
      expectError(
        await ctx.request('GET', '/api/v1/auth/me', { as: user }),
        401,
        'unauthenticated',
      );
      expectError(await me(ctx, elsewhere ?? ''), 401, 'unauthenticated');
      expect((await ctx.request('GET', '/api/v1/auth/me', { as: other })).status).toBe(200);
    }
  });

  it('is 401 without a session and refuses a cross-site request', async () => {
    expectError(await ctx.request('POST', '/api/v1/auth/logout-all'), 401, 'unauthenticated');
    const user = await ctx.createUser(org.id, 'viewer', `csrfall${Date.now()}`);
    expectError(
      await ctx.request('POST', '/api/v1/auth/logout-all', {
        as: user,
        origin: 'https://evil.example',
      }),
      403,
      'origin_mismatch',
    );
    expect((await ctx.request('GET', '/api/v1/auth/me', { as: user })).status).toBe(200);
  });
});

describe('the session cookie', () => {
  const HOST_COOKIE = `__Host-${SESSION_COOKIE}`;

  async function signInOver(context: TestContext, headers: Record<string, string>, origin: string) {
    const target = await context.createOrganisation([]);
    return context.request('POST', '/api/v1/auth/login', {
      body: { email: target.users.viewer.email, password: TEST_PASSWORD },
      headers,
      origin,
    });
  }

  it('is Secure and __Host- prefixed when the public URL is https, and is read back', async () => {
    const secure = await createTestContext({
      env: { RINGPOST_PUBLIC_URL: 'https://ringpost.example' },
    });
    try {
      const response = await signInOver(secure, {}, 'https://ringpost.example');
      expect(response.status).toBe(200);
      const setCookie = response.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(new RegExp(`^${HOST_COOKIE}=`));
      expect(setCookie).toMatch(/; Secure/i);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).not.toMatch(/Domain=/i);
      const token = new RegExp(`${HOST_COOKIE}=([^;]+)`).exec(setCookie)?.[1] ?? '';
      const me = await secure.request('GET', '/api/v1/auth/me', {
        headers: { cookie: `${HOST_COOKIE}=${token}` },
      });
      expect(me.status).toBe(200);
    } finally {
      await secure.close();
    }
  });

  it('is Secure and __Host- prefixed when a trusted proxy says the client used https', async () => {
    const response = await signInOver(
      proxied,
      { 'x-forwarded-for': freshAddress(), 'x-forwarded-proto': 'https' },
      'http://localhost',
    );
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${HOST_COOKIE}=.*; Secure`, 'i'));
  });

  it('keeps the plain name without Secure over plain http, and when an untrusted client claims https', async () => {
    const variants: Record<string, string>[] = [{}, { 'x-forwarded-proto': 'https' }];
    for (const headers of variants) {
      const response = await signInOver(ctx, headers, 'http://localhost');
      expect(response.status).toBe(200);
      const setCookie = response.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
      expect(setCookie).not.toMatch(/Secure/i);
    }
  });
});

describe('password hashes', () => {
  async function storedHash(id: string) {
    const [row] = await ctx.db.select().from(users).where(eq(users.id, id));
    return row?.passwordHash ?? '';
  }

  it('are re-hashed at the target cost at the next successful sign-in', async () => {
    const weak = { N: TEST_SCRYPT_COST.N / 2, r: 8, p: 1 };
    const user = await insertUser(ctx.db, {
      organisationId: org.id,
      email: `old-hash${Date.now()}@example.com`,
      name: 'Old Hash',
      role: 'viewer',
      passwordHash: await hashPassword(TEST_PASSWORD, weak),
    });
    const wrong = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'not it' },
    });
    expect(wrong.status).toBe(401);
    expect(await storedHash(user.id)).toMatch(new RegExp(`^scrypt\\$${weak.N}\\$`));

    const right = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
    });
    expect(right.status).toBe(200);
    const upgraded = await storedHash(user.id);
    expect(upgraded).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT_COST.N}\\$8\\$1\\$`));

    // The new hash works, and one at the target cost is left alone.
    expect(
      (
        await ctx.request('POST', '/api/v1/auth/login', {
          body: { email: user.email, password: TEST_PASSWORD },
        })
      ).status,
    ).toBe(200);
    expect(await storedHash(user.id)).toBe(upgraded);
  });
});
