/**
 * A rough copy of the server's SSRF guard (src/server/security/url-guard.ts), answering with its texts:
 * a private IP address is refused, a local name as the server would once it resolved it to loopback,
 * and plain http, which the server accepts only for allow-listed receivers (the mock has none).
 */
import { addressRefused, HTTPS_REQUIRED } from '@contract/api-messages';
import { apiError } from './mock-api';

function isLocalName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

function isPrivateAddress(host: string): boolean {
  return (
    host === '::1' ||
    host === '0.0.0.0' ||
    /^(127|10)\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^169\.254\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  );
}

/** The server's 400 for a refused URL: the reason is the message, and the `url` field's text. */
export function refusedUrl(reason: string): Response {
  return apiError(400, 'validation_failed', reason, { url: reason });
}

/** Why the server would refuse this URL as an endpoint or a redelivery target, or null if it would not. */
export function urlRefusal(raw: string): string | null {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLocalName(host)) return addressRefused(`${host} resolves to 127.0.0.1,`);
  if (isPrivateAddress(host)) return addressRefused(`${host} is`);
  if (url.protocol === 'http:') return HTTPS_REQUIRED;
  return null;
}
