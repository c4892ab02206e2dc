import {
  canTrade,
  DomainError,
  priceAlertLevelText,
  priceAlertRefusal,
  validatePriceAlertOrder,
  type InstrumentId,
  type ModifyPriceAlertInputSchema,
  type PriceAlert,
  type SessionUser,
} from '@strikedesk/domain';
import type { z } from 'zod';
import type { GatewayServices } from '../trpc/services.ts';

/**
 * Changes an active alert of `user` — a new level (not already reached), note, or a GTT's order
 * (of a shape the ticket would take, by a trader or admin) — with the checks a new one gets; for a
 * leg of an OCO pair the "at or above" level must stay above the "at or below" one (ADR 0028).
 */
export async function modifyPriceAlert(
  services: Pick<GatewayServices, 'engine' | 'priceAlerts'>,
  user: SessionUser,
  input: z.output<typeof ModifyPriceAlertInputSchema>,
): Promise<PriceAlert> {
  const alert = await services.priceAlerts.get(user.userId, input.id);
  if (!alert) throw new DomainError('PRICE_ALERT_NOT_FOUND');
  if (alert.status !== 'ACTIVE') throw new DomainError('PRICE_ALERT_NOT_ACTIVE');
  const { price, order } = input;
  if (order) {
    if (alert.order === null) throw new DomainError('VALIDATION_FAILED', 'This alert places no order: set a GTT instead to have one placed.');
    if (!canTrade(user.role)) throw new DomainError('VIEWER_CANNOT_TRADE');
  }
  if (price !== undefined || order) {
    const [instrument] = await services.engine.getInstruments([alert.instrumentId as InstrumentId]);
    if (!instrument) throw new DomainError('INSTRUMENT_NOT_FOUND');
    if (price !== undefined) {
      const [tick] = await services.engine.quotes([alert.instrumentId as InstrumentId]);
      const refusal = priceAlertRefusal(instrument, tick?.lastPrice, { condition: alert.condition, price });
      if (refusal) throw refusal;
      const pair = alert.ocoWith === null ? null : await services.priceAlerts.get(user.userId, alert.ocoWith);
      if (pair?.status === 'ACTIVE' && (alert.condition === 'ABOVE' ? price <= pair.price : price >= pair.price)) {
        throw new DomainError('VALIDATION_FAILED', `The OCO pair's other leg is ${priceAlertLevelText(pair)}: this leg must stay ${alert.condition === 'ABOVE' ? 'above' : 'below'} it, or both could fire at once.`);
      }
    }
    if (order) validatePriceAlertOrder(order, instrument);
  }
  return services.priceAlerts.modify(user.userId, input.id, { price, note: input.note, order });
}
