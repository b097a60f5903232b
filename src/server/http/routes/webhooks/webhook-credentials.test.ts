/**
 * Endpoint credentials — signing secrets and custom-header values — are sealed at rest and shown only to
 * admins: a copy of the database alone cannot sign a delivery or call a customer's API.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKED_HEADER_VALUE, WebhookDetailSchema } from '@contract/webhooks';
import { rowsOf } from '../../../db/database';
import { findWebhook, insertWebhook } from '../../../db/queries/webhooks';
import { resealAllCredentials } from '../../../security/reseal-credentials';
import { SecretBox } from '../../../security/secret-box';
import { openCredentials } from '../../../security/webhook-credentials';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';

let ctx: TestContext;
let org: TestOrganisation;
const KEY = randomBytes(32);

beforeAll(async () => {
  ctx = await createTestContext({ secretBox: new SecretBox(KEY) });
  org = await ctx.createOrganisation();
});
afterAll(async () => {
  await ctx.close();
});

let counter = 0;
const HEADERS = { 'X-Api-Key': 'crm-key-4f9a2c71e0', Authorization: 'Bearer crm-token-88d1b3' };

async function create(headers: Record<string, string> = HEADERS) {
  const response = await ctx.request('POST', '/api/v1/webhooks', {
    as: org.users.admin,
    body: { url: `https://crm.example.com/hooks/${++counter}`, headers },
  });
  expect(response.status).toBe(201);
  return WebhookDetailSchema.parse(response.body);
}

/** Every table of the database as text, as a stolen backup would show it. */
async function databaseAsText(): Promise<string> {
  const tables = rowsOf<{ name: string }>(
    await ctx.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    ),
  );
  let text = '';
  for (const { name } of tables) {
    const rows = rowsOf<{ row: string }>(
      await ctx.db.execute(sql.raw(`select t::text as row from "${name}" t`)),
    );
    text += rows.map((r) => r.row).join('\n');
  }
  return text;
}

describe('credentials at rest', () => {
  it('keeps neither the signing secret nor a header value readable in the database', async () => {
    const created = await create();
    const rotated = WebhookDetailSchema.parse(
      (
        await ctx.request('POST', `/api/v1/webhooks/${created.id}/rotate-secret`, {
          as: org.users.admin,
        })
      ).body,
    );
    const dump = await databaseAsText();
    expect(dump.length).toBeGreaterThan(0);
    for (const secret of [created.secret, rotated.secret]) {
      expect(secret).toMatch(/^whsec_/);
      // The base64 part is the HMAC key; neither it nor the whole string may appear.
      expect(dump).not.toContain(secret?.slice(6));
    }
    expect(dump).not.toContain('crm-key-4f9a2c71e0');
    expect(dump).not.toContain('crm-token-88d1b3');
    // Header names are not secret: the list of headers an endpoint sends stays visible.
    expect(dump).toContain('X-Api-Key');
  });

  it('gives admins the values and everyone else the header names with masked values', async () => {
    const created = await create();
    expect(created.headers).toEqual(HEADERS);
    for (const role of ['support', 'viewer'] as const) {
      const seen = WebhookDetailSchema.parse(
        (await ctx.request('GET', `/api/v1/webhooks/${created.id}`, { as: org.users[role] })).body,
      );
      expect(seen.headers).toEqual({
        'X-Api-Key': MASKED_HEADER_VALUE,
        Authorization: MASKED_HEADER_VALUE,
      });
      expect(seen.secret).toBeNull();
    }
    const asAdmin = WebhookDetailSchema.parse(
      (await ctx.request('GET', `/api/v1/webhooks/${created.id}`, { as: org.users.admin })).body,
    );
    expect(asAdmin.headers).toEqual(HEADERS);
    expect(asAdmin.secret).toBe(created.secret);
  });

  it('keeps edited header values sealed too', async () => {
    const created = await create({});
    const response = await ctx.request('PATCH', `/api/v1/webhooks/${created.id}`, {
      as: org.users.admin,
      body: { headers: { 'X-Tenant-Token': 'tenant-secret-90ab' } },
    });
    expect(WebhookDetailSchema.parse(response.body).headers).toEqual({
      'X-Tenant-Token': 'tenant-secret-90ab',
    });
    expect(await databaseAsText()).not.toContain('tenant-secret-90ab');
  });

  it('a sealed value copied onto another endpoint does not open there', async () => {
    const a = await create({});
    const b = await create({});
    const rowA = await findWebhook(ctx.db, org.id, a.id);
    const rowB = await findWebhook(ctx.db, org.id, b.id);
    if (!rowA || !rowB) throw new Error('missing endpoints');
    expect(() => openCredentials(ctx.deps.secretBox, { ...rowB, secret: rowA.secret })).toThrow(
      /does not open/,
    );
  });
});

describe('sealing and re-sealing', () => {
  it('seals credentials stored before encryption existed, keeping their values', async () => {
    const id = crypto.randomUUID();
    await insertWebhook(
      ctx.db,
      {
        id,
        organisationId: org.id,
        url: `https://legacy.example.com/${id}`,
        description: null,
        headers: { 'X-Legacy': 'legacy-value-1234' },
        secret: 'whsec_bGVnYWN5LXNpZ25pbmctc2VjcmV0LWZvci10ZXN0cw==',
      },
      new Date(),
    );
    const result = await resealAllCredentials(ctx.db, ctx.deps.secretBox);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const row = await findWebhook(ctx.db, org.id, id);
    expect(row?.secret).toMatch(/^enc:v1:/);
    expect(row?.headers['X-Legacy']).toMatch(/^enc:v1:/);
    const seen = WebhookDetailSchema.parse(
      (await ctx.request('GET', `/api/v1/webhooks/${id}`, { as: org.users.admin })).body,
    );
    expect(seen.secret).toBe('whsec_bGVnYWN5LXNpZ25pbmctc2VjcmV0LWZvci10ZXN0cw==');
    expect(seen.headers).toEqual({ 'X-Legacy': 'legacy-value-1234' });
    // Nothing left to do on a second pass.
    expect(await resealAllCredentials(ctx.db, ctx.deps.secretBox)).toEqual({
      resealed: 0,
      skipped: 0,
    });
  });

  it('moves every value to a new key, after which the old key is no longer needed', async () => {
    const created = await create();
    const newKey = randomBytes(32);
    // What an operator does: the new key as current, the old one as previous, then re-encrypt.
    const rotating = new SecretBox(newKey, [KEY]);
    const result = await resealAllCredentials(ctx.db, rotating);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const newOnly = new SecretBox(newKey);
    const row = await findWebhook(ctx.db, org.id, created.id);
    if (!row) throw new Error('missing endpoint');
    expect(openCredentials(newOnly, row)).toEqual({
      secret: created.secret,
      previousSecret: null,
      headers: HEADERS,
    });
    expect(() => openCredentials(new SecretBox(KEY), row)).toThrow(/RINGPOST_SECRET_KEY_PREVIOUS/);
    // Back to the context's key for whatever runs next.
    await resealAllCredentials(ctx.db, new SecretBox(KEY, [newKey]));
  });
});
