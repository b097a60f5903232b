/**
 * The API behaviour suite (src/api-behaviour) against the mock API: the MSW handlers over the mock db,
 * as component tests use them. The real server runs the same suite in
 * src/server/http/api-behaviour.test.ts; both must pass.
 */
import { afterAll, beforeAll } from 'vitest';
import { describeApiBehaviour } from '../api-behaviour/api-behaviour-suite';
import {
  createMockAgent,
  db,
  freezeMockClock,
  resetMockDb,
  signInMockUser,
  signOutMockUser,
} from './mocks/mock-db';
import { server } from './msw-server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describeApiBehaviour('the mock API', {
  setup(agentNames) {
    resetMockDb();
    // No worker runs beside the real server in its test either: deliveries stay where the API left them.
    freezeMockClock();
    for (const name of agentNames) createMockAgent({ name, description: `${name} description` });
    return Promise.resolve({
      // The mock has one session at a time: each request is made as its caller.
      as: (caller) => (path, init) => {
        if (caller === 'signedOut') signOutMockUser();
        else signInMockUser(caller);
        return fetch(new URL(path, 'http://localhost'), init);
      },
      credentials: (role) => {
        const user = db.users.find((u) => u.role === role);
        if (!user) throw new Error(`The mock db has no ${role}`);
        return { email: user.email, password: user.password };
      },
    });
  },
});
