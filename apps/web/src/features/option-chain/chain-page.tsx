'use client';

import { useMemo, useState } from 'react';
import { canTrade, type ChainQuery } from '@strikedesk/domain';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { useChainExpiries } from '@/lib/queries/use-chain-expiries.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { ChainControls, strikesEachSide, type ChainUnderlying, type StrikeCount } from './chain-controls.tsx';
import { ChainHeader } from './chain-header.tsx';
import { ChainTable } from './chain-table.tsx';
import { chainMatchesQuery } from './chain-view.ts';
import { chainWaitingText } from './chain-waiting.ts';
import { useChainTrade } from './use-chain-trade.ts';
import { useOptionChain } from './use-option-chain.ts';
import layout from '../shell/layout.module.css';
import styles from './chain.module.css';

/** The option chain screen: pickers, summary, and the live calls/puts table. */
export function ChainPage() {
  const user = useSessionUser();
  const [underlying, setUnderlying] = useState<ChainUnderlying>('NIFTY');
  const [chosenExpiry, setChosenExpiry] = useState<{ underlying: string; expiry: string } | null>(null);
  const [strikes, setStrikes] = useState<StrikeCount>('15');
  const [showGreeks, setShowGreeks] = useState(false);

  const expiries = useChainExpiries(underlying);
  const list = useMemo(() => expiries.data ?? [], [expiries.data]);
  // The nearest expiry by default; a choice only holds for the underlying it was made on.
  const chosen = chosenExpiry?.underlying === underlying && list.some((item) => item.expiry === chosenExpiry.expiry) ? chosenExpiry.expiry : null;
  const expiry = chosen ?? list[0]?.expiry ?? '';

  const query = useMemo<ChainQuery | null>(
    () => (expiry === '' ? null : { underlying, expiry, strikesEachSide: strikesEachSide(strikes) }),
    [underlying, expiry, strikes],
  );
  const chain = useOptionChain(query);

  const ids = useMemo(
    () => (chain.data?.rows ?? []).flatMap((row) => [row.call?.instrumentId, row.put?.instrumentId]).filter((id): id is NonNullable<typeof id> => Boolean(id)),
    [chain.data?.rows],
  );
  const instruments = useInstruments(ids);
  const trade = useChainTrade(instruments);
  const error = expiries.error ?? chain.error;
  // The previous chain shown while this query loads is dimmed and not tradable: a click must never
  // open a ticket for an instrument of another query.
  const stale = chain.data !== undefined && (chain.isPlaceholderData || query === null || !chainMatchesQuery(chain.data, query));

  return (
    <div className={layout.page} data-testid="chain-page">
      <h1 className={layout.title}>Option chain</h1>
      <ChainControls
        underlying={underlying}
        onUnderlying={setUnderlying}
        expiries={list}
        expiry={expiry}
        onExpiry={(value) => setChosenExpiry({ underlying, expiry: value })}
        strikes={strikes}
        onStrikes={setStrikes}
        showGreeks={showGreeks}
        onShowGreeks={setShowGreeks}
      />
      {error ? (
        <p role="alert" className={styles.error}>
          {errorMessage(error)}
        </p>
      ) : null}
      {chain.data ? (
        <>
          <ChainHeader chain={chain.data} />
          <ChainTable chain={chain.data} showGreeks={showGreeks} stale={stale} onPrice={canTrade(user.role) && !stale ? trade : null} />
        </>
      ) : error ? null : (
        <p className={styles.muted} role="status" data-testid="chain-waiting">
          {chainWaitingText(underlying, { loaded: expiries.isSuccess, count: list.length })}
        </p>
      )}
    </div>
  );
}
