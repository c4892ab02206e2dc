'use client';

import { useMemo } from 'react';
import { paise, type MarketSnapshot, type PortfolioAction, type PortfolioActionKind } from '@strikedesk/domain';
import { Badge, formatMoney, type BadgeTone } from '@strikedesk/ui';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { istClockText } from '../signals/signal-text.ts';
import { actionText } from './portfolio-text.ts';
import layout from '../shell/layout.module.css';
import styles from './portfolios.module.css';

const BAD: ReadonlySet<PortfolioActionKind> = new Set(['ALERT', 'LEG_FAILED', 'UNWOUND']);
const GOOD: ReadonlySet<PortfolioActionKind> = new Set(['ENTERED', 'EXITED', 'LEG_TARGET']);
const toneOf = (kind: PortfolioActionKind): BadgeTone => (BAD.has(kind) ? 'danger' : GOOD.has(kind) ? 'success' : 'neutral');

/** The market when the action fired: underlying, combined MTM, net delta and each leg's last price. */
function Snapshot({ snapshot, names }: { snapshot: MarketSnapshot; names: ReadonlyMap<string, string> }) {
  return (
    <details className={styles.snapshot}>
      <summary>Market at that moment</summary>
      <dl className={layout.facts}>
        <dt>Underlying</dt>
        <dd className={layout.numeric}>{formatMoney(snapshot.underlying)}</dd>
        <dt>MTM</dt>
        <dd className={layout.numeric}>{snapshot.mtm === null ? '—' : formatMoney(paise(snapshot.mtm), { sign: true })}</dd>
        <dt>Net delta</dt>
        <dd className={layout.numeric}>{snapshot.netDelta === null ? '—' : snapshot.netDelta.toFixed(1)}</dd>
        {Object.entries(snapshot.prices).map(([instrumentId, price]) => (
          <PriceFact key={instrumentId} name={names.get(instrumentId) ?? instrumentId} price={price} />
        ))}
      </dl>
    </details>
  );
}

function PriceFact({ name, price }: { name: string; price: number }) {
  return (
    <>
      <dt>{name}</dt>
      <dd className={layout.numeric}>{formatMoney(paise(price))}</dd>
    </>
  );
}

/** Everything the automation (or the trader) did, newest first; alerts stand out. */
export function ActionJournal({ actions }: { actions: readonly PortfolioAction[] }) {
  const ids = useMemo(() => actions.flatMap((action) => Object.keys(action.snapshot?.prices ?? {})), [actions]);
  const instruments = useInstruments(ids);
  const names = useMemo(() => new Map([...instruments.values()].map((instrument) => [instrument.id as string, instrument.displayName])), [instruments]);
  if (actions.length === 0) return <p className={layout.muted}>Nothing has happened yet.</p>;
  return (
    <ol className={styles.journal} aria-label="Action journal">
      {actions.map((action) => (
        <li key={action.id} className={action.kind === 'ALERT' ? styles.alertAction : styles.action} data-kind={action.kind}>
          <span className={styles.actionHead}>
            <time className={styles.actionTime} dateTime={new Date(action.at).toISOString()}>
              {istClockText(action.at)}
            </time>
            <Badge tone={toneOf(action.kind)}>{actionText(action.kind)}</Badge>
            <span className={styles.actionMessage}>{action.message}</span>
          </span>
          {action.snapshot ? <Snapshot snapshot={action.snapshot} names={names} /> : null}
        </li>
      ))}
    </ol>
  );
}
