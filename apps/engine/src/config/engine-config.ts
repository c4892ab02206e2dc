import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IsoDateSchema, istDayNumber, istDayToIsoDate, PaiseSchema, UnderlyingSpecSchema, type UnderlyingSpec } from '@strikedesk/domain';

/**
 * Instrument and simulation data are configuration (apps/engine/config/*.json): lot sizes, freeze
 * quantities and expiry weekdays change by exchange circular, not by code change.
 */
export const DEFAULT_CONFIG_DIR = fileURLToPath(new URL('../../config/', import.meta.url));

export const SimulatedUnderlyingSchema = z.object({
  /** Opening spot, paise. */
  spot: PaiseSchema.refine((value) => value > 0, 'spot must be positive'),
  annualVolatility: z.number().positive().max(3),
  /** vol(k) = atmVol · (1 + curvature·k² + skew·k), k = ln(K/F). */
  smile: z.object({ curvature: z.number().min(0).max(50), skew: z.number().min(-5).max(5) }),
  jumpsPerYear: z.number().min(0).max(1000),
  /** Standard deviation of a jump's log-return. */
  jumpVolatility: z.number().min(0).max(0.5),
});
export type SimulatedUnderlying = z.infer<typeof SimulatedUnderlyingSchema>;

export const SimulationConfigSchema = z.object({
  /** Moved to exchange-calendar.json (2026-12-06): refused here, so an old list is not silently ignored. */
  holidays: z.never({ error: 'the holiday list moved to exchange-calendar.json (nseTradingHolidays)' }).optional(),
  riskFreeRate: z.number().min(-0.05).max(0.5),
  /** Multiplies the variance clock so a demo market moves visibly; 1 = realistic. */
  timeScale: z.number().positive().max(10_000),
  underlyings: z.record(z.string(), SimulatedUnderlyingSchema),
  /** How the paper broker fills, whatever feed it trades on. */
  paperFills: z
    .object({
      /** MARKET orders fill this many ticks worse than the depth they take (0: at the depth's prices). */
      slippageTicks: z.number().int().min(0).max(50).default(0),
      /** Futures trade within ± this % of the previous close (NSE's initial band); options have no fixed circuit. */
      futuresCircuitPercent: z.number().min(1).max(50).default(10),
    })
    .default({ slippageTicks: 0, futuresCircuitPercent: 10 }),
});
export type SimulationConfig = z.infer<typeof SimulationConfigSchema>;

/**
 * The exchange's trading calendar (exchange-calendar.json): the weekday holidays NSE announces by
 * circular each December for the next year. The engine's session check (MARKET_CLOSED, the header's
 * market state) and the listed expiries (an expiry on a holiday moves to the trading day before) read it,
 * for a live broker as for the simulated market. Dates past the list's last year are taken as
 * trading days: add the next year's list when NSE publishes it.
 */
export const ExchangeCalendarSchema = z.object({
  nseTradingHolidays: z.array(IsoDateSchema).refine((dates) => new Set(dates).size === dates.length, 'a date is listed twice'),
});
export type ExchangeCalendar = z.infer<typeof ExchangeCalendarSchema>;

/**
 * What to tell an admin when the engine's clock has run past the years the calendar lists (every
 * weekday would count as a trading day, holidays included), or null.
 */
export function calendarCoverageWarning(calendar: ExchangeCalendar, now: number): string | null {
  const lastYear = Math.max(...calendar.nseTradingHolidays.map((date) => Number(date.slice(0, 4))));
  const year = Number(istDayToIsoDate(istDayNumber(now)).slice(0, 4));
  if (Number.isFinite(lastYear) && year <= lastYear) return null;
  return `apps/engine/config/exchange-calendar.json lists NSE trading holidays up to ${Number.isFinite(lastYear) ? lastYear : 'no year'}, and it is ${year} (IST): every weekday counts as a trading day until ${year}'s holidays are added.`;
}

export type EngineConfig = { underlyings: UnderlyingSpec[]; simulation: SimulationConfig; calendar: ExchangeCalendar };

export class EngineConfigError extends Error {
  constructor(file: string, detail: string) {
    super(`invalid engine config ${file}: ${detail}`);
    this.name = 'EngineConfigError';
  }
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')));
  if (!parsed.success) throw new EngineConfigError(file, z.prettifyError(parsed.error));
  return parsed.data;
}

export function loadEngineConfig(dir: string = DEFAULT_CONFIG_DIR): EngineConfig {
  const underlyings = readJson(dir, 'underlyings.json', z.array(UnderlyingSpecSchema).min(1));
  const simulation = readJson(dir, 'simulation.json', SimulationConfigSchema);
  const calendar = readJson(dir, 'exchange-calendar.json', ExchangeCalendarSchema);
  for (const spec of underlyings) {
    if (!simulation.underlyings[spec.underlying]) {
      throw new EngineConfigError('simulation.json', `no simulation parameters for ${spec.underlying}`);
    }
    if (spec.strikeStep % 100 !== 0) throw new EngineConfigError('underlyings.json', `${spec.underlying}: strike step must be whole rupees`);
  }
  return { underlyings, simulation, calendar };
}
