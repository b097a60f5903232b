/**
 * One POST against real receivers on loopback: the body comes back as the bytes that were sent, and
 * each way of failing before an answer gets its category from the error undici really gives.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../testing/receiver';
import { UrlGuard } from '../security/url-guard';
import { describeLimit, RESPONSE_BODY_LIMIT, WebhookSender } from './send-webhook';

let receiver: Receiver;
let sender: WebhookSender;

beforeAll(async () => {
  receiver = await startReceiver();
  sender = new WebhookSender(new UrlGuard(['127.0.0.0/8']));
});
afterAll(async () => {
  await sender.close();
  await receiver.close();
});

const send = (url: string) =>
  sender.send({
    url,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    timeoutMs: 2_000,
  });

describe('WebhookSender.send', () => {
  it('answers the body as the bytes that came, NUL and invalid UTF-8 included', async () => {
    const bytes = Buffer.from([0x6f, 0x6b, 0x00, 0xff, 0xfe, 0xc3]);
    receiver.behave('/bytes', () => ({ status: 200, body: bytes }));
    const result = await send(receiver.url('/bytes'));
    expect(result.error).toBeNull();
    expect(result.response?.body.equals(bytes)).toBe(true);
    expect(result.response?.bodyTruncated).toBe(false);
  });

  it('keeps the first 64 KiB of a longer body, byte for byte', async () => {
    const bytes = Buffer.alloc(RESPONSE_BODY_LIMIT + 10_000, 0xe9);
    receiver.behave('/long', () => ({ status: 500, body: bytes }));
    const result = await send(receiver.url('/long'));
    expect(result.error?.category).toBe('http_status');
    expect(result.response?.body.equals(bytes.subarray(0, RESPONSE_BODY_LIMIT))).toBe(true);
    expect(result.response?.bodyTruncated).toBe(true);
  });

  it('calls a host name that does not resolve a dns failure', async () => {
    const result = await send('https://ringpost-test.invalid/hook');
    expect(result.response).toBeNull();
    expect(result.error?.category).toBe('dns');
    expect(result.error?.message).toMatch(/ringpost-test\.invalid/);
  });

  it('calls TLS to a port that speaks plain HTTP a tls failure', async () => {
    const result = await send(receiver.url('/plain').replace(/^http:/, 'https:'));
    expect(result.response).toBeNull();
    expect(result.error?.category).toBe('tls');
  });

  it('calls an answer the client refuses (control bytes in a header) a connect failure', async () => {
    receiver.behave('/control', () => ({
      raw: Buffer.concat([
        Buffer.from('HTTP/1.1 200 OK\r\nX-Odd: caf'),
        Buffer.from([0xe9, 0x01]),
        Buffer.from('\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok'),
      ]),
    }));
    const result = await send(receiver.url('/control'));
    expect(result.response).toBeNull();
    expect(result.error?.category).toBe('connect');
  });

  it('says how long the answer took to start: headersMs, within durationMs', async () => {
    receiver.behave('/timed', () => ({ status: 204, body: '' }));
    const result = await send(receiver.url('/timed'));
    expect(result.error).toBeNull();
    expect(result.headersMs).not.toBeNull();
    expect(result.headersMs).toBeGreaterThan(0);
    expect(result.headersMs).toBeLessThanOrEqual(result.durationMs);
    const refused = await send('https://ringpost-test.invalid/hook');
    expect(refused.headersMs).toBeNull();
  });

  it('names the limit when no answer comes in time', async () => {
    receiver.behave('/silent', () => ({ delayMs: 1_500 }));
    const result = await sender.send({
      url: receiver.url('/silent'),
      headers: {},
      body: '{}',
      timeoutMs: 400,
    });
    expect(result.error).toEqual({
      category: 'timeout',
      message: 'No response within 400 ms (RINGPOST_DELIVERY_TIMEOUT)',
    });
    expect(result.response).toBeNull();
    expect(result.headersMs).toBeNull();
    expect(result.durationMs).toBeGreaterThanOrEqual(390);
    expect(result.durationMs).toBeLessThan(1_400);
  });

  it('keeps the status of an answer whose body stops coming, and says the limit cut the body short', async () => {
    // Node's server writes the status line and headers, one chunk, and then nothing.
    const stalling = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
      });
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as AddressInfo;
    try {
      const result = await sender.send({
        url: `http://127.0.0.1:${port}/stall`,
        headers: {},
        body: '{}',
        timeoutMs: 500,
      });
      expect(result.error).toEqual({
        category: 'timeout',
        message:
          "The response's body did not arrive in full within 500 ms (RINGPOST_DELIVERY_TIMEOUT)",
      });
      expect(result.response?.status).toBe(200);
      expect(result.response?.body.toString()).toBe('partial');
      expect(result.headersMs).toBeLessThan(400);
      expect(result.durationMs).toBeGreaterThanOrEqual(490);
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it('writes limits as people read them', () => {
    expect(describeLimit(15_000)).toBe('15 s');
    expect(describeLimit(1_500)).toBe('1.5 s');
    expect(describeLimit(250)).toBe('250 ms');
  });
});
