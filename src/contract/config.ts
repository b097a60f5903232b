/**
 * The environment Ringpost reads (README "Configuration"). Parsed once, at start, by
 * src/server/env.ts; every variable has a default that works for `npm start` on one machine.
 */
import { z } from 'zod';

const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `250ms`, `15s`, `5m`, `2h`, `1d` → milliseconds. */
export const DurationSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(ms|s|m|h|d)$/, 'Use a duration such as 500ms, 15s, 5m, 2h or 1d')
  .transform((value) => {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
    if (!match) throw new Error('unreachable: checked by the regex above');
    const [, amount, unit] = match as unknown as [string, string, keyof typeof DURATION_UNITS_MS];
    return Number(amount) * DURATION_UNITS_MS[unit];
  });

const commaList = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

export const CidrListSchema = z
  .string()
  .transform(commaList)
  .pipe(
    z.array(
      z.union([z.cidrv4(), z.cidrv6()], { error: 'Use CIDRs such as 127.0.0.0/8 or ::1/128' }),
    ),
  );

export const RetryScheduleSchema = z
  .string()
  .transform(commaList)
  .pipe(z.array(DurationSchema).min(1, 'The retry schedule needs at least one delay').max(50));

/**
 * Which proxies to believe about the client's address and scheme (X-Forwarded-For / -Proto):
 * `false` none; `true` or a number: that many proxies in front, each appending the address it saw;
 * a CIDR list: every hop inside these ranges is a proxy. See src/server/http/client-address.ts.
 */
export const TrustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const lower = value.toLowerCase();
    if (['', 'false', '0', 'no'].includes(lower)) return { kind: 'none' as const };
    if (['true', 'yes'].includes(lower)) return { kind: 'hops' as const, hops: 1 };
    if (/^\d{1,2}$/.test(lower)) return { kind: 'hops' as const, hops: Number(lower) };
    const cidrs = CidrListSchema.safeParse(value);
    if (cidrs.success && cidrs.data.length > 0)
      return { kind: 'cidrs' as const, cidrs: cidrs.data };
    ctx.addIssue({
      code: 'custom',
      message: "Use false, true, a number of proxy hops, or the proxies' CIDRs (10.0.0.0/8,…)",
    });
    return z.NEVER;
  });
export type TrustProxy = z.output<typeof TrustProxySchema>;

/** A 32-byte key, base64-encoded (`openssl rand -base64 32`). */
const SecretKeySchema = z
  .string()
  .trim()
  // 43 base64 characters and one `=` are exactly 32 bytes.
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'Use 32 random bytes, base64-encoded: openssl rand -base64 32');

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
    .optional(),
  RINGPOST_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  RINGPOST_ADMIN_EMAIL: z.email().optional(),
  RINGPOST_ADMIN_PASSWORD: z
    .string()
    .min(12, 'RINGPOST_ADMIN_PASSWORD must be at least 12 characters')
    .max(1024)
    .optional(),
  RINGPOST_ALLOWED_TARGETS: CidrListSchema.default([]),
  RINGPOST_RETRY_SCHEDULE: RetryScheduleSchema.default([0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]),
  RINGPOST_DELIVERY_TIMEOUT: DurationSchema.default(15_000),
  /** Delivered, failed and skipped deliveries (with their attempts) older than this are pruned. */
  RINGPOST_RETENTION: DurationSchema.default(30 * 86_400_000),
  /** The address users reach Ringpost at, when a proxy sits in front; Origin checks and cookies use it. */
  RINGPOST_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Which proxies in front may tell the client's address and scheme (sign-in limits, Secure cookies). */
  RINGPOST_TRUST_PROXY: TrustProxySchema.default({ kind: 'none' }),
  /** When set, GET /metrics needs `Authorization: Bearer <this>`. */
  RINGPOST_METRICS_TOKEN: z
    .string()
    .min(16, 'RINGPOST_METRICS_TOKEN must be at least 16 characters')
    .max(512)
    .optional(),
  /**
   * Encrypts signing secrets and custom-header values at rest (AES-256-GCM). Required with DATABASE_URL;
   * the embedded database generates one in DATA_DIR/secret.key on first start.
   */
  RINGPOST_SECRET_KEY: SecretKeySchema.optional(),
  /** Earlier keys, comma-separated, still accepted for reading while `secrets:reencrypt` runs. */
  RINGPOST_SECRET_KEY_PREVIOUS: z
    .string()
    .transform(commaList)
    .pipe(z.array(SecretKeySchema))
    .default([]),
  /** Attempts in flight per organisation across all workers, so that one tenant cannot take every slot. */
  RINGPOST_MAX_IN_FLIGHT_PER_ORG: z.coerce.number().int().min(1).max(10_000).default(32),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Env = z.infer<typeof EnvSchema>;
