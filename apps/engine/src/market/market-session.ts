import { formatIstMinute, SESSION_CLOSE_MINUTE, SESSION_OPEN_MINUTE, type MarketClosedReason, type MarketSession } from '@strikedesk/domain';
import type { IntradayCutoff } from '../risk/intraday-cutoff.ts';
import { nseClosedReason, nseSessionCloseAfter } from './market-hours.ts';

/**
 * When the engine takes orders: NSE's normal session less the exchange holidays, or any hour
 * (MARKET_ALWAYS_OPEN). The one rule the order checks and market.session both read, so what the
 * terminal shows is what an order meets.
 */
export class MarketSessionRule {
  constructor(
    private readonly options: {
      alwaysOpen: boolean;
      holidays: ReadonlySet<string>;
      cutoff: Pick<IntradayCutoff, 'minute' | 'label' | 'passed'>;
    },
  ) {}

  isOpen(now: number): boolean {
    return this.closedReason(now) === null;
  }

  closedReason(now: number): MarketClosedReason | null {
    return this.options.alwaysOpen ? null : nseClosedReason(now, this.options.holidays);
  }

  /**
   * Whether the session a DAY order placed at `placedAt` worked in has closed by `now` (the exchange
   * expired it then). Never in the always-open sandbox: its venue has no session to end.
   */
  dayOrderEnded(placedAt: number, now: number): boolean {
    if (this.options.alwaysOpen) return false;
    const close = nseSessionCloseAfter(placedAt, this.options.holidays);
    return close !== null && now >= close;
  }

  describe(now: number): MarketSession {
    const { alwaysOpen, cutoff } = this.options;
    return {
      at: now,
      closed: this.closedReason(now),
      alwaysOpen,
      hours: { opens: formatIstMinute(SESSION_OPEN_MINUTE), closes: formatIstMinute(SESSION_CLOSE_MINUTE) },
      intradaySquareOff: cutoff.minute === null ? null : { at: cutoff.label, passed: cutoff.passed(now) },
    };
  }
}
