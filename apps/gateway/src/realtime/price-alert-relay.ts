import { instrumentIdParts, PriceAlertSchema, type InstrumentId, type PriceAlert } from '@strikedesk/domain';
import type { EngineClient } from '../engine/engine-client.ts';
import type { Logger } from '../logger.ts';
import { userRoom, type GatewayIo } from './socket-events.ts';

/**
 * Relays a fired price alert (a PRICE_ALERT_TRIGGERED_CHANNEL notification from the engine) to its
 * owner's terminals, with the instrument's name. Every gateway listens and emits to its own sockets
 * only (`io.local`): through the Redis adapter each would otherwise reach a browser once per gateway.
 */
export function priceAlertRelay(io: GatewayIo, engine: Pick<EngineClient, 'getInstruments'>, logger: Logger): (payload: string) => void {
  const nameOf = async (alert: PriceAlert): Promise<string> => {
    try {
      const [instrument] = await engine.getInstruments([alert.instrumentId as InstrumentId]);
      if (instrument) return instrument.displayName;
    } catch {
      // The engine away: the symbol still says which contract.
    }
    return instrumentIdParts(alert.instrumentId).symbol;
  };
  return (payload) => {
    let alert: PriceAlert;
    try {
      alert = PriceAlertSchema.parse(JSON.parse(payload));
    } catch (error) {
      logger.warn({ err: error }, 'unreadable price alert notification ignored');
      return;
    }
    void nameOf(alert).then((instrumentName) => io.local.to(userRoom(alert.userId)).emit('priceAlert', { alert, instrumentName }));
  };
}

/**
 * Alerts that ended without firing (their contract expired; a PRICE_ALERT_ENDED_CHANNEL notification,
 * payload the owner's user id): that user's terminals on this gateway read their alerts again.
 */
export function priceAlertsEndedRelay(io: GatewayIo): (payload: string) => void {
  return (userId) => void io.local.to(userRoom(userId)).emit('priceAlertsStale');
}
