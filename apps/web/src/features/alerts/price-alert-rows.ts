import type { Instrument, PriceAlert, TradingAccount } from '@strikedesk/domain';
import { accountLabel } from '../brokers/trading-account-text.ts';

/**
 * An alert with its instrument resolved, for a leg of an OCO pair the other leg when listed (an old
 * one may be past the list's limit), and for a GTT the account its order goes to — named only when
 * the trader has more than one (paper and live): the terminal may since have switched to the other.
 * Rows carry data: the grid caches accessor values per row, so what a cell shows must be in its row.
 */
export type PriceAlertRow = { alert: PriceAlert; instrument: Instrument | undefined; pair: PriceAlert | undefined; account: string | undefined };

export function priceAlertRows(alerts: readonly PriceAlert[], instruments: ReadonlyMap<string, Instrument>, accounts: readonly TradingAccount[] = []): PriceAlertRow[] {
  const byId = new Map(alerts.map((alert) => [alert.id, alert]));
  const accountOf = (alert: PriceAlert): string | undefined => {
    if (alert.accountId === null || accounts.length < 2) return undefined;
    const account = accounts.find((each) => each.id === alert.accountId);
    return account ? accountLabel(account) : 'another account';
  };
  return alerts.map((alert) => ({ alert, instrument: instruments.get(alert.instrumentId), pair: alert.ocoWith === null ? undefined : byId.get(alert.ocoWith), account: accountOf(alert) }));
}
