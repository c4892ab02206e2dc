import {
  canTrade,
  DomainError,
  oppositeCondition,
  priceAlertRefusal,
  validatePriceAlertOrder,
  type CreatePriceAlertInputSchema,
  type InstrumentId,
  type PriceAlert,
  type SessionUser,
} from '@strikedesk/domain';
import type { z } from 'zod';
import type { GatewayServices } from '../trpc/services.ts';

/**
 * A new price alert of `user` — with an order a GTT in their current account, with `oco` a pair —
 * checked as the terminal and the REST API both need (ADR 0027, 0028): the instrument exists; each
 * leg's level is not already met and its contract not expired; an order only from a trader or
 * admin, and of a shape the ticket would take.
 */
export async function createPriceAlert(
  services: Pick<GatewayServices, 'engine' | 'priceAlerts'>,
  user: SessionUser,
  input: z.output<typeof CreatePriceAlertInputSchema>,
): Promise<PriceAlert> {
  const instrumentId = input.instrumentId as InstrumentId;
  const [instrument] = await services.engine.getInstruments([instrumentId]);
  if (!instrument) throw new DomainError('INSTRUMENT_NOT_FOUND');
  const [tick] = await services.engine.quotes([instrumentId]);
  const { order, oco } = input;
  const refusal =
    priceAlertRefusal(instrument, tick?.lastPrice, input) ?? (oco ? priceAlertRefusal(instrument, tick?.lastPrice, { condition: oppositeCondition(input.condition), price: oco.price }) : null);
  if (refusal) throw refusal;
  if (order) {
    if (!canTrade(user.role)) throw new DomainError('VIEWER_CANNOT_TRADE');
    // The ticket's shape checks now (an index, lots, tick, price per type); pre-trade risk when it is placed.
    validatePriceAlertOrder(order, instrument);
    if (oco) validatePriceAlertOrder(oco.order, instrument);
  }
  const gtt = order ? { accountId: user.accountId, order } : undefined;
  return services.priceAlerts.create(user.userId, { instrumentId, condition: input.condition, price: input.price, note: input.note, gtt, oco });
}
