import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyListSchema, CreatedApiKeySchema } from '@contract/api-keys';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';

let ctx: TestContext;
let org: TestOrganisation;
let other: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation([]);
  other = await ctx.createOrganisation([]);
});
afterAll(async () => {
  await ctx.close();
});

const expectRefused: TestContext['expectRefused'] = (...args) => ctx.expectRefused(...args);

describe('API keys', () => {
  it('shows a new key once; afterwards only its prefix is listed', async () => {
    const response = await ctx.request('POST', '/api/v1/api-keys', {
      as: org.users.admin,
      body: { name: 'Call platform' },
    });
    expect(response.status).toBe(201);
    const created = CreatedApiKeySchema.parse(response.body);
    expect(created.key).toMatch(/^rpk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(created).toMatchObject({ name: 'Call platform', lastUsedAt: null, revokedAt: null });
    expect(created.createdBy).toMatch(/^Admin /);

    const list = await ctx.request('GET', '/api/v1/api-keys', { as: org.users.viewer });
    const items = ApiKeyListSchema.parse(list.body).items;
    expect(items.map((k) => k.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
  });

  it('revokes a key, keeping it listed as revoked', async () => {
    const created = CreatedApiKeySchema.parse(
      (
        await ctx.request('POST', '/api/v1/api-keys', {
          as: org.users.admin,
          body: { name: 'Old' },
        })
      ).body,
    );
    expect(
      (await ctx.request('DELETE', `/api/v1/api-keys/${created.id}`, { as: org.users.admin }))
        .status,
    ).toBe(204);
    const items = ApiKeyListSchema.parse(
      (await ctx.request('GET', '/api/v1/api-keys', { as: org.users.admin })).body,
    ).items;
    expect(items.find((k) => k.id === created.id)?.revokedAt).not.toBeNull();
  });

  it.each([
    ['an empty name', { name: '  ' }],
    ['a missing name', {}],
    ['an over-long name', { name: 'n'.repeat(101) }],
    ['an extra field', { name: 'x', key: 'rpk_mine' }],
    ['a NUL in the name', { name: 'platform\u0000' }],
    ['an unpaired surrogate in the name', { name: '\uDC00platform' }],
  ])('refuses %s', async (_name, body) => {
    await expectRefused(
      'POST',
      '/api/v1/api-keys',
      { as: org.users.admin, body },
      400,
      'validation_failed',
    );
  });

  it('lets only admins create and revoke, and only in their organisation', async () => {
    const theirs = CreatedApiKeySchema.parse(
      (
        await ctx.request('POST', '/api/v1/api-keys', {
          as: other.users.admin,
          body: { name: 'Theirs' },
        })
      ).body,
    );
    await expectRefused(
      'POST',
      '/api/v1/api-keys',
      { as: org.users.support, body: { name: 'x' } },
      403,
      'forbidden',
    );
    await expectRefused(
      'POST',
      '/api/v1/api-keys',
      { as: org.users.viewer, body: { name: 'x' } },
      403,
      'forbidden',
    );
    await expectRefused(
      'POST',
      '/api/v1/api-keys',
      { body: { name: 'x' } },
      401,
      'unauthenticated',
    );
    await expectRefused(
      'POST',
      '/api/v1/api-keys',
      { as: org.users.admin, body: { name: 'x' }, origin: 'https://evil.example' },
      403,
      'origin_mismatch',
    );
    await expectRefused(
      'DELETE',
      `/api/v1/api-keys/${theirs.id}`,
      { as: org.users.admin },
      404,
      'not_found',
    );
    await expectRefused(
      'DELETE',
      `/api/v1/api-keys/${theirs.id}`,
      { as: other.users.viewer },
      403,
      'forbidden',
    );
    await expectRefused(
      'DELETE',
      '/api/v1/api-keys/nope',
      { as: org.users.admin },
      400,
      'validation_failed',
    );
    const mine = ApiKeyListSchema.parse(
      (await ctx.request('GET', '/api/v1/api-keys', { as: org.users.admin })).body,
    ).items;
    expect(mine.map((k) => k.id)).not.toContain(theirs.id);
  });
});
