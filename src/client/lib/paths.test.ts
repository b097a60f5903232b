import { describe, expect, it } from 'vitest';
import { paths, safeInternalPath, withSearchParam } from './paths';

describe('safeInternalPath', () => {
  it.each([
    ['/agents/1/webhook?configure=', '/agents/1/webhook?configure='],
    ['/webhooks#top', '/webhooks#top'],
  ])('keeps the internal path %s', (value, expected) => {
    expect(safeInternalPath(value, '/agents')).toBe(expected);
  });

  it.each([null, '', 'agents', '//evil.example/x', '/\\evil.example', 'https://evil.example/'])(
    'refuses %s',
    (value) => {
      expect(safeInternalPath(value, '/agents')).toBe('/agents');
    },
  );
});

describe('paths', () => {
  it('keeps path-valued parameters readable and round-trips them', () => {
    const href = paths.newWebhook('/agents/abc/webhook');
    expect(href).toBe('/webhooks/new?returnTo=/agents/abc/webhook');
    expect(new URL(href, 'http://x').searchParams.get('returnTo')).toBe('/agents/abc/webhook');
    const signIn = paths.signIn('/agents?x=1&y=2');
    expect(new URL(signIn, 'http://x').searchParams.get('next')).toBe('/agents?x=1&y=2');
  });

  it('adds a search parameter to a path that may already have some', () => {
    expect(withSearchParam('/agents/abc/webhook?tab=1', 'configure', 'id-1')).toBe(
      '/agents/abc/webhook?tab=1&configure=id-1',
    );
  });
});

describe('deliveries paths', () => {
  it('keeps only the filters that are set, in a link that reads them back', () => {
    expect(paths.deliveries()).toBe('/deliveries');
    expect(paths.deliveries({ status: undefined, q: '' })).toBe('/deliveries');
    const href = paths.deliveries({ eventType: 'post-conversation', webhookId: 'w-1' });
    expect(href).toBe('/deliveries?eventType=post-conversation&webhookId=w-1');
  });

  it('opens a delivery over the list with the same filters', () => {
    expect(paths.delivery('msg_1', { status: 'failed' })).toBe('/deliveries/msg_1?status=failed');
  });

  it('escapes a call id in the call view’s path', () => {
    expect(paths.call('call_1:a.b')).toBe('/calls/call_1%3Aa.b');
  });
});
