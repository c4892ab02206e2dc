import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nseClosedReason } from '../market/market-hours.ts';
import { DEFAULT_CONFIG_DIR, EngineConfigError, loadEngineConfig } from './engine-config.ts';

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
});
