import { forwardedClientIp, type ProxyTrust } from '../http/client-ip.ts';

export type { ProxyTrust };

/**
 * The address that sent an alert, for the strategy's IP allowlist: X-Forwarded-For believed only
 * from TRUSTED_PROXIES (right to left) or, with TRUST_PROXY, its right-most hop (http/client-ip.ts).
 */
export const webhookClientIp = forwardedClientIp;
