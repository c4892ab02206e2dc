'use client';

import { useMemo } from 'react';
import type { Instrument, Side } from '@strikedesk/domain';
import { useLiveTick } from '@/lib/live/use-live-ticks.ts';
import { useAccountGreeks } from '@/lib/queries/use-account-greeks.ts';
import { formatGreek, formatIv } from '../option-chain/chain-view.ts';
import { usePricingContext } from './use-pricing-context.ts';
import { estimateOptionGreeks, formatLots, FUTURE_UNIT_GREEKS, netDeltaLotsAfter, type UnitGreeks } from './what-if.ts';
import styles from './order-ticket.module.css';

type TicketWhatIfProps = { instrument: Instrument; side: Side; lots: number | null };

/** IV, delta and the account's net delta after this order — an estimate, for options and futures. */
export function TicketWhatIf({ instrument, side, lots }: TicketWhatIfProps) {
  if (instrument.kind === 'INDEX') return null;
  return <WhatIfPanel instrument={instrument} side={side} lots={lots} />;
}

function WhatIfPanel({ instrument, side, lots }: TicketWhatIfProps) {
  const tick = useLiveTick(instrument.id);
  const context = usePricingContext(instrument);
  const account = useAccountGreeks();
  const bid = tick?.bid ?? null;
  const ask = tick?.ask ?? null;
  const lastPrice = tick?.lastPrice;

  const unit = useMemo<UnitGreeks | null>(() => {
    if (instrument.kind === 'FUTURE') return FUTURE_UNIT_GREEKS;
    const chain = context.data;
    if (!chain) return null;
    // The browser's own estimate from the live mid (LTP only when a side is missing), priced on the
    // chain's forward and discount factor exactly as the engine does; the engine's last values otherwise.
    const estimate = lastPrice !== undefined ? estimateOptionGreeks(instrument, { bid, ask, lastPrice }, chain) : null;
    if (estimate) return estimate;
    const row = chain.rows.find((candidate) => candidate.strike === instrument.strike);
    const option = instrument.kind === 'CALL' ? row?.call : row?.put;
    return option?.delta !== null && option?.delta !== undefined ? { iv: option.iv, delta: option.delta } : null;
  }, [instrument, context.data, bid, ask, lastPrice]);

  const current = account.data?.byUnderlying.find((item) => item.underlying === instrument.underlying)?.deltaLots ?? (account.data ? 0 : null);
  const after =
    unit && lots !== null && lots > 0 && current !== null
      ? netDeltaLotsAfter({ currentDeltaLots: current, side, lots, lotSize: instrument.lotSize, unit })
      : null;

  return (
    <div className={styles.whatIf} aria-label="What-if estimate" data-testid="ticket-what-if">
      <span className={styles.meta}>IV</span>
      <span className={styles.numeric} data-testid="ticket-iv">
        {unit?.iv !== null && unit?.iv !== undefined ? `${formatIv(unit.iv)}%` : '—'}
      </span>
      <span className={styles.meta}>Delta</span>
      <span className={styles.numeric} data-testid="ticket-delta">
        {formatGreek(unit?.delta, 3)}
      </span>
      <span className={styles.meta}>Net delta after this order (estimate)</span>
      <span className={styles.numeric} data-testid="ticket-net-delta-after">
        {after === null ? '—' : `${formatLots(after)} lots`}
      </span>
    </div>
  );
}
