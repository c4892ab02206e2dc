import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv6 } from 'node:net';
import { forwardedClientIp, type ProxyTrust } from './client-ip.ts';

/** Loopback, private (RFC 1918, ULA) and link-local: where a Prometheus beside the gateway scrapes from. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

const isInternal = (address: string): boolean => {
  try {
    return INTERNAL.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
  } catch {
    return false; // not an address at all: not ours
  }
};

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export type MetricsAccess = { token: string | null; proxyTrust: ProxyTrust };
export type MetricsRefusal = { status: 401 | 403; code: 'METRICS_UNAUTHORIZED' | 'METRICS_FORBIDDEN'; message: string };

/**
 * Who may read /metrics, which sits on the public port beside the terminal: its counts (requests,
 * logins, orders, connections) tell an outsider how the desk is used. With METRICS_TOKEN set, a
 * `Bearer` of that token (compared in constant time); without it, a scraper on this host or the
 * private network only — the client address as the proxy trust settings resolve it, so a request
 * relayed from the internet by a trusted proxy is judged by where it came from.
 */
export function metricsRefusal(req: IncomingMessage, access: MetricsAccess): MetricsRefusal | null {
  if (access.token !== null) {
    const header = req.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (timingSafeEqual(digest(presented), digest(access.token))) return null;
    return { status: 401, code: 'METRICS_UNAUTHORIZED', message: 'Send the METRICS_TOKEN as a Bearer token to read metrics.' };
  }
  const client = forwardedClientIp(req, access.proxyTrust);
  if (client !== null && isInternal(client)) return null;
  return { status: 403, code: 'METRICS_FORBIDDEN', message: 'Metrics are served to this host and the private network only (or set METRICS_TOKEN).' };
}
