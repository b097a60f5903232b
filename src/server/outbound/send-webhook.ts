/**
 * One HTTP POST to a customer's endpoint. Never throws: every outcome — a response of any status, or a
 * failure before one — comes back as a value the caller records (documenso's pattern).
 *
 * The SSRF guard runs again here, at connect time: the socket connects only to an address that the
 * guard approved in the same DNS lookup, so a name that resolves publicly when saved and privately now
 * (DNS rebinding) is refused. Redirects are never followed (a 3xx is a failure), and the response body
 * is kept up to 64 KiB.
 *
 * One limit bounds the whole attempt: RINGPOST_DELIVERY_TIMEOUT, from before the connection to the last
 * byte of the body, enforced by an AbortSignal. undici's own headers and body timeouts measure shorter
 * spans (from the request written; between body chunks), so set a little longer they never fire first
 * and are only a backstop; its connect timeout is its own, shorter limit. A timeout's message names the
 * limit that fired and the phase it cut short.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import type { FailureCategory } from '@contract/deliveries';
import type { UrlGuard } from '../security/url-guard';

export const RESPONSE_BODY_LIMIT = 64 * 1024;
/** undici's limit on establishing a connection (TCP and TLS), made explicit so that messages can name it. */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface SendResult {
  startedAt: Date;
  durationMs: number;
  /** Until the status line and headers arrived (undici's `request()` resolves then); null if they never did. */
  headersMs: number | null;
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

/** `15 s`, `1.5 s`, `500 ms`: how a limit reads in a message. */
export function describeLimit(ms: number): string {
  return ms >= 1_000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** What the receiver had not done when a timeout fired, and which limit it was. */
export interface TimeoutContext {
  timeoutMs: number;
  /** Whether the status line and headers had arrived. */
  gotHeaders: boolean;
}

function timeoutMessage(code: string, context: TimeoutContext): string {
  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return `Could not connect within ${describeLimit(CONNECT_TIMEOUT_MS)} (the connect timeout)`;
  const limit = `${describeLimit(context.timeoutMs)} (RINGPOST_DELIVERY_TIMEOUT)`;
  return context.gotHeaders
    ? `The response's body did not arrive in full within ${limit}`
    : `No response within ${limit}`;
}

function categorise(
  error: unknown,
  context: TimeoutContext,
): { category: FailureCategory; message: string } {
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
    // undici says "Headers Timeout Error", the signal "The operation was aborted due to timeout": neither
    // says which limit or how long, which is what a receiver's owner needs to know.
    return { category: 'timeout', message: timeoutMessage(code, context) };
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

/** undici's own timeouts sit this far past the attempt's limit: a backstop, never the limit that fires. */
const BACKSTOP_MARGIN_MS = 1_000;

export class WebhookSender {
  private readonly agent: Agent;

  constructor(
    private readonly guard: UrlGuard,
    options: { connectionsPerOrigin?: number } = {},
  ) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connections: options.connectionsPerOrigin ?? 16,
      connect: { lookup: guardedLookup(guard), timeout: CONNECT_TIMEOUT_MS },
    });
  }

  async send(input: SendRequest): Promise<SendResult> {
    const startedAt = new Date();
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    const failure = (error: { category: FailureCategory; message: string }): SendResult => ({
      startedAt,
      durationMs: elapsed(),
      headersMs: null,
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

    // Set once the status line and headers are in; a failure after that still reports what came.
    let answered: {
      headersMs: number;
      status: number;
      headers: Record<string, string>;
      chunks: Buffer[];
    } | null = null;
    try {
      const response = await request(url, {
        method: 'POST',
        headers: input.headers,
        body: input.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(input.timeoutMs),
        headersTimeout: input.timeoutMs + BACKSTOP_MARGIN_MS,
        bodyTimeout: input.timeoutMs + BACKSTOP_MARGIN_MS,
      });
      answered = {
        headersMs: elapsed(),
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        chunks: [],
      };
      const { chunks } = answered;
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
      const { status, headers, headersMs } = answered;
      const result: SendResult = {
        startedAt,
        durationMs: elapsed(),
        headersMs,
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
      const failed = failure(
        categorise(error, { timeoutMs: input.timeoutMs, gotHeaders: answered !== null }),
      );
      if (!answered) return failed;
      // The receiver answered, then the body failed (timed out, reset): keep what it said, so that the
      // attempt shows a 200 whose body never finished rather than no answer at all.
      return {
        ...failed,
        headersMs: answered.headersMs,
        response: {
          status: answered.status,
          headers: answered.headers,
          body: Buffer.concat(answered.chunks),
          bodyTruncated: false,
        },
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
