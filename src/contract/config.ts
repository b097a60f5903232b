/**
 * The environment Ringpost reads (PRODUCT.md "Configuration"). Parsed once, at start, by
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

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => ['true', '1', 'yes'].includes(value));

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
  /** The address users reach Ringpost at, when a proxy sits in front; Origin checks and cookies use it. */
  RINGPOST_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Trust X-Forwarded-For for the client address (sign-in rate limits) when behind a proxy. */
  RINGPOST_TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Env = z.infer<typeof EnvSchema>;
