import { DomainError, validateOrderSpec, type AccountId, type ErrorCode, type Instrument, type OrderSpec, type Tick } from '@strikedesk/domain';
import type { GreekRiskRequest } from '../risk/greek-risk-check.ts';

export type PreTradeContext = {
  instrument(instrumentId: string): Instrument | undefined;
  latest(instrumentId: string): Tick | undefined;
  isMarketOpen(): boolean;
  /** Per-account limits on net Greeks (issue 5); absent in tests that don't exercise them. */
  greekRisk?(request: GreekRiskRequest): Denial | null;
};

/**
 * Whose order it is, for the per-account checks. A modify also says what of the same order is
 * already counted (`workingQuantity`: its unfilled quantity before the change), what is filled, and
 * its id (so the Greek check does not count it again among the account's working orders).
 */
export type PreTradeAccount = { accountId: AccountId; orderId?: string; workingQuantity?: number; filledQuantity?: number };

export type Denial = { code: ErrorCode; message: string };

/** Orders larger than this many freeze quantities are refused until slicing exists (issue 3). */
const MAX_FREEZE_MULTIPLE = 10;

/**
 * Shape validation plus the thin pre-trade risk check. Returns a denial (journaled as OrderDenied)
 * rather than throwing: a refused order is a fact of the trading day, not an API error.
 */
export function preTradeCheck(spec: OrderSpec, context: PreTradeContext, account?: PreTradeAccount): Denial | null {
  const instrument = context.instrument(spec.instrumentId);
  if (!instrument) return deny(new DomainError('INSTRUMENT_NOT_FOUND', `Unknown instrument ${spec.instrumentId}.`));
  try {
    validateOrderSpec(spec, instrument);
  } catch (error) {
    if (error instanceof DomainError) return deny(error);
    throw error;
  }
  if (!context.isMarketOpen()) return deny(new DomainError('MARKET_CLOSED'));
  const tick = context.latest(spec.instrumentId);
  if (!tick || tick.bid === null || tick.ask === null) return deny(new DomainError('NO_MARKET_PRICE'));
  const maxQuantity = instrument.freezeQuantity * MAX_FREEZE_MULTIPLE;
  if (spec.quantity > maxQuantity) {
    return deny(
      new DomainError(
        'VALIDATION_FAILED',
        `Quantity ${spec.quantity} is above ${MAX_FREEZE_MULTIPLE} × the freeze quantity (${maxQuantity}) for ${instrument.tradingSymbol}.`,
      ),
    );
  }
  if (account && context.greekRisk) {
    return context.greekRisk({
      accountId: account.accountId,
      instrument,
      side: spec.side,
      quantity: spec.quantity - (account.filledQuantity ?? 0),
      workingQuantity: account.workingQuantity ?? 0,
      ...(account.orderId === undefined ? {} : { orderId: account.orderId }),
    });
  }
  return null;
}

const deny = (error: DomainError): Denial => ({ code: error.code, message: error.message });

/**
 * The same check for a modification, which must not reach the broker with what a fresh order of
 * that shape would be denied for (e.g. 1 lot placed, then modified to 300 freeze quantities). A
 * refused modify changes nothing, so it is an API error carrying the denial's code and message.
 */
export function assertPreTrade(spec: OrderSpec, context: PreTradeContext, account?: PreTradeAccount): void {
  const denial = preTradeCheck(spec, context, account);
  if (denial) throw new DomainError(denial.code, denial.message);
}
