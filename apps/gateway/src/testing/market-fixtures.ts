import type { Instrument, Paise, PlaceOrderInput, Tick } from '@strikedesk/domain';
import type { GatewayClient } from './gateway-client.ts';
import { waitUntil } from '@strikedesk/domain/testing';

export type TradableOption = { instrument: Instrument; tick: Tick };

/** A tradable NIFTY option with a live quote, found through the gateway like the web would. */
export async function pickTradableOption(client: GatewayClient): Promise<TradableOption> {
  const instruments = await client.trpc.instruments.search.query({ query: 'NIFTY', limit: 100 });
  const options = instruments.filter((instrument) => instrument.tradable && instrument.kind === 'CALL');
  if (options.length === 0) throw new Error('the engine lists no tradable NIFTY call');
  return waitUntil(
    async () => {
      const quotes = await client.trpc.market.quotes.query({ instrumentIds: options.map((option) => option.id) });
      const quoted = quotes.find((tick) => tick.lastPrice > 0);
      const instrument = quoted && options.find((option) => option.id === quoted.instrumentId);
      return instrument && quoted ? { instrument, tick: quoted } : undefined;
    },
    { message: 'a quoted option', timeoutMs: 15_000 },
  );
}

/**
 * A limit buy far enough under the market that it rests OPEN (so it can be modified and
 * cancelled) but is still a sane price on the tick grid.
 */
export function restingBuy(option: TradableOption, clientOrderId?: string): PlaceOrderInput {
  const { tickSize, lotSize } = option.instrument;
  // 15% under the market: rests for the length of a test, inside the engine's 20% price band.
  const below = Math.floor((option.tick.lastPrice * 0.85) / tickSize) * tickSize;
  return {
    instrumentId: option.instrument.id,
    side: 'BUY',
    type: 'LIMIT',
    product: 'MIS',
    quantity: lotSize,
    price: Math.max(tickSize, below) as Paise,
    triggerPrice: null,
    ...(clientOrderId ? { clientOrderId: clientOrderId as PlaceOrderInput['clientOrderId'] } : {}),
  };
}

/** A market buy of one lot: fills at once on the paper broker. */
export function marketBuy(option: TradableOption): PlaceOrderInput {
  return {
    instrumentId: option.instrument.id,
    side: 'BUY',
    type: 'MARKET',
    product: 'MIS',
    quantity: option.instrument.lotSize,
    price: null,
    triggerPrice: null,
  };
}
