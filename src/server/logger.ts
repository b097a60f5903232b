/**
 * Structured JSON logs, one object per line on stdout. Nothing a log line holds may be a credential:
 * - fields whose names say credential (`secret`, `password`, `authorization`, …) are replaced, while ids
 *   that merely mention one (`apiKeyId`, `secretExpiresAt`) stay readable;
 * - database errors are logged by statement text and SQLSTATE code only: drizzle puts every bound
 *   parameter into its error message (a customer's header value, a signing secret), and PostgreSQL
 *   quotes the offending value in some of its own messages;
 * - any string that looks like one of our credentials (`whsec_…`, `rpk_…`, `Bearer …`) is masked
 *   wherever it appears, message and stack included.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

const SENSITIVE_KEY = /secret|password|token|authorization|cookie|signature|api[-_]?key/i;
/** Names about a credential rather than of one: its id, prefix, count, or a time. */
const DESCRIBES_KEY = /(id|ids|prefix|count|at)$/i;

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/whsec_[A-Za-z0-9+/=]+/g, 'whsec_[redacted]'],
  [/rpk_[A-Za-z0-9_-]+/g, 'rpk_[redacted]'],
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
];

export function maskCredentials(text: string): string {
  let out = text;
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) && !DESCRIBES_KEY.test(key);
}

/** A driver error carries a SQLSTATE code; its message may quote the value that was refused. */
function isDatabaseError(error: Error): error is Error & { code: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** drizzle's DrizzleQueryError: `Failed query: <sql>\nparams: <every bound value>`. */
function isFailedQuery(error: Error): error is Error & { query: string } {
  return typeof (error as { query?: unknown }).query === 'string' && 'params' in error;
}

/** The stack's frames without its first line, which repeats the (unsafe) message. */
function framesOf(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n');
}

function describeError(error: Error, depth: number): Record<string, unknown> {
  let message = error.message;
  if (isFailedQuery(error)) message = `Failed query: ${error.query}`;
  else if (isDatabaseError(error)) {
    // `invalid input syntax for type uuid: "<value>"` and the like: keep the sentence, not the value.
    message = message.replace(/:\s*".*"\s*$/s, ': "…"');
  }
  const code = (error as { code?: unknown }).code;
  const extra: Record<string, unknown> = {};
  for (const field of ['table', 'column', 'constraint'] as const) {
    const value = (error as Partial<Record<typeof field, unknown>>)[field];
    if (typeof value === 'string') extra[field] = value;
  }
  return {
    name: error.name,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...extra,
    ...(error.cause === undefined ? {} : { cause: redact(error.cause, depth + 1) }),
    stack: `${error.name}: ${message}\n${framesOf(error)}`,
  };
}

function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCredentials(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redact(describeError(value, depth), depth + 1);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      isSensitiveKey(key) ? '[redacted]' : redact(item, depth + 1),
    ]),
  );
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(
  level: Level | 'silent' = 'info',
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const emit = (at: Level, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    const record = { time: new Date().toISOString(), level: at, msg: message, ...base, ...fields };
    write(JSON.stringify(redact(record)));
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
