/**
 * The API behaviour suite (src/api-behaviour) against the real app on a real database: PGlite here, and
 * PostgreSQL in the `server-postgres` project. The mock API runs the same suite in
 * src/testing/api-behaviour.test.ts; both must pass.
 */
import { afterAll, beforeAll } from 'vitest';
import { describeApiBehaviour } from '../../api-behaviour/api-behaviour-suite';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../testing/test-app';
import { usesPostgres } from '../testing/test-database';
import { SESSION_COOKIE } from './middleware/session';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describeApiBehaviour(usesPostgres() ? 'the server on PostgreSQL' : 'the server on PGlite', {
  // An organisation per test, as the other API tests do: nothing to clean up in between.
  async setup(agentNames) {
    const organisation = await ctx.createOrganisation([...agentNames]);
    return {
      as:
        (caller) =>
        async (path, init = {}) => {
          const headers = new Headers(init.headers);
          if (caller !== 'signedOut') {
            headers.set('cookie', `${SESSION_COOKIE}=${organisation.users[caller].cookie}`);
          }
          return ctx.app.request(path, { ...init, headers });
        },
      credentials: (role) => ({ email: organisation.users[role].email, password: TEST_PASSWORD }),
    };
  },
});
