/**
 * What the outbox's statement-level tests share: an organisation with one endpoint to hang deliveries
 * on, inserted straight into the database (no API, no worker).
 */
import type { Database } from '../db/database';
import { insertOrganisation } from '../db/queries/organisations';
import { insertWebhook } from '../db/queries/webhooks';
import { generateWebhookSecret } from '../security/tokens';

export async function organisationWithEndpoint(
  db: Database,
  name: string,
  now = new Date(),
): Promise<{ organisationId: string; webhookId: string }> {
  const organisationId = (await insertOrganisation(db, name)).id;
  const webhook = await insertWebhook(
    db,
    {
      id: crypto.randomUUID(),
      organisationId,
      url: 'https://example.com/hook',
      description: null,
      headers: {},
      secret: generateWebhookSecret(),
    },
    now,
  );
  return { organisationId, webhookId: webhook.id };
}
