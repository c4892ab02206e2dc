import { parseIstTime } from '@strikedesk/domain';
import { z } from 'zod';

/** The only reader of process.env in the engine: everything else receives an EngineEnv. */
const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const EngineEnvSchema = z.object({
  ENGINE_HOST: z.string().min(1).default('127.0.0.1'),
  // 0 lets tests and the gateway's test harness ask the OS for a free port.
  ENGINE_PORT: z.coerce.number().int().min(0).max(65_535).default(4100),
  ENGINE_TOKEN: z.string().min(16, 'ENGINE_TOKEN must be at least 16 characters'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL'),
  SIM_SEED: z.coerce.number().int().default(42),
  SIM_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  MARKET_ALWAYS_OPEN: booleanText.default(true),
  RECORD_TICKS: booleanText.default(true),
  /** The paper venue as its own process (apps/engine/src/brokers/paper-venue); unset = in-process paper broker. */
  PAPER_VENUE_URL: z.string().regex(/^https?:\/\//, 'PAPER_VENUE_URL must be an http(s):// URL').optional(),
  /** A journal snapshot is taken every this many events (restart replays at most about that many). */
  SNAPSHOT_EVERY_EVENTS: z.coerce.number().int().min(1_000).max(10_000_000).default(50_000),
  /** Full reconciliation with the broker's books every this many ms (also on reconnect and for stale in-flight orders). */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The installation's Telegram bot, which sends traders their signal failures; unset = no Telegram. */
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'TELEGRAM_BOT_TOKEN must look like 123456:ABC…').optional(),
  TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
  /** The master key ring that opens broker account secrets (ADR 0018); unset = bound broker accounts cannot connect. */
  STRIKEDESK_MASTER_KEYS: z.string().optional(),
  STRIKEDESK_MASTER_KEY_FILE: z.string().optional(),
  /** Every Kite session is logged out daily at this IST time (HH:MM), or never with "off". */
  BROKER_DAILY_LOGOUT_IST: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'BROKER_DAILY_LOGOUT_IST must be HH:MM (IST) or off')
    .default('16:00')
    .transform((value) => (value === 'off' ? null : Number(value.slice(0, 2)) * 60 + Number(value.slice(3)))),
  /**
   * An engine whose instrument listing is from an earlier day restarts itself at this IST time
   * (HH:MM), or never with "off": the listing is built at start (market/listing-day.ts, ADR 0025).
   */
  DAILY_RESTART_IST: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'DAILY_RESTART_IST must be HH:MM (IST) or off')
    .default('08:45')
    .transform((value) => (value === 'off' ? null : parseIstTime(value))),
  /**
   * Intraday (MIS) positions are squared off at this IST time (HH:MM) and MIS orders may then only
   * reduce them, or never with "off". Unset: 15:15 when the engine follows the exchange's session
   * (MARKET_ALWAYS_OPEN=false), off in the always-open sandbox. Brokers square off MIS themselves
   * at 15:20–15:25; the terminal goes first so its own exits, not the broker's, close the books.
   */
  INTRADAY_SQUARE_OFF_IST: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'INTRADAY_SQUARE_OFF_IST must be HH:MM (IST) or off')
    .optional(),
});
export type EngineEnv = z.infer<typeof EngineEnvSchema>;

export class EngineEnvError extends Error {
  constructor(issues: string) {
    super(`invalid engine environment: ${issues}`);
    this.name = 'EngineEnvError';
  }
}

const DEFAULT_INTRADAY_SQUARE_OFF_MINUTE = 15 * 60 + 15;

/** The intraday square-off as minutes after IST midnight, or null when it is off (see INTRADAY_SQUARE_OFF_IST). */
export function intradaySquareOffMinute(env: Pick<EngineEnv, 'INTRADAY_SQUARE_OFF_IST' | 'MARKET_ALWAYS_OPEN'>): number | null {
  const value = env.INTRADAY_SQUARE_OFF_IST;
  if (value === undefined) return env.MARKET_ALWAYS_OPEN ? null : DEFAULT_INTRADAY_SQUARE_OFF_MINUTE;
  return value === 'off' ? null : parseIstTime(value);
}

/** Validates an environment (process.env by default); empty strings count as unset. */
export function loadEngineEnv(source: Record<string, string | undefined> = process.env): EngineEnv {
  const cleaned = Object.fromEntries(
    Object.keys(EngineEnvSchema.shape).map((key) => [key, source[key] === '' ? undefined : source[key]]),
  );
  const parsed = EngineEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    // Never echo values: ENGINE_TOKEN and DATABASE_URL are secrets.
    throw new EngineEnvError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}

/** The paper venue process (brokers/paper-venue/venue-main.ts): where it listens and what it simulates. */
export const VenueEnvSchema = z.object({
  VENUE_HOST: z.string().min(1).default('127.0.0.1'),
  VENUE_PORT: z.coerce.number().int().min(0).max(65_535).default(4200),
  SIM_SEED: z.coerce.number().int().default(42),
  SIM_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  LOG_LEVEL: EngineEnvSchema.shape.LOG_LEVEL,
});
export type VenueEnv = z.infer<typeof VenueEnvSchema>;

export function loadVenueEnv(source: Record<string, string | undefined> = process.env): VenueEnv {
  const cleaned = Object.fromEntries(Object.keys(VenueEnvSchema.shape).map((key) => [key, source[key] === '' ? undefined : source[key]]));
  const parsed = VenueEnvSchema.safeParse(cleaned);
  if (!parsed.success) throw new EngineEnvError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return parsed.data;
}
