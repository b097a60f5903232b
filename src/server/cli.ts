/**
 * Operator commands, run against the same database as the server (stop the server first when it uses
 * the embedded database: only one process may open it).
 *
 *   npm run cli -- users:create --email ana@example.com --role viewer [--organisation "Acme"] [--name "Ana"] [--password ...]
 *   npm run cli -- orgs:create --name "Acme" --admin-email root@acme.test [--admin-password ...] [--demo-agents]
 *   npm run cli -- secrets:reencrypt
 *
 * Passwords that are not given are generated and printed once.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { EmailSchema, RoleSchema } from '@contract/auth';
import { parseEnv } from './env';
import { openMigratedDatabase } from './runtime';
import { firstAdminNotice, seedIfEmpty } from './db/seed';
import { insertUser, findUserByEmail } from './db/queries/users';
import { insertOrganisation } from './db/queries/organisations';
import { insertAgent } from './db/queries/agents';
import { DEMO_AGENTS } from './db/seed';
import { organisations } from './db/schema';
import type { Database } from './db/database';
import { eq } from 'drizzle-orm';
import { generatePassword, hashPassword } from './security/passwords';
import { loadSecretBox } from './security/secret-key-file';
import { resealAllCredentials } from './security/reseal-credentials';

const PasswordSchema = z.string().min(12, 'Passwords are at least 12 characters').max(1024);
const OrganisationNameSchema = z.string().trim().min(1).max(120);

const CreateUserArgs = z.object({
  email: EmailSchema,
  role: RoleSchema,
  organisation: OrganisationNameSchema.optional(),
  name: z.string().trim().min(1).max(120).optional(),
  password: PasswordSchema.optional(),
});

const CreateOrganisationArgs = z.object({
  name: OrganisationNameSchema,
  'admin-email': EmailSchema,
  'admin-password': PasswordSchema.optional(),
  'demo-agents': z.boolean().optional(),
});

const USAGE = [
  'Usage:',
  '  npm run cli -- users:create --email <email> --role admin|support|viewer [--organisation <name>] [--name <name>] [--password <password>]',
  '  npm run cli -- orgs:create --name <name> --admin-email <email> [--admin-password <password>] [--demo-agents]',
  '  npm run cli -- secrets:reencrypt   (after changing RINGPOST_SECRET_KEY; old keys in RINGPOST_SECRET_KEY_PREVIOUS)',
].join('\n');

function parse<T extends z.ZodType>(
  schema: T,
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): z.infer<T> {
  const { values } = parseArgs({ args: argv, options, strict: true });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new Error(
      `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`,
    );
  }
  return parsed.data;
}

/** Opens the database the server uses, seeding it first if this is its first use. */
async function withDatabase(run: (db: Database) => Promise<void>) {
  const env = parseEnv();
  const database = await openMigratedDatabase(env);
  try {
    // On a new data directory the seed runs here rather than at the server's first start: say so the same way.
    const notice = firstAdminNotice(
      await seedIfEmpty(database.db, {
        email: env.RINGPOST_ADMIN_EMAIL,
        password: env.RINGPOST_ADMIN_PASSWORD,
      }),
    );
    if (notice) process.stdout.write(notice);
    await run(database.db);
  } finally {
    await database.close();
  }
}

async function addUser(
  db: Database,
  organisation: { id: string; name: string },
  user: { email: string; role: z.infer<typeof RoleSchema>; name?: string; password?: string },
) {
  if (await findUserByEmail(db, user.email))
    throw new Error(`A user with the email ${user.email} already exists.`);
  const password = user.password ?? generatePassword();
  await insertUser(db, {
    organisationId: organisation.id,
    email: user.email,
    name: user.name ?? user.email.split('@')[0] ?? user.email,
    role: user.role,
    passwordHash: await hashPassword(password),
  });
  process.stdout.write(
    `Created ${user.role} ${user.email} in ${organisation.name}.` +
      (user.password ? '\n' : ` Password (shown once): ${password}\n`),
  );
}

async function createUser(argv: string[]) {
  const args = parse(CreateUserArgs, argv, {
    email: { type: 'string' },
    role: { type: 'string' },
    organisation: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
  });
  await withDatabase(async (db) => {
    const [organisation] = args.organisation
      ? await db.select().from(organisations).where(eq(organisations.name, args.organisation))
      : await db.select().from(organisations).orderBy(organisations.createdAt).limit(1);
    if (!organisation)
      throw new Error(
        `No organisation ${args.organisation ? `named ${args.organisation}` : 'exists'}.`,
      );
    await addUser(db, organisation, args);
  });
}

async function createOrganisation(argv: string[]) {
  const args = parse(CreateOrganisationArgs, argv, {
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-password': { type: 'string' },
    'demo-agents': { type: 'boolean' },
  });
  await withDatabase(async (db) => {
    const [existing] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.name, args.name));
    if (existing) throw new Error(`An organisation named ${args.name} already exists.`);
    if (await findUserByEmail(db, args['admin-email']))
      throw new Error(`A user with the email ${args['admin-email']} already exists.`);
    const organisation = await insertOrganisation(db, args.name);
    if (args['demo-agents']) {
      for (const agent of DEMO_AGENTS)
        await insertAgent(db, { organisationId: organisation.id, ...agent });
    }
    process.stdout.write(`Created organisation ${organisation.name}.\n`);
    await addUser(db, organisation, {
      email: args['admin-email'],
      role: 'admin',
      name: 'Admin',
      password: args['admin-password'],
    });
  });
}

/** Seals every endpoint credential with RINGPOST_SECRET_KEY; the server also does this at each start. */
async function reencryptSecrets(argv: string[]) {
  if (argv.length > 0) throw new Error(USAGE);
  const env = parseEnv();
  const box = loadSecretBox(env);
  const database = await openMigratedDatabase(env);
  try {
    const { resealed, skipped } = await resealAllCredentials(database.db, box);
    process.stdout.write(
      `Sealed ${resealed} endpoint(s) with key ${box.currentKeyId}.` +
        (skipped > 0 ? ` ${skipped} changed meanwhile: run again.\n` : '\n') +
        'Once every process runs with this key, RINGPOST_SECRET_KEY_PREVIOUS can be removed.\n',
    );
  } finally {
    await database.close();
  }
}

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  'users:create': createUser,
  'orgs:create': createOrganisation,
  'secrets:reencrypt': reencryptSecrets,
};

const [command = '', ...rest] = process.argv.slice(2);
try {
  const run = COMMANDS[command];
  if (!run) throw new Error(USAGE);
  await run(rest);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
