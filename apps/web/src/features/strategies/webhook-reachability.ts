/**
 * Why TradingView could not deliver to a webhook URL, or null when nothing on its face stops it.
 * TradingView posts only to ports 80 and 443, from its own servers on the internet (docs/runbook.md,
 * "TradingView alerts"): a URL made on a terminal opened at 127.0.0.1:3970 or a LAN address looks
 * fine, is accepted by TradingView's dialog, and then no alert ever arrives — and since an unknown
 * request never reaches a strategy, the Signals screen stays empty with nothing to say why.
 */
export function webhookUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const problems: string[] = [];
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLocalHost(host)) problems.push(`${host} is reachable only from this machine or your local network, not from TradingView's servers`);
  if (parsed.port !== '') problems.push(`TradingView posts only to ports 80 and 443, not ${parsed.port}`);
  if (problems.length === 0) return null;
  return `TradingView cannot deliver to this URL: ${problems.join('; ')}. Open the terminal at its public address (HTTPS on port 443, e.g. behind a reverse proxy) and copy the URL from there.`;
}

/** Loopback, private (RFC 1918, unique-local, link-local) and mDNS names. */
function isLocalHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === '::1' || host === '0.0.0.0') return true;
  const octets = host.split('.').map(Number);
  if (octets.length === 4 && octets.every((octet) => Number.isInteger(octet) && octet >= 0 && octet <= 255)) {
    const [a = 0, b = 0] = octets;
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  return /^(fc|fd)[0-9a-f]{2}:/.test(host) || host.startsWith('fe80:');
}
