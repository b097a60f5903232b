/**
 * The only reader of process.env. Parses it once with the contract's EnvSchema and stops the process
 * with a readable list of what is wrong, rather than failing later somewhere less obvious.
 */
import { EnvSchema, type Env } from '@contract/config';

export type { Env };

/** Empty variables count as unset, so that `DATABASE_URL= npm start` means "use the embedded database". */
function withoutEmpty(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(withoutEmpty(source));
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`,
  );
  throw new EnvError(`Ringpost cannot start: the environment is not valid.\n${lines.join('\n')}`);
}
