/**
 * Brings every endpoint's credentials under the current key: values stored before encryption existed
 * are sealed, values sealed with a previous key (RINGPOST_SECRET_KEY_PREVIOUS) are re-sealed. Runs at
 * every start (cheap when there is nothing to do) and as `npm run cli -- secrets:reencrypt`.
 */
import type { Queryable } from '../db/database';
import { listCredentialsNotSealedWith, replaceCredentials } from '../db/queries/webhooks';
import type { SecretBox } from './secret-box';
import { resealCredentials } from './webhook-credentials';

export async function resealAllCredentials(
  db: Queryable,
  box: SecretBox,
): Promise<{ resealed: number; skipped: number }> {
  let resealed = 0;
  let skipped = 0;
  for (const stored of await listCredentialsNotSealedWith(db, box.currentKeyId)) {
    const next = resealCredentials(box, stored);
    if (!next) continue;
    if (await replaceCredentials(db, stored, next)) resealed++;
    else skipped++;
  }
  return { resealed, skipped };
}
