import type { IncomingMessage } from 'node:http';

/**
 * The caller's address for rate limiting. X-Forwarded-For is honoured only behind a trusted proxy
 * (TRUST_PROXY); otherwise anyone could send a fresh address per attempt and never be limited.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
