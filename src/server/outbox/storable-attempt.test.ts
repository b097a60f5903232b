import { describe, expect, it } from 'vitest';
import type { AttemptResult } from './record';
import {
  UNRECORDABLE_MESSAGE,
  minimalAttempt,
  storableBody,
  storableText,
  toStorableAttempt,
  type ObservedAttempt,
} from './storable-attempt';

/** What PostgreSQL refuses: U+0000 anywhere, lone surrogates in jsonb (UTF-8 cannot carry them). */
function storable(text: string): boolean {
  return !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;
}

const observed = (overrides: Partial<ObservedAttempt> = {}): ObservedAttempt => ({
  kind: 'redelivery',
  requestedBy: 'Ana Admin',
  startedAt: new Date('2026-01-01T00:00:00Z'),
  durationMs: 12.5,
  headersMs: 10.25,
  url: 'https://example.com/hook',
  requestHeaders: { 'content-type': 'application/json' },
  responseStatus: 200,
  responseHeaders: { 'content-type': 'text/plain' },
  responseBody: Buffer.from('ok'),
  responseTruncated: false,
  errorCategory: null,
  errorMessage: null,
  ...overrides,
});

describe('storableText', () => {
  it('leaves ordinary text, including characters outside the BMP, as it is', () => {
    for (const text of ['', 'plain', 'café ÿ', 'emoji 😀 and 𝄞', 'back\\slash'])
      expect(storableText(text)).toBe(text);
  });

  it('writes NUL and lone surrogates as visible escapes', () => {
    expect(storableText('a\u0000b')).toBe('a\\u0000b');
    expect(storableText('\u0000')).toBe('\\u0000');
    expect(storableText('x\ud800y')).toBe('x\\ud800y');
    expect(storableText('x\udc00')).toBe('x\\udc00');
    // A low surrogate before its high one is two lone surrogates.
    expect(storableText('\udc00\ud800')).toBe('\\udc00\\ud800');
    expect(storableText('😀\ud83d')).toBe('😀\\ud83d');
    for (const text of ['a\u0000b', '\ud800', '\udc00\ud800', 'ok\u0000\ud83d😀'])
      expect(storable(storableText(text))).toBe(true);
  });
});

describe('storableBody', () => {
  it('keeps UTF-8 without NUL as text', () => {
    expect(storableBody(Buffer.from('{"ok":true} café 😀'), false)).toEqual({
      body: '{"ok":true} café 😀',
      encoding: 'utf8',
    });
    expect(storableBody(Buffer.alloc(0), false)).toEqual({ body: '', encoding: 'utf8' });
  });

  it('keeps a byte-order mark, so that the text is the bytes', () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x6f, 0x6b]);
    const { body, encoding } = storableBody(bytes, false);
    expect(encoding).toBe('utf8');
    expect(Buffer.from(body, 'utf8').equals(bytes)).toBe(true);
  });

  it('keeps NUL bytes, invalid UTF-8 and encoded surrogates as base64 of the exact bytes', () => {
    const cases = [
      Buffer.from('ok\u0000done'),
      Buffer.from([0x62, 0xff, 0xfe]),
      Buffer.from([0xc3]),
      // U+D800 encoded as if it were a character (CESU-style): not UTF-8.
      Buffer.from([0xed, 0xa0, 0x80]),
    ];
    for (const bytes of cases) {
      const { body, encoding } = storableBody(bytes, false);
      expect(encoding).toBe('base64');
      expect(Buffer.from(body, 'base64').equals(bytes)).toBe(true);
    }
  });

  it('leaves out a character cut at the size limit, and only then', () => {
    const euro = Buffer.from('€'); // three bytes
    const cut = Buffer.concat([Buffer.from('price '), euro.subarray(0, 2)]);
    expect(storableBody(cut, true)).toEqual({ body: 'price ', encoding: 'utf8' });
    // Untruncated, the same bytes are simply not UTF-8.
    expect(storableBody(cut, false).encoding).toBe('base64');
    // A four-byte character cut after three.
    const emoji = Buffer.concat([Buffer.from('x'), Buffer.from('😀').subarray(0, 3)]);
    expect(storableBody(emoji, true)).toEqual({ body: 'x', encoding: 'utf8' });
    // Whole characters at the cut are kept.
    expect(storableBody(Buffer.from('x€'), true)).toEqual({ body: 'x€', encoding: 'utf8' });
    // Invalid bytes before the cut still make it base64, of every byte kept.
    const invalid = Buffer.concat([Buffer.from([0xff]), euro.subarray(0, 1)]);
    const stored = storableBody(invalid, true);
    expect(stored.encoding).toBe('base64');
    expect(Buffer.from(stored.body, 'base64').equals(invalid)).toBe(true);
  });
});

describe('toStorableAttempt', () => {
  it('keeps an ordinary attempt as it is, its body as text', () => {
    const record = toStorableAttempt(observed());
    expect(record).toEqual({
      ...observed(),
      responseBody: 'ok',
      responseBodyEncoding: 'utf8',
    });
  });

  it('makes every text from the receiver storable', () => {
    const record = toStorableAttempt(
      observed({
        responseStatus: 301,
        responseHeaders: { 'x-odd\u0000': 'caf\u00e9\u0000', location: 'https://x/\ud800' },
        responseBody: Buffer.from([0x00, 0xff]),
        errorCategory: 'redirect',
        errorMessage: 'Answered 301 → https://x/\ud800\u0000',
      }),
    );
    expect(record.responseHeaders).toEqual({
      'x-odd\\u0000': 'caf\u00e9\\u0000',
      location: 'https://x/\\ud800',
    });
    expect(record.responseBodyEncoding).toBe('base64');
    expect(record.responseBody).toBe(Buffer.from([0x00, 0xff]).toString('base64'));
    expect(record.errorMessage).toBe('Answered 301 → https://x/\\ud800\\u0000');
    const texts = [
      record.url,
      record.responseBody ?? '',
      record.errorMessage ?? '',
      ...Object.entries(record.responseHeaders ?? {}).flat(),
      ...Object.entries(record.requestHeaders).flat(),
    ];
    expect(texts.every(storable)).toBe(true);
  });

  it('keeps a receiver’s header whatever its name', () => {
    const headers: Record<string, string> = Object.fromEntries([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
    const record = toStorableAttempt(observed({ responseHeaders: headers }));
    expect(JSON.stringify(record.responseHeaders)).toBe('{"__proto__":"a","constructor":"b"}');
  });

  it('keeps an attempt without an answer without a body', () => {
    const record = toStorableAttempt(
      observed({
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        errorCategory: 'timeout',
        errorMessage: 'timed out',
      }),
    );
    expect(record.responseBody).toBeNull();
    expect(record.responseBodyEncoding).toBe('utf8');
    expect(record.responseHeaders).toBeNull();
  });
});

describe('minimalAttempt', () => {
  it('keeps the when, how long, status and category, and nothing the receiver wrote', () => {
    const full: AttemptResult = {
      handOn: null,
      deliveryId: 'msg_01JX00000000000000000000AA',
      webhookId: '0190a1b2-0000-7000-8000-0000000000ff',
      acceptedAt: new Date('2026-01-01T00:00:00Z'),
      attempt: {
        ...toStorableAttempt(
          observed({
            responseStatus: 301,
            responseHeaders: { location: 'https://elsewhere.example/' },
            responseBody: Buffer.from('moved'),
            errorCategory: 'redirect',
            errorMessage: 'Answered 301 → https://elsewhere.example/',
          }),
        ),
        requestHeaders: { 'content-type': 'application/json', 'x-api-key': '••••••••' },
      },
      outcome: {
        status: 'pending',
        nextAttemptAt: new Date('2026-01-01T00:01:00Z'),
        completedAt: null,
        lastError: 'redirect: Answered 301 → https://elsewhere.example/',
      },
    };
    const minimal = minimalAttempt(full);
    expect(minimal.deliveryId).toBe(full.deliveryId);
    expect(minimal.webhookId).toBe(full.webhookId);
    expect(minimal.acceptedAt).toBe(full.acceptedAt);
    expect(minimal.attempt).toEqual({
      kind: 'redelivery',
      requestedBy: 'Ana Admin',
      startedAt: full.attempt.startedAt,
      durationMs: 12.5,
      headersMs: 10.25,
      url: 'https://example.com/hook',
      requestHeaders: {},
      responseStatus: 301,
      responseHeaders: {},
      responseBody: '',
      responseBodyEncoding: 'utf8',
      responseTruncated: false,
      errorCategory: 'redirect',
      errorMessage: UNRECORDABLE_MESSAGE,
    });
    expect(minimal.outcome).toEqual({
      ...full.outcome,
      lastError: `redirect: ${UNRECORDABLE_MESSAGE}`,
    });
    expect(JSON.stringify(minimal)).not.toContain('elsewhere');
  });

  it('keeps a success a success', () => {
    const minimal = minimalAttempt({
      handOn: null,
      deliveryId: 'msg_01JX00000000000000000000AB',
      webhookId: '0190a1b2-0000-7000-8000-0000000000ff',
      acceptedAt: new Date(),
      attempt: toStorableAttempt(observed()),
      outcome: {
        status: 'succeeded',
        nextAttemptAt: null,
        completedAt: new Date(),
        lastError: null,
      },
    });
    expect(minimal.attempt.errorCategory).toBeNull();
    expect(minimal.attempt.errorMessage).toBeNull();
    expect(minimal.outcome.status).toBe('succeeded');
    expect(minimal.outcome.lastError).toBeNull();
  });
});
