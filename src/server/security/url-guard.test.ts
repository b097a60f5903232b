import { describe, expect, it } from 'vitest';
import { UrlGuard, type AddressResolver } from './url-guard';

const resolver =
  (table: Record<string, string[]>): AddressResolver =>
  (hostname) => {
    const addresses = table[hostname];
    return addresses
      ? Promise.resolve(addresses)
      : Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }));
  };

describe('UrlGuard.checkAddress', () => {
  const guard = new UrlGuard([]);
  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.3.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
  ])('blocks %s', (address) => {
    expect(guard.checkAddress(address)).toMatch(/internal/);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1', '100.128.0.1'])(
    'allows %s',
    (address) => {
      expect(guard.checkAddress(address)).toBeUndefined();
    },
  );

  it('lets the allow-list exempt exactly its CIDRs', () => {
    const allowing = new UrlGuard(['127.0.0.0/8', '::1/128']);
    expect(allowing.checkAddress('127.0.0.1')).toBeUndefined();
    expect(allowing.checkAddress('::ffff:127.0.0.2')).toBeUndefined();
    expect(allowing.checkAddress('::1')).toBeUndefined();
    expect(allowing.checkAddress('10.0.0.1')).toMatch(/internal/);
  });
});

describe('UrlGuard.checkUrl', () => {
  const guard = new UrlGuard(
    [],
    resolver({
      'public.example': ['93.184.216.34'],
      'sneaky.example': ['93.184.216.34', '10.0.0.1'],
    }),
  );

  it('accepts https to a public name and to a name that does not resolve yet', async () => {
    expect(await guard.checkUrl('https://public.example/hook')).toEqual({ ok: true });
    expect(await guard.checkUrl('https://not-yet.example/hook')).toEqual({ ok: true });
  });

  it('refuses a name with any internal address, and internal IP literals', async () => {
    expect(await guard.checkUrl('https://sneaky.example/hook')).toMatchObject({ ok: false });
    expect(await guard.checkUrl('https://[fe80::1]/hook')).toMatchObject({ ok: false });
    expect(await guard.checkUrl('https://169.254.169.254/')).toMatchObject({ ok: false });
  });

  it('refuses plain http unless the allow-list covers every address', async () => {
    expect(await guard.checkUrl('http://public.example/hook')).toEqual({
      ok: false,
      reason: 'Endpoint URLs must use https://',
    });
    const local = new UrlGuard(['127.0.0.0/8'], resolver({ 'receiver.test': ['127.0.0.1'] }));
    expect(await local.checkUrl('http://127.0.0.1:8080/hook')).toEqual({ ok: true });
    expect(await local.checkUrl('http://receiver.test/hook')).toEqual({ ok: true });
    expect(await local.checkUrl('http://unresolvable.test/hook')).toMatchObject({ ok: false });
  });
});
