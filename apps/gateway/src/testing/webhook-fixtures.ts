import type { CreateStrategyInput, SignalDetail, StrategyConfigInput } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { GatewayClient } from './gateway-client.ts';

/** A TradingView → NIFTY near-month future strategy accepting alerts at any hour, enabled. */
export const ALWAYS_OPEN_CONFIG: StrategyConfigInput = {
  target: { kind: 'CONTINUOUS_FUTURE', underlying: 'NIFTY', nth: 1 },
  guards: { window: { start: '00:00', end: '24:00' }, maxSignalsPerMinute: 600, maxSignalsPerDay: 10_000, allowedIps: [] },
};

/** Creates and enables a strategy; returns it with its full webhook URL (shown only at creation). */
export async function createLiveStrategy(client: GatewayClient, baseUrl: string, overrides: Partial<CreateStrategyInput> = {}) {
  const { strategy, webhookPath } = await client.trpc.strategies.create.mutate({ name: 'TV NIFTY', config: ALWAYS_OPEN_CONFIG, ...overrides });
  const enabled = await client.trpc.strategies.updateSettings.mutate({ strategyId: strategy.id, enabled: true });
  return { strategy: enabled, url: `${baseUrl}${webhookPath}` };
}

/** Posts an alert as TradingView does: a JSON body as application/json, anything else as text/plain. */
export async function postAlert(url: string, body: string | object, options: { contentType?: string; headers?: Record<string, string> } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = options.contentType ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...options.headers }, body: text });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const FINAL = new Set(['EXECUTED', 'NO_ACTION', 'REJECTED', 'FAILED']);

/** Waits until the engine has processed the signal (a final status) and returns its detail. */
export async function processedSignal(client: GatewayClient, signalId: unknown, stage?: string): Promise<SignalDetail> {
  let last: SignalDetail | undefined;
  try {
    return await waitUntil(
      async () => {
        last = await client.trpc.signals.get.query({ signalId: String(signalId) });
        return FINAL.has(last.status) && (!stage || last.events.some((event) => event.stage === stage)) ? last : undefined;
      },
      { timeoutMs: 15_000 },
    );
  } catch {
    throw new Error(`signal ${String(signalId)} not processed${stage ? ` to ${stage}` : ''}; last seen: ${JSON.stringify(last)}`);
  }
}
