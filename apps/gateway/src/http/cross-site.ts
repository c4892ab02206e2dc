import type { IncomingMessage } from 'node:http';

/**
 * A request a browser says another site made (Fetch Metadata, `Sec-Fetch-Site`). The terminal is
 * served from the gateway's own origin (ADR 0006), so its tRPC calls are always `same-origin`.
 *
 * Why /trpc refuses these although the refresh cookie is SameSite=Strict: "same-site" is not
 * "same-origin" — a page on a sibling subdomain (another app on the same domain, a hijacked
 * subdomain) is same-site, so the browser sends the cookie with its requests; and tRPC takes
 * `multipart/form-data` (a plain HTML form, no CORS preflight) for a procedure without input, so
 * such a page could end the trader's session (auth.logout) or rotate their refresh token
 * (auth.refresh). Clients that are not browsers send no such header and are unaffected.
 */
export function isCrossSiteBrowserRequest(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}
