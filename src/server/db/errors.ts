/** PostgreSQL error codes we act on; drizzle wraps driver errors, so look through `cause` too. */
function pgCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgCode(error) === '23505';
export const isForeignKeyViolation = (error: unknown) => pgCode(error) === '23503';
/** SQLSTATE class 22: the database could not take a value as given (NUL in text, a bad JSON escape). */
export const isDataException = (error: unknown) => pgCode(error)?.startsWith('22') ?? false;
