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

  // IPv6 spellings of IPv4 addresses: a mapped address is the IPv4 address inside, in any spelling;
  // the forms that tunnel or translate to IPv4 elsewhere are refused whole.
  it.each([
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::FFFF:7F00:0001', 'IPv4-mapped loopback, upper case with leading zeros'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'IPv4-mapped metadata address, uncompressed'],
    ['[::ffff:a00:1]', 'IPv4-mapped private address, bracketed'],
    ['::127.0.0.1', 'IPv4-compatible loopback, dotted'],
    ['::7f00:1', 'IPv4-compatible loopback, hex'],
    ['::808:808', 'IPv4-compatible, even of a public address'],
    ['::ffff:0:7f00:1', 'IPv4-translated (SIIT)'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['2002:7f00:1::', '6to4 of loopback'],
    ['2002:808:808::1', '6to4, even of a public address'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['fe80::1%eth0', 'link-local with a zone'],
  ])('blocks %s (%s)', (address) => {
    expect(guard.checkAddress(address)).toMatch(/internal/);
  });

  it.each(['::ffff:808:808', '::ffff:8.8.8.8', '2001:4860:4860::8888', '2a00:1450:4001::200e'])(
    'allows %s',
    (address) => {
      expect(guard.checkAddress(address)).toBeUndefined();
    },
  );

  it('judges a mapped address by the allow-list as the IPv4 address it is', () => {
    const allowing = new UrlGuard(['127.0.0.0/8', '::ffff:10.1.0.0/112']);
    expect(allowing.checkAddress('::ffff:7f00:2')).toBeUndefined();
    expect(allowing.checkAddress('10.1.2.3')).toBeUndefined();
    expect(allowing.checkAddress('10.2.0.1')).toMatch(/internal/);
  });

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
    // The URL parser rewrites [::ffff:127.0.0.1] as [::ffff:7f00:1].
    expect(await guard.checkUrl('https://[::ffff:127.0.0.1]/')).toMatchObject({ ok: false });
    expect(await guard.checkUrl('https://[::127.0.0.1]/')).toMatchObject({ ok: false });
    expect(await guard.checkUrl('https://[2002:a9fe:a9fe::]/')).toMatchObject({ ok: false });
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
