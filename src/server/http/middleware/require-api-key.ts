import { createMiddleware } from 'hono/factory';
import type { AppEnv, KeyCaller } from '../app-env';
import { ApiError } from '../api-error';
import { findActiveApiKeyByHash, touchApiKey } from '../../db/queries/api-keys';
import { hashToken } from '../../security/tokens';

/** Ingestion is for machines: `Authorization: Bearer <api key>`, never a browser session. */
export const requireApiKey = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new ApiError(
        401,
        'unauthenticated',
        'Send an API key: Authorization: Bearer <key>',
        undefined,
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    const { db, now = () => new Date() } = c.var.deps;
    const key = await findActiveApiKeyByHash(db, hashToken(match[1]));
    if (!key) {
      throw new ApiError(
        401,
        'unauthenticated',
        'This API key is not valid or has been revoked',
        undefined,
        {
          'www-authenticate': 'Bearer error="invalid_token"',
        },
      );
    }
    c.set('keyCaller', { apiKeyId: key.id, organisationId: key.organisationId });
    await touchApiKey(db, key.id, now());
    await next();
  });

export function keyCallerOf(c: { var: { keyCaller: KeyCaller | undefined } }): KeyCaller {
  const caller = c.var.keyCaller;
  if (!caller)
    throw new ApiError(401, 'unauthenticated', 'Send an API key: Authorization: Bearer <key>');
  return caller;
}
