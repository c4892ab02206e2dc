import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nseClosedReason } from '../market/market-hours.ts';
import { calendarCoverageWarning, DEFAULT_CONFIG_DIR, EngineConfigError, loadEngineConfig } from './engine-config.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped config with one file replaced. */
function configWith(file: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'engine-config-'));
  dirs.push(dir);
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), JSON.stringify(content));
  return dir;
}

describe('exchange calendar', () => {
  it('ships NSE trading holidays as weekday dates, each listed once', () => {
    const { nseTradingHolidays } = loadEngineConfig().calendar;
    expect(nseTradingHolidays.length).toBeGreaterThan(10);
    expect(nseTradingHolidays).toContain('2026-01-26'); // Republic Day
    for (const date of nseTradingHolidays) expect(nseClosedReason(Date.parse(`${date}T06:00:00Z`)), date).toBeNull(); // 11:30 IST on a weekday
  });

  it('refuses a calendar with a malformed or repeated date, naming the file', () => {
    expect(() => loadEngineConfig(configWith('exchange-calendar.json', { nseTradingHolidays: ['25 Dec 2026'] }))).toThrow(EngineConfigError);
    expect(() => loadEngineConfig(configWith('exchange-calendar.json', { nseTradingHolidays: ['2026-12-25', '2026-12-25'] }))).toThrow(/exchange-calendar\.json.*listed twice/s);
  });

  it('says when the clock has run past the listed years (IST), and not before', () => {
    const calendar = { nseTradingHolidays: ['2026-01-26', '2026-12-25'] };
    expect(calendarCoverageWarning(calendar, Date.UTC(2026, 11, 31, 18, 0))).toBeNull(); // 23:30 IST, 31 Dec 2026
    expect(calendarCoverageWarning(calendar, Date.UTC(2026, 11, 31, 19, 0))).toMatch(/up to 2026, and it is 2027 \(IST\): every weekday counts as a trading day until 2027's holidays are added/);
    expect(calendarCoverageWarning({ nseTradingHolidays: [] }, Date.UTC(2026, 5, 1))).toMatch(/up to no year/);
  });

  it('refuses a holiday list left in simulation.json (it moved), saying where it went', () => {
    const simulation = JSON.parse(readFileSync(join(DEFAULT_CONFIG_DIR, 'simulation.json'), 'utf8')) as Record<string, unknown>;
    expect(() => loadEngineConfig(configWith('simulation.json', { ...simulation, holidays: ['2026-12-25'] }))).toThrow(/simulation\.json.*moved to exchange-calendar\.json/s);
  });
});
