'use client';

import { useMemo, useState } from 'react';
import { canTrade, type Order } from '@strikedesk/domain';
import { DataGrid } from '@strikedesk/ui';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { useOrders } from '@/lib/queries/use-orders.ts';
import { CancelOrderDialog } from './cancel-order-dialog.tsx';
import { ModifyOrderDialog } from './modify-order-dialog.tsx';
import { OrderHistoryDialog } from './order-history-dialog.tsx';
import { ordersColumns, type OrderRow } from './orders-columns.tsx';
import { listState } from './list-state.ts';
import { ListUnavailable } from '../shell/list-unavailable.tsx';
import layout from '../shell/layout.module.css';
import styles from './orders.module.css';

const EMPTY: Order[] = [];

type PendingAction = { kind: 'modify' | 'cancel' | 'history'; orderId: Order['orderId'] } | null;

/** Today's orderbook (and orders still working from earlier days), with modify, cancel and each order's history. */
export function OrdersPanel() {
  const user = useSessionUser();
  const orders = useOrders();
  const list = orders.data ?? EMPTY;
  const instruments = useInstruments(useMemo(() => list.map((order) => order.instrumentId), [list]));
  const [action, setAction] = useState<PendingAction>(null);
  const rows = useMemo<OrderRow[]>(
    () => list.map((order) => ({ order, instrument: instruments.get(order.instrumentId) })),
    [list, instruments],
  );
  const columns = useMemo(
    () =>
      ordersColumns({
        canTrade: canTrade(user.role),
        onModify: (order) => setAction({ kind: 'modify', orderId: order.orderId }),
        onCancel: (order) => setAction({ kind: 'cancel', orderId: order.orderId }),
        onHistory: (order) => setAction({ kind: 'history', orderId: order.orderId }),
      }),
    [user.role],
  );
  // Dialogs read the live order, so a fill arriving meanwhile is visible.
  const target = action ? list.find((order) => order.orderId === action.orderId) : undefined;
  const targetInstrument = target ? instruments.get(target.instrumentId) : undefined;
  const state = listState(orders);

  return (
    <div className={layout.page}>
      {orders.isError ? <p role="alert">{errorMessage(orders.error)}</p> : null}
      {state === 'loading' ? (
        <p className={styles.muted}>Loading orders…</p>
      ) : state === 'unavailable' ? (
        <ListUnavailable query={orders} testId="orders-unavailable">
          The orderbook could not be loaded; your orders are not shown.
        </ListUnavailable>
      ) : (
        <DataGrid
          data={rows}
          columns={columns}
          getRowId={(row) => row.order.orderId}
          rowTestId={(row) => `order-row-${row.order.orderId}`}
          initialSorting={[{ id: 'time', desc: true }]}
          ariaLabel="Orders"
          emptyMessage="No orders yet today."
          testId="orders-grid"
        />
      )}
      {action?.kind === 'modify' && target && targetInstrument ? (
        <ModifyOrderDialog order={target} instrument={targetInstrument} onClose={() => setAction(null)} />
      ) : null}
      {action?.kind === 'history' && target ? (
        <OrderHistoryDialog order={target} instrument={targetInstrument} onClose={() => setAction(null)} />
      ) : null}
      {action?.kind === 'cancel' && target ? (
        <CancelOrderDialog order={target} instrument={targetInstrument} onClose={() => setAction(null)} />
      ) : null}
    </div>
  );
}
