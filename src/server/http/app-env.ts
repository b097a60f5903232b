import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Role, Session } from '@contract/auth';
import type { Database } from '../db/database';
import type { Env } from '../env';
import type { Logger } from '../logger';
import type { ScryptCost } from '../security/passwords';
import type { SecretBox } from '../security/secret-box';
import type { UrlGuard } from '../security/url-guard';
import type { Metrics } from '../observability/metrics';
import type { WebhookSender } from '../outbound/send-webhook';
import type { IngestionBatcher } from '../outbox/ingestion';
import type { LiveHub } from '../db/live-changes';

/** What the HTTP layer is built from; tests build it around their own database. */
export interface AppDeps {
  db: Database;
  env: Env;
  logger: Logger;
  urlGuard: UrlGuard;
  /** Sends the signature self-test's requests (deliveries themselves go through the worker). */
  sender: WebhookSender;
  metrics: Metrics;
  /** Stores call events (in batches) and wakes idle workers. */
  ingestion: IngestionBatcher;
  /** Seals and opens endpoint credentials at rest. */
  secretBox: SecretBox;
  /** This process's live updates (GET /live); absent where nothing listens. */
  live?: LiveHub;
  /** Whether the database answers; /readyz reports it. */
  ping(): Promise<void>;
  /** Tests lower the scrypt cost for the users they create; sign-in always reads it from the hash. */
  passwordCost?: ScryptCost;
  now?: () => Date;
}

export interface Caller {
  user: Session['user'];
  organisation: Session['organisation'];
  sessionId: string;
  role: Role;
}

/** A machine caller: the call platform, authenticated by an API key. */
export interface KeyCaller {
  apiKeyId: string;
  organisationId: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** Set by the session middleware when the request carries a valid session cookie. */
    caller: Caller | undefined;
    /** Set by requireApiKey on the ingestion route. */
    keyCaller: KeyCaller | undefined;
  };
}

export type AppOpenAPI = OpenAPIHono<AppEnv>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
