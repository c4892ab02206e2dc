'use client';

import { useState, type KeyboardEvent } from 'react';
import { TradesPanel } from '../trades/trades-panel.tsx';
import { OrdersPanel } from './orders-panel.tsx';
import { tabForKey } from './tab-keys.ts';
import layout from '../shell/layout.module.css';
import styles from './orders.module.css';

type View = 'orders' | 'trades';

const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'orders', label: 'Orders' },
  { view: 'trades', label: 'Trades' },
];

/** The Orders screen: today's orderbook, and beside it the tradebook of any days (Kite's Orders › Trades). */
export function OrdersScreen() {
  const [view, setView] = useState<View>('orders');
  // Keyboard users move between the tabs with the arrows (only the selected one is in the Tab order).
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = tabForKey(VIEWS.map((each) => each.view), view, event.key);
    if (next === null) return;
    event.preventDefault();
    setView(next);
    document.getElementById(`orders-tab-${next}`)?.focus();
  };
  return (
    <div className={layout.page}>
      <h1 className={layout.title}>Orders</h1>
      <div role="tablist" aria-label="Orders or trades" className={styles.tabs}>
        {VIEWS.map((each) => (
          <button
            key={each.view}
            type="button"
            role="tab"
            id={`orders-tab-${each.view}`}
            aria-selected={view === each.view}
            aria-controls={`orders-panel-${each.view}`}
            tabIndex={view === each.view ? 0 : -1}
            className={styles.tab}
            onClick={() => setView(each.view)}
            onKeyDown={onTabKey}
            data-testid={`orders-tab-${each.view}`}
          >
            {each.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`orders-panel-${view}`} aria-labelledby={`orders-tab-${view}`}>
        {view === 'orders' ? <OrdersPanel /> : <TradesPanel />}
      </div>
    </div>
  );
}
