import { describe, expect, it } from 'vitest';
import { parseAddressList, resolveClientAddress } from './addresses.js';
import { loadConfig } from '../../config.js';

describe('address lists (TRUSTED_PROXIES, METRICS_ALLOW)', () => {
  it('matches addresses and CIDR ranges of both families, IPv4-mapped IPv6 as IPv4 on either side', () => {
    const list = parseAddressList('10.0.0.0/8, 192.168.1.7, fd00::/8, ::1, ::ffff:172.16.0.1');
    expect(list.has('10.200.3.4')).toBe(true);
    expect(list.has('::ffff:10.1.2.3')).toBe(true);
    expect(list.has('11.0.0.1')).toBe(false);
    expect(list.has('192.168.1.7')).toBe(true);
    expect(list.has('192.168.1.8')).toBe(false);
    expect(list.has('fd12:3456::1')).toBe(true);
    expect(list.has('fe80::1')).toBe(false);
    expect(list.has('::1')).toBe(true);
    expect(list.has('172.16.0.1')).toBe(true);
    expect(list.has('unknown')).toBe(false);
    expect(list.has(undefined)).toBe(false);
  });

  it('trusts nothing when empty', () => {
    const list = parseAddressList('');
    expect(list.empty).toBe(true);
    expect(list.has('127.0.0.1')).toBe(false);
  });

  it('refuses bad entries, naming each, and a bad setting stops the start naming it', () => {
    expect(() => parseAddressList('10.0.0.0/33, proxy.example, 1.2.3.4')).toThrow(/"10\.0\.0\.0\/33".*"proxy\.example"/);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, nonsense' })).toThrow(/TRUSTED_PROXIES: "nonsense" is not an IP address/);
    expect(() => loadConfig({ METRICS_ALLOW: '::1/129' })).toThrow(/METRICS_ALLOW: "::1\/129" has a prefix length/);
    expect(loadConfig({}).METRICS_ALLOW).toBe('127.0.0.0/8, ::1');
    expect(loadConfig({}).TRUSTED_PROXIES).toBe('');
  });
});

describe('the client address behind proxies', () => {
  const trusted = parseAddressList('127.0.0.1, 10.0.0.0/8');

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
    expect(resolveClientAddress('127.0.0.1', '198.51.100.1', parseAddressList(''))).toBe('127.0.0.1');
  });

  it('walks the chain from the right past trusted proxies to the first untrusted address', () => {
    // The client forged the leftmost entry; the proxies appended the real one.
    expect(resolveClientAddress('::ffff:127.0.0.1', '6.6.6.6, 198.51.100.7, 10.1.1.1', trusted)).toBe('198.51.100.7');
    expect(resolveClientAddress('127.0.0.1', '198.51.100.7', trusted)).toBe('198.51.100.7');
    expect(resolveClientAddress('127.0.0.1', '[2001:db8::5]:4711, 10.0.0.2', trusted)).toBe('2001:db8::5');
  });

  it('takes the leftmost entry when every hop is a trusted proxy, and the socket without a header', () => {
    expect(resolveClientAddress('127.0.0.1', '10.0.0.9, 10.0.0.2', trusted)).toBe('10.0.0.9');
    expect(resolveClientAddress('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
    expect(resolveClientAddress(undefined, '198.51.100.7', trusted)).toBe('unknown');
  });
});
