import { describe, expect, it } from 'vitest';
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
});
