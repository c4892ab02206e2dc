import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin browsers reach this gateway at, for URLs that leave the page (the Kite login's
 * redirect and postback URLs). PUBLIC_URL when configured. Otherwise the request's Host, but only
 * a loopback one: behind a proxy or on a LAN address the Host header is whatever the client sent,
 * and a login redirect built from it could send the trader's Kite request token elsewhere.
 */
export function publicOrigin(req: IncomingMessage, configured: string | undefined): string | null {
  if (configured) return configured;
  const host = req.headers.host;
  if (!host) return null;
  try {
    const url = new URL(`http://${host}`);
    return LOOPBACK_HOSTNAMES.has(url.hostname) ? url.origin : null;
  } catch {
    return null;
  }
}
