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

/** What reverse proxies add to say whom they relay for (nginx, Caddy, Traefik, HAProxy, RFC 7239). */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/**
 * A forwarding header from a peer we were not told to trust: a reverse proxy on this host or the
 * private network that the configuration does not name. The peer's own (internal) address then
 * says nothing about the client — behind such a proxy every internet request arrives from
 * 127.0.0.1 — so the request is not taken as internal. A scraper that connects directly sends none.
 */
function relayedByUntrustedProxy(req: IncomingMessage, trust: ProxyTrust): boolean {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (trust.all || trust.proxies.has(peer)) return false;
  return FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined);
}

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
  if (relayedByUntrustedProxy(req, access.proxyTrust)) {
    return {
      status: 403,
      code: 'METRICS_FORBIDDEN',
      message: 'This request was relayed by a proxy the gateway does not trust, so where it came from is unknown: name the proxy in TRUSTED_PROXIES (or TRUST_PROXY), or set METRICS_TOKEN.',
    };
  }
  const client = forwardedClientIp(req, access.proxyTrust);
  if (client !== null && isInternal(client)) return null;
  return { status: 403, code: 'METRICS_FORBIDDEN', message: 'Metrics are served to this host and the private network only (or set METRICS_TOKEN).' };
}
