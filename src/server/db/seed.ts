/**
 * The first start's demo data: an organisation with a few agents and its first admin. Runs once — when
 * no organisation exists — under an advisory lock, so that several processes starting together on one
 * PostgreSQL seed it exactly once.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { insertAgent } from './queries/agents';
import { countOrganisations, insertOrganisation } from './queries/organisations';
import { insertUser } from './queries/users';
import {
  DEFAULT_COST,
  generatePassword,
  hashPassword,
  type ScryptCost,
} from '../security/passwords';

const SEED_LOCK_KEY = 727_002;

export const DEMO_ORGANISATION = 'Demo Organisation';
export const DEMO_AGENTS = [
  {
    name: 'Appointment Reminder',
    description: 'Calls patients the day before to confirm or move their appointment.',
  },
  {
    name: 'Inbound Support',
    description: 'Answers the support line, resolves common questions and opens tickets.',
  },
  {
    name: 'Lead Qualifier',
    description: 'Calls new sign-ups, asks about their needs and books a sales demo.',
  },
];
export const DEFAULT_ADMIN_EMAIL = 'admin@ringpost.local';

export interface SeedResult {
  created: boolean;
  adminEmail?: string;
  /** Set only when the password was generated here; the caller prints it once. */
  generatedPassword?: string;
}

export async function seedIfEmpty(
  db: Database,
  admin: { email?: string; password?: string },
  cost: ScryptCost = DEFAULT_COST,
): Promise<SeedResult> {
  // Every start but the first finds an organisation: one plain read, no transaction or lock. Once one
  // exists the seed never runs again, so reading it outside the lock cannot miss a seed to do.
  if ((await countOrganisations(db)) > 0) return { created: false };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    if ((await countOrganisations(tx)) > 0) return { created: false };

    const organisation = await insertOrganisation(tx, DEMO_ORGANISATION);
    for (const agent of DEMO_AGENTS)
      await insertAgent(tx, { organisationId: organisation.id, ...agent });

    const email = (admin.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const generatedPassword = admin.password ? undefined : generatePassword();
    const password = admin.password ?? generatedPassword ?? '';
    await insertUser(tx, {
      organisationId: organisation.id,
      email,
      name: 'Admin',
      role: 'admin',
      passwordHash: await hashPassword(password, cost),
    });
    return {
      created: true,
      adminEmail: email,
      ...(generatedPassword ? { generatedPassword } : {}),
    };
  });
}

/** What to tell the person at the console after a seed that generated the admin's password. */
export function firstAdminNotice(seed: SeedResult): string | undefined {
  if (!seed.created || !seed.generatedPassword) return undefined;
  return (
    `\n  Ringpost created the first admin. Sign in with:\n` +
    `    email:    ${seed.adminEmail ?? ''}\n    password: ${seed.generatedPassword}\n` +
    `  This password is shown only once. Set RINGPOST_ADMIN_EMAIL / RINGPOST_ADMIN_PASSWORD to choose your own.\n\n`
  );
}
