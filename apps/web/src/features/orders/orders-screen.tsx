'use client';

import { useState } from 'react';
import { TradesPanel } from '../trades/trades-panel.tsx';
import { OrdersPanel } from './orders-panel.tsx';
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
            className={styles.tab}
            onClick={() => setView(each.view)}
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
