import type { ServerResponse } from 'node:http';

/** HSTS lifetime once the desk is known to be served over HTTPS: a year, the usual minimum for preload lists. */
const HSTS_MAX_AGE_SECONDS = 365 * 86_400;

/**
 * Headers every answer of the public port carries — pages proxied from the web app included. Set
 * before routing, so the web app's own header of the same name (if it ever sends one) replaces ours.
 *
 * - No framing (`frame-ancestors 'none'`, and X-Frame-Options for older browsers): a framed order
 *   ticket can be clickjacked into placing or cancelling orders.
 * - nosniff: a JSON answer holding text a sender chose (an alert body, a symbol) is never run as script.
 * - no-referrer: page URLs may hold one-time values (a broker callback's request token); no other
 *   site needs to learn them.
 * - HSTS only when the desk says it is served over HTTPS (`tls`): sent over plain http it would be
 *   ignored, and on a LAN install without TLS it must not lock browsers out.
 *
 * A full Content-Security-Policy (script-src) is left to the web app: Next.js inline scripts need a
 * nonce it has to generate itself.
 */
export function applySecurityHeaders(res: ServerResponse, options: { tls: boolean }): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', "frame-ancestors 'none'");
  res.setHeader('referrer-policy', 'no-referrer');
  if (options.tls) res.setHeader('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}`);
}
