import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Zerodha's published sample payloads sit beside the project (../shared/fixtures/kite) on CI and
 * developers' machines but are never shipped with it. Tests that read them run when they are
 * there; under CI=true they must be there (a missing copy fails instead of silently skipping).
 */
export const KITE_FIXTURES_DIR = fileURLToPath(new URL('../../../../../shared/fixtures/kite/', import.meta.url));

export function kiteFixturesAvailable(): boolean {
  const present = existsSync(`${KITE_FIXTURES_DIR}orders.json`);
  if (!present && process.env['CI'] === 'true') throw new Error(`CI=true but the Kite sample payloads are missing at ${KITE_FIXTURES_DIR}`);
  return present;
}
