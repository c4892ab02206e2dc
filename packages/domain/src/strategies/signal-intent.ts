import type { Side } from '../order.ts';
import type { AlertMessage } from './alert-message.ts';
import type { StrategyConfig } from './strategy.ts';

/** What an alert asks of the strategy's book in one instrument, in units. */
export type SignalIntent =
  | {
      kind: 'ORDER';
      side: Side;
      quantity: number;
      targetPosition: number;
      /** The whole order takes the position towards flat, not past it. */
      reducing: boolean;
      /**
       * The part of the order that closes the current position: all of a reduce, the current
       * position of a reversal (the rest opens the other way), 0 for an order that adds. It is sized
       * and guarded as an exit, the rest as an entry.
       */
      closingQuantity: number;
    }
  | { kind: 'NONE'; reason: string }
  | { kind: 'REFUSED'; code: 'SIGNAL_INVALID_QUANTITY' | 'SIGNAL_ORDER_SIZE_LIMIT' | 'SIGNAL_POSITION_LIMIT'; message: string };

/**
 * Turns an alert into one order against the strategy's current position in the instrument
 * (`currentUnits`: its net position plus what its working orders would add). Pure, so the
 * engine's processing and its tests agree on every case.
 */
export function signalIntent(args: {
  message: Pick<AlertMessage, 'action' | 'contracts' | 'positionSize'>;
  config: Pick<StrategyConfig, 'contractsAre' | 'defaultLots' | 'sizing' | 'risk'>;
  lotSize: number;
  currentUnits: number;
}): SignalIntent {
  const { message, config, lotSize, currentUnits } = args;
  const toUnits = (contracts: number): number | null => {
    const units = config.contractsAre === 'LOTS' ? contracts * lotSize : contracts;
    return Number.isInteger(units) && units % lotSize === 0 ? units : null;
  };
  const orderUnits = message.contracts === null ? config.defaultLots * lotSize : toUnits(message.contracts);
  const targetUnits = message.positionSize === null ? null : message.positionSize === 0 ? 0 : toUnits(Math.abs(message.positionSize));
  if (orderUnits === null || (message.positionSize !== null && targetUnits === null)) {
    const unit = config.contractsAre === 'LOTS' ? 'lots' : `units (multiples of the lot size ${lotSize})`;
    return { kind: 'REFUSED', code: 'SIGNAL_INVALID_QUANTITY', message: `Quantities must be whole ${unit}.` };
  }
  const signedTarget = targetUnits === null ? null : Math.sign(message.positionSize ?? 0) * targetUnits;

  let target: number;
  switch (message.action) {
    case 'BUY':
      target = config.sizing === 'POSITION' && signedTarget !== null ? signedTarget : currentUnits + orderUnits;
      break;
    case 'SELL':
      target = config.sizing === 'POSITION' && signedTarget !== null ? signedTarget : currentUnits - orderUnits;
      break;
    case 'EXIT':
      if (currentUnits === 0) return { kind: 'NONE', reason: 'The strategy has no position to exit.' };
      target = 0;
      break;
    case 'REVERSE':
      if (currentUnits === 0) return { kind: 'NONE', reason: 'The strategy has no position to reverse.' };
      target = -Math.sign(currentUnits) * (message.contracts === null ? Math.abs(currentUnits) : orderUnits);
      break;
    case 'TARGET':
      target = signedTarget ?? 0;
      break;
  }
  const delta = target - currentUnits;
  if (delta === 0) return { kind: 'NONE', reason: `The strategy's position is already ${lots(target, lotSize)}.` };
  const reducing = Math.abs(target) < Math.abs(currentUnits) && Math.sign(target) * Math.sign(currentUnits) >= 0;
  if (!reducing) {
    if (Math.abs(delta) > config.risk.maxLotsPerOrder * lotSize) {
      return { kind: 'REFUSED', code: 'SIGNAL_ORDER_SIZE_LIMIT', message: `This alert asks for ${lots(Math.abs(delta), lotSize)}; the strategy allows ${config.risk.maxLotsPerOrder} lots per order.` };
    }
    if (Math.abs(target) > config.risk.maxPositionLots * lotSize) {
      return { kind: 'REFUSED', code: 'SIGNAL_POSITION_LIMIT', message: `This alert would take the strategy's position to ${lots(target, lotSize)}; it allows ${config.risk.maxPositionLots} lots.` };
    }
  }
  const closingQuantity = reducing ? Math.abs(delta) : Math.sign(delta) === -Math.sign(currentUnits) ? Math.abs(currentUnits) : 0;
  return { kind: 'ORDER', side: delta > 0 ? 'BUY' : 'SELL', quantity: Math.abs(delta), targetPosition: target, reducing, closingQuantity };
}

const lots = (units: number, lotSize: number): string => `${units / lotSize} lots`;
