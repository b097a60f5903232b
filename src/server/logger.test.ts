import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db/database';
import { createLogger } from './logger';

describe('the JSON logger', () => {
  it('writes one JSON object per line, with fields, and never a secret', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { service: 'ringpost' }, (line) => lines.push(line));
    logger.debug('not at info');
    logger.info('webhook created', {
      webhookId: 'w1',
      secret: 'whsec_abc',
      headers: {
        Authorization: 'Bearer t',
        'X-Api-Key': 'k',
        'webhook-signature': 'v1,xyz',
        'content-type': 'application/json',
      },
      nested: { password: 'hunter2', apiKey: 'rpk_x', sessionToken: 't' },
    });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({
      level: 'info',
      msg: 'webhook created',
      service: 'ringpost',
      webhookId: 'w1',
      secret: '[redacted]',
    });
    expect(record.headers).toEqual({
      Authorization: '[redacted]',
      'X-Api-Key': '[redacted]',
      'webhook-signature': '[redacted]',
      'content-type': 'application/json',
    });
    expect(lines[0]).not.toMatch(/whsec_abc|hunter2|rpk_x|Bearer t|v1,xyz/);
  });

  it('keeps errors readable', () => {
    const lines: string[] = [];
    createLogger('info', {}, (line) => lines.push(line)).error('boom', {
      error: new Error('broken'),
    });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      error: { name: 'Error', message: 'broken' },
    });
  });

  it('keeps ids that name a credential readable', () => {
    const lines: string[] = [];
    createLogger('info', {}, (line) => lines.push(line)).info('key used', {
      apiKeyId: 'key-1',
      apiKeyPrefix: 'rpk_abc',
      previousSecretExpiresAt: '2026-01-01T00:00:00.000Z',
      secret: 'whsec_x',
    });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      apiKeyId: 'key-1',
      previousSecretExpiresAt: '2026-01-01T00:00:00.000Z',
      secret: '[redacted]',
    });
  });

  it('masks credential-shaped strings anywhere in a line', () => {
    const lines: string[] = [];
    createLogger('info', {}, (line) => lines.push(line)).warn(
      'rotated whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo= for rpk_Zm9vYmFy-baz_1',
      {
        detail: ['curl -H "Authorization: Bearer eyJhbGciOi.x.y"', { note: 'Basic dXNlcjpwYXNz' }],
      },
    );
    expect(lines[0]).not.toMatch(/QUJDREVG|Zm9vYmFy|eyJhbGciOi|dXNlcjpwYXNz/);
    expect(lines[0]).toContain('whsec_[redacted]');
    expect(lines[0]).toContain('Bearer [redacted]');
  });

  it('logs a failed statement by its text and code, never its parameters or the refused value', async () => {
    const handle = await openDatabase({ kind: 'embedded-memory' });
    const secret = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==';
    const headerValue = 'customer-credential-7f3a9c';
    let failure: unknown;
    try {
      await handle.db.execute(sql`select ${secret}::text as s, ${headerValue}::uuid as u`);
    } catch (error) {
      failure = error;
    } finally {
      await handle.close();
    }
    // drizzle's own message carries every parameter: the reason for this test.
    expect((failure as Error).message).toContain(headerValue);
    const lines: string[] = [];
    createLogger('info', {}, (line) => lines.push(line)).error('unhandled error', {
      error: failure,
    });
    const line = lines[0] ?? '';
    expect(line).not.toContain(secret.slice(6));
    expect(line).not.toContain(headerValue);
    const record = JSON.parse(line) as { error: { message: string; cause: { code: string } } };
    expect(record.error.message).toMatch(/^Failed query: select \$1::text as s, \$2::uuid as u/);
    expect(record.error.cause.code).toBe('22P02');
  });
});
