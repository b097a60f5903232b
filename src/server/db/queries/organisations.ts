import { eq } from 'drizzle-orm';
import type { Queryable } from '../database';
import { organisations } from '../schema';

export async function insertOrganisation(db: Queryable, name: string) {
  const [row] = await db
    .insert(organisations)
    .values({ id: crypto.randomUUID(), name })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function countOrganisations(db: Queryable): Promise<number> {
  return db.$count(organisations);
}

export async function findOrganisation(db: Queryable, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}
