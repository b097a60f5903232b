/**
 * The API under test: the real app over a real database, plus helpers to make an organisation with a
 * user of each role and to call the API as one of them.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { expectApiError } from './expect-api';
import { CreatedApiKeySchema, type CreatedApiKey } from '@contract/api-keys';
import type { Role } from '@contract/auth';
import { parseEnv } from '../env';
import type { AppDeps } from '../http/app-env';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../http/middleware/session';
import { createLogger } from '../logger';
import { insertAgent } from '../db/queries/agents';
import { insertOrganisation } from '../db/queries/organisations';
import { createSession } from '../db/queries/sessions';
import { insertUser } from '../db/queries/users';
import { rowsOf, type DatabaseHandle } from '../db/database';
import { hashPassword, type ScryptCost } from '../security/passwords';
import { generateToken, hashToken } from '../security/tokens';
import { SecretBox } from '../security/secret-box';
import { createRuntime } from '../runtime';
import { createTestDatabase } from './test-database';

/** Cheap enough for many users per test; real hashes use DEFAULT_COST. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse battery staple';
/** app.request() builds URLs on this origin, so it is the origin a same-site browser would send. */
export const APP_ORIGIN = 'http://localhost';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  cookie: string;
}

export interface TestOrganisation {
  id: string;
  name: string;
  agents: { id: string; name: string }[];
  users: Record<Role, TestUser>;
}

export interface RequestOptions {
  as?: TestUser;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** `null` sends no Origin header at all. */
  origin?: string | null;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

let organisationCounter = 0;

export async function createTestContext(
  overrides: Partial<Pick<AppDeps, 'urlGuard' | 'now' | 'logger' | 'secretBox'>> & {
    env?: Record<string, string>;
  } = {},
) {
  const database: DatabaseHandle = await createTestDatabase();
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides.env });
  const runtime = createRuntime(env, database, {
    logger: overrides.logger ?? createLogger('silent'),
    secretBox: overrides.secretBox ?? new SecretBox(randomBytes(32)),
    ...(overrides.urlGuard ? { urlGuard: overrides.urlGuard } : {}),
    passwordCost: TEST_SCRYPT_COST,
    ...(overrides.now ? { now: overrides.now } : {}),
  });
  const { deps, app } = runtime;

  async function request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.origin !== null) headers.origin = options.origin ?? APP_ORIGIN;
    if (options.as) headers.cookie = `${SESSION_COOKIE}=${options.as.cookie}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (the SPA, the docs page): keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  async function createUser(organisationId: string, role: Role, tag: string): Promise<TestUser> {
    const email = `${role}.${tag}@example.com`;
    const user = await insertUser(database.db, {
      organisationId,
      email,
      name: `${role[0]?.toUpperCase() ?? ''}${role.slice(1)} ${tag}`,
      role,
      passwordHash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST),
    });
    const token = generateToken();
    await createSession(database.db, {
      id: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    });
    return { id: user.id, email, role, cookie: token };
  }

  /** A fresh organisation per test keeps tests independent without truncating tables. */
  async function createOrganisation(
    agentNames = ['Alpha Agent', 'Beta Agent', 'Gamma Agent'],
  ): Promise<TestOrganisation> {
    const tag = `org${++organisationCounter}x${Math.random().toString(36).slice(2, 8)}`;
    const organisation = await insertOrganisation(database.db, `Organisation ${tag}`);
    const agents = [];
    for (const name of agentNames) {
      const agent = await insertAgent(database.db, {
        organisationId: organisation.id,
        name,
        description: `${name} description`,
      });
      agents.push({ id: agent.id, name: agent.name });
    }
    const users = {
      admin: await createUser(organisation.id, 'admin', tag),
      support: await createUser(organisation.id, 'support', tag),
      viewer: await createUser(organisation.id, 'viewer', tag),
    };
    return { id: organisation.id, name: organisation.name, agents, users };
  }

  /** An API key of the organisation, made as an admin would (POST /api-keys): what the platform sends. */
  async function createApiKey(owner: TestOrganisation, name = 'platform'): Promise<CreatedApiKey> {
    const response = await request('POST', '/api/v1/api-keys', {
      as: owner.users.admin,
      body: { name },
    });
    return CreatedApiKeySchema.parse(response.body);
  }

  /** Every row of every table, in a stable order: compare two of these to prove a request changed nothing. */
  async function snapshot(): Promise<string> {
    const tables = ['organisations', 'users', 'agents', 'webhooks', 'agent_webhooks'];
    const parts: unknown[] = [];
    for (const table of tables) {
      const result = await database.db.execute(sql.raw(`select * from ${table} order by 1, 2`));
      parts.push(rowsOf(result));
    }
    return JSON.stringify(parts);
  }

  /** Sends a request that must fail with this status and code, and proves that it changed nothing. */
  async function expectRefused(
    method: string,
    path: string,
    options: RequestOptions,
    status: number,
    code: string,
  ) {
    const before = await snapshot();
    const error = expectApiError(await request(method, path, options), status, code);
    expect(await snapshot()).toBe(before);
    return error;
  }

  return {
    app,
    db: database.db,
    deps,
    request,
    createOrganisation,
    createUser,
    createApiKey,
    snapshot,
    expectRefused,
    handle: database,
    runtime,
    close: async () => {
      await runtime.stop();
      await database.close();
    },
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
