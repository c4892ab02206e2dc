import type { IncomingMessage } from 'node:http';

export type ProxyTrust = { all: boolean; proxies: ReadonlySet<string> };

const plain = (address: string): string => address.replace(/^::ffff:/, '');

/**
 * The address that sent an alert, for the strategy's IP allowlist. X-Forwarded-For is read only
 * when the connection comes from a trusted proxy, and then from the right: the first address not
 * itself a trusted proxy is the client (anything left of it could be forged by that client).
 */
export function webhookClientIp(req: IncomingMessage, trust: ProxyTrust): string | null {
  const peer = req.socket.remoteAddress ? plain(req.socket.remoteAddress) : null;
  const trusted = (address: string) => trust.all || trust.proxies.has(address);
  if (peer === null || !trusted(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => plain(hop.trim()))
    .filter((hop) => hop !== '');
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index]!;
    if (!trusted(hop) || index === 0) return hop;
  }
  return peer;
}
