import ipaddr from 'ipaddr.js';

/**
 * What the login limits count a client address as. An IPv4 address is itself; an IPv6 client is
 * its /64 — one home or office is handed a /64 (often more) and may use any of its 2^64
 * addresses, so counting single IPv6 addresses would give a sprayer an unlimited budget by
 * changing address between guesses. Spellings of one address (`2001:DB8::1`, `2001:db8:0::1`, an
 * IPv4-mapped `::ffff:192.0.2.1`) count as one. Anything else ('unknown') is counted as given.
 */
export function loginAddressKey(address: string): string {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return address;
  const zoneless = address.split('%')[0] ?? address;
  if (!ipaddr.IPv6.isValid(zoneless)) return address;
  const parsed = ipaddr.IPv6.parse(zoneless);
  if (parsed.isIPv4MappedAddress()) return parsed.toIPv4Address().toString();
  return `${parsed.parts
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
