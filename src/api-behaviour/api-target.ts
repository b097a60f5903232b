/**
 * What the API behaviour suite needs of an implementation of the API, so that one suite runs against
 * the real server (src/server/api-behaviour.test.ts) and against the mock API that component tests and
 * design mode use (src/testing/api-behaviour.test.ts): a way to start from a known organisation, and to
 * call the API as each role.
 */
import type { Role } from '@contract/auth';

/** Who calls: a signed-in user of a role, or nobody. */
export type Caller = Role | 'signedOut';

/** `fetch` on the API; `path` starts with `/api/v1/`. */
export type ApiFetch = (path: string, init?: RequestInit) => Promise<Response>;

export interface ApiFixture {
  /** Calls the API as this organisation's user of that role (one per role), or with no session. */
  as(caller: Caller): ApiFetch;
  /** What signs in as that role's user. */
  credentials(role: Role): { email: string; password: string };
}

export interface ApiTarget {
  /**
   * A fresh organisation, as if no test had run before: the agents named (in that order, no webhook
   * each), no endpoints, deliveries or API keys, and one user per role.
   */
  setup(agentNames: readonly string[]): Promise<ApiFixture>;
  /** Releases what `setup` made, after each test (optional). */
  teardown?(): Promise<void>;
}
