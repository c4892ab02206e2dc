import { z } from 'zod';
import { UsernameSchema } from '@strikedesk/domain';

// The only file that reads process.env: everything else receives a validated GatewayEnv.
const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

export const GatewayEnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  ENGINE_URL: z.string().regex(/^wss?:\/\//, 'ENGINE_URL must be a ws:// or wss:// URL').default('ws://127.0.0.1:4100'),
  ENGINE_TOKEN: z.string().min(16, 'ENGINE_TOKEN must be at least 16 characters'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL'),
  REDIS_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL').optional()),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(90 * 86_400).default(7 * 86_400),
  // Normalised exactly as login input is (trimmed, lower-cased), so the admin can always log in.
  ADMIN_USERNAME: UsernameSchema.default('admin'),
  ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional()),
  WEB_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  /**
   * The URL browsers (and brokers) reach this gateway at, e.g. https://desk.example.in: the Kite
   * login comes back to `<PUBLIC_URL>/brokers/kite/callback`. Unset → the request's own Host, for
   * loopback hosts only (npm start); anything else cannot be trusted to be what the browser used.
   */
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: 'PUBLIC_URL must be an http:// or https:// URL' })
      .transform((value) => new URL(value).origin)
      .optional(),
  ),
  COOKIE_SECURE: booleanFromString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromString,
  /** Requests one REST API key may make a minute (counted in Redis when set, so across gateways). */
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  /**
   * Wrong passwords (logins and password changes, any usernames) one client address may send in
   * 15 min before its logins are refused for the rest of the window; right ones never count.
   * Raise it for many traders behind one office address (docs/adr/0008).
   */
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  /**
   * Open client connections (WebSockets and idle keep-alive ones included) the gateway accepts at
   * once; past it new connections are closed unanswered. Keep it under the process's file limit.
   */
  MAX_CONNECTIONS: z.coerce.number().int().min(10).max(1_000_000).default(1000),
  /**
   * Master keys for broker secrets, `id:base64,…` (first = current), or a file holding them
   * (docs/adr/0018). Checked at start; unset → broker accounts can be listed but no secret saved.
   */
  STRIKEDESK_MASTER_KEYS: z.preprocess(emptyAsUndefined, z.string().optional()),
  STRIKEDESK_MASTER_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  /**
   * Bearer token /metrics requires (16+ characters). Unset: /metrics answers this host and the
   * private network only (apps/gateway/src/http/metrics-access.ts).
   */
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional()),
  /** Reverse proxies whose X-Forwarded-For the webhook trusts (comma-separated addresses). */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()]))),
});

export type GatewayEnv = z.infer<typeof GatewayEnvSchema>;

export class GatewayEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid gateway configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'GatewayEnvError';
  }
}

export function loadGatewayEnv(source: Record<string, string | undefined> = process.env): GatewayEnv {
  const parsed = GatewayEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new GatewayEnvError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
