/**
 * One HTTP POST to a customer's endpoint. Never throws: every outcome — a response of any status, or a
 * failure before one — comes back as a value the caller records (documenso's pattern).
 *
 * The SSRF guard runs again here, at connect time: the socket connects only to an address that the
 * guard approved in the same DNS lookup, so a name that resolves publicly when saved and privately now
 * (DNS rebinding) is refused. Redirects are never followed (a 3xx is a failure), and the response body
 * is kept up to 64 KiB.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import type { FailureCategory } from '@contract/deliveries';
import type { UrlGuard } from '../security/url-guard';

export const RESPONSE_BODY_LIMIT = 64 * 1024;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface SendResult {
  startedAt: Date;
  durationMs: number;
  response: {
    status: number;
    headers: Record<string, string>;
    /** The bytes as they came, up to RESPONSE_BODY_LIMIT: they need not be text. */
    body: Buffer;
    bodyTruncated: boolean;
  } | null;
  /** Null for a 2xx answer. */
  error: { category: FailureCategory; message: string } | null;
  /** From a Retry-After header, in milliseconds. */
  retryAfterMs: number | null;
}

class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
}

function guardedLookup(guard: UrlGuard): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      for (const entry of addresses) {
        const reason = guard.checkAddress(entry.address);
        if (reason) {
          callback(
            new BlockedAddressError(`${hostname} resolves to ${entry.address}, ${reason}`),
            '',
            0,
          );
          return;
        }
      }
      if (options.all) {
        (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
        return;
      }
      const first = addresses[0];
      if (!first)
        callback(
          Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }),
          '',
          0,
        );
      else callback(null, first.address, first.family);
    });
  };
}

function categorise(error: unknown): { category: FailureCategory; message: string } {
  const seen = new Set<unknown>();
  let current: unknown = error;
  const messages: string[] = [];
  let code = '';
  let name = '';
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (!code && typeof e.code === 'string') code = e.code;
    if (!name && typeof e.name === 'string' && e.name !== 'Error') name = e.name;
    if (typeof e.message === 'string' && e.message) messages.push(e.message);
    current = e.cause;
  }
  const message = [...new Set(messages)].join(': ') || String(error);
  if (code === 'EBLOCKED') return { category: 'blocked', message };
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code)) {
    return { category: 'timeout', message: message || 'timed out' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return { category: 'dns', message };
  if (
    /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code) ||
    /certificate|TLS|SSL/i.test(message)
  ) {
    return { category: 'tls', message };
  }
  return { category: 'connect', message };
}

function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export class WebhookSender {
  private readonly agent: Agent;

  constructor(
    private readonly guard: UrlGuard,
    options: { connectionsPerOrigin?: number } = {},
  ) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connections: options.connectionsPerOrigin ?? 16,
      connect: { lookup: guardedLookup(guard) },
    });
  }

  async send(input: SendRequest): Promise<SendResult> {
    const startedAt = new Date();
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    const failure = (error: { category: FailureCategory; message: string }): SendResult => ({
      startedAt,
      durationMs: elapsed(),
      response: null,
      error,
      retryAfterMs: null,
    });

    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      return failure({ category: 'connect', message: `Not a valid URL: ${input.url}` });
    }
    // A literal address never reaches the lookup above, so it is checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal)) {
      const reason = this.guard.checkAddress(literal);
      if (reason) return failure({ category: 'blocked', message: `${url.host} is ${reason}` });
    }

    try {
      const response = await request(url, {
        method: 'POST',
        headers: input.headers,
        body: input.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(input.timeoutMs),
        headersTimeout: input.timeoutMs,
        bodyTimeout: input.timeoutMs,
      });
      const chunks: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        const room = RESPONSE_BODY_LIMIT - kept;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          truncated = true;
          // Reading megabytes we will not keep only delays the next delivery: drop the connection.
          response.body.destroy();
          break;
        }
        chunks.push(chunk);
        kept += chunk.length;
      }
      const status = response.statusCode;
      const headers = flattenHeaders(response.headers);
      const result: SendResult = {
        startedAt,
        durationMs: elapsed(),
        response: {
          status,
          headers,
          body: Buffer.concat(chunks),
          bodyTruncated: truncated,
        },
        error: null,
        retryAfterMs: parseRetryAfter(headers['retry-after'], Date.now()),
      };
      if (status >= 300 && status < 400) {
        result.error = {
          category: 'redirect',
          message: `Answered ${status}${headers.location ? ` → ${headers.location}` : ''}; redirects are not followed`,
        };
      } else if (status < 200 || status >= 300) {
        result.error = { category: 'http_status', message: `Answered ${status}` };
      }
      return result;
    } catch (error) {
      return failure(categorise(error));
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
