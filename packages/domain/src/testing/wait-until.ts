import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls until the check returns a value other than undefined/false; fails with the message (and the
 * check's last error, if it threw) on timeout. Tests wait with this, never with bare sleeps.
 */
export async function waitUntil<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await delay(options.intervalMs ?? 25);
  }
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`waitUntil timed out: ${options.message ?? 'condition not met'}${reason}`);
}
