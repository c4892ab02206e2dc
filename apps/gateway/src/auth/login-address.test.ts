import { describe, expect, it } from 'vitest';
import { loginAddressKey } from './login-address.ts';

describe('loginAddressKey', () => {
  it('counts an IPv4 address as itself', () => {
    expect(loginAddressKey('203.0.113.10')).toBe('203.0.113.10');
  });

  it('counts an IPv6 address as its /64, however it is spelled', () => {
    const key = loginAddressKey('2001:db8:70:1::1');
    expect(key).toBe('2001:db8:70:1::/64');
    for (const same of ['2001:db8:70:1:ffff:ffff:ffff:fffe', '2001:DB8:0070:0001:0:0:0:1', '2001:db8:70:1:1:2:3:4', '2001:db8:70:1::192.0.2.1', '2001:db8:70:1::1%eth0']) {
      expect(loginAddressKey(same)).toBe(key);
    }
    expect(loginAddressKey('2001:db8:70:2::1')).not.toBe(key);
    expect(loginAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(loginAddressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 one', () => {
    expect(loginAddressKey('::FFFF:203.0.113.10')).toBe('203.0.113.10');
    expect(loginAddressKey('0:0:0:0:0:ffff:cb00:710a')).toBe('203.0.113.10');
  });

  it('leaves what is not an address as it is', () => {
    expect(loginAddressKey('unknown')).toBe('unknown');
  });
});
