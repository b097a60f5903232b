/**
 * An endpoint's credentials — its signing secret, the previous one during a rotation, and its custom
 * header values — as stored (sealed, see secret-box.ts) and as used (plain). Header names stay readable:
 * they are not secret, and the list of an endpoint's headers is shown to every role.
 */
import { SecretBox } from './secret-box';

const secretContext = (webhookId: string) => `webhook:${webhookId}:secret`;
const headerContext = (webhookId: string, name: string) =>
  `webhook:${webhookId}:header:${name.toLowerCase()}`;

export interface StoredCredentials {
  id: string;
  secret: string;
  previousSecret: string | null;
  headers: Record<string, string>;
}

export interface OpenCredentials {
  secret: string;
  previousSecret: string | null;
  headers: Record<string, string>;
}

export function sealSecret(box: SecretBox, webhookId: string, secret: string): string {
  return box.seal(secret, secretContext(webhookId));
}

/** Each header value through `f`; the names stay as they are. */
function mapValues(
  headers: Record<string, string>,
  f: (value: string, name: string) => string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, f(value, name)]));
}

export function sealHeaders(
  box: SecretBox,
  webhookId: string,
  headers: Record<string, string>,
): Record<string, string> {
  return mapValues(headers, (value, name) => box.seal(value, headerContext(webhookId, name)));
}

export function openHeaders(
  box: SecretBox,
  webhookId: string,
  headers: Record<string, string>,
): Record<string, string> {
  return mapValues(headers, (value, name) => box.open(value, headerContext(webhookId, name)));
}

export function openCredentials(box: SecretBox, stored: StoredCredentials): OpenCredentials {
  return {
    secret: box.open(stored.secret, secretContext(stored.id)),
    previousSecret:
      stored.previousSecret === null
        ? null
        : box.open(stored.previousSecret, secretContext(stored.id)),
    headers: openHeaders(box, stored.id, stored.headers),
  };
}

/**
 * The same credentials sealed with the box's current key, or null when they already are. Values
 * stored before encryption existed (plain) are sealed as they are.
 */
export function resealCredentials(
  box: SecretBox,
  stored: StoredCredentials,
): Pick<StoredCredentials, 'secret' | 'previousSecret' | 'headers'> | null {
  const values = [stored.secret, stored.previousSecret, ...Object.values(stored.headers)];
  if (values.every((value) => value === null || box.isCurrent(value))) return null;
  const reseal = (value: string, context: string) => {
    if (box.isCurrent(value)) return value;
    const plain = SecretBox.isSealed(value) ? box.open(value, context) : value;
    return box.seal(plain, context);
  };
  return {
    secret: reseal(stored.secret, secretContext(stored.id)),
    previousSecret:
      stored.previousSecret === null
        ? null
        : reseal(stored.previousSecret, secretContext(stored.id)),
    headers: mapValues(stored.headers, (value, name) =>
      reseal(value, headerContext(stored.id, name)),
    ),
  };
}
