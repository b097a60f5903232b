import { API_KEY_PREFIX, API_KEY_VISIBLE_CHARS, type ApiKey } from '@contract/api-keys';
import type { AppRouteHandler } from '../../app-env';
import { notFound } from '../../api-error';
import { callerOf } from '../../middleware/require-role';
import {
  findApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRow,
} from '../../../db/queries/api-keys';
import { generateToken, hashToken } from '../../../security/tokens';
import type { CreateRoute, ListRoute, RevokeRoute } from './api-keys.routes';

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const caller = callerOf(c);
  const rows = await listApiKeys(c.var.deps.db, caller.organisation.id);
  return c.json({ items: rows.map(toApiKey) }, 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, logger } = c.var.deps;
  const key = API_KEY_PREFIX + generateToken();
  const inserted = await insertApiKey(db, {
    organisationId: caller.organisation.id,
    name: c.req.valid('json').name,
    prefix: key.slice(0, API_KEY_VISIBLE_CHARS),
    keyHash: hashToken(key),
    createdBy: caller.user.id,
  });
  const row = await findApiKey(db, caller.organisation.id, inserted.id);
  if (!row) throw notFound('API key');
  logger.info('api key created', { apiKeyId: row.id, by: caller.user.id });
  return c.json({ ...toApiKey(row), key }, 201);
};

export const revoke: AppRouteHandler<RevokeRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), logger } = c.var.deps;
  const { id } = c.req.valid('param');
  if (!(await findApiKey(db, caller.organisation.id, id))) throw notFound('API key');
  // Revoking twice is not an error: the key is revoked either way.
  await revokeApiKey(db, caller.organisation.id, id, now());
  logger.info('api key revoked', { apiKeyId: id, by: caller.user.id });
  return c.body(null, 204);
};
