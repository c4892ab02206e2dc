import type { IncomingMessage } from 'node:http';

/** Which peers' X-Forwarded-For is believed: any peer (TRUST_PROXY, one unnamed proxy), or listed proxies. */
export type ProxyTrust = { all: boolean; proxies: ReadonlySet<string> };

const plain = (address: string): string => address.replace(/^::ffff:/, '');

/**
 * The address a request came from. X-Forwarded-For is read only when the connection comes from a
 * trusted proxy, and then from the right: the first address not itself a listed proxy is the
 * client (anything left of it could be forged by that client). With TRUST_PROXY (any peer trusted,
 * proxies unnamed) only the right-most hop — the one the proxy appended — is believed.
 */
export function forwardedClientIp(req: IncomingMessage, trust: ProxyTrust): string | null {
  const peer = req.socket.remoteAddress ? plain(req.socket.remoteAddress) : null;
  const trusted = (address: string) => trust.all || trust.proxies.has(address);
  if (peer === null || !trusted(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => plain(hop.trim()))
    .filter((hop) => hop !== '');
  // Trusting every peer (TRUST_PROXY) means trusting one proxy: only the hop it appended is known.
  if (trust.all) return hops.at(-1) ?? peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index]!;
    if (!trust.proxies.has(hop) || index === 0) return hop;
  }
  return peer;
}
