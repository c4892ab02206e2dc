'use client';

import type { Instrument, Order } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useOrderHistory } from '@/lib/queries/use-order-history.ts';
import { istClockMillisText } from '@/lib/format/ist-time.ts';
import { historyText } from './order-history-text.ts';
import { OrderStatusBadge } from './order-status-badge.tsx';
import layout from '../shell/layout.module.css';
import styles from './orders.module.css';

type OrderHistoryDialogProps = { order: Order; instrument: Instrument | undefined; onClose: () => void };

// Milliseconds shown: a fill and the accept it raced can land in the same second.

/** Everything the journal holds for one order, oldest first: what happened to it, and why. */
export function OrderHistoryDialog({ order, instrument, onClose }: OrderHistoryDialogProps) {
  const history = useOrderHistory(order);
  const name = instrument?.displayName ?? order.instrumentId;

  return (
    <Dialog open title={`History of ${order.side} ${name}`} onClose={onClose} testId="order-history-dialog">
      <div className={layout.stack}>
        <p className={styles.muted}>
          Order {order.orderId}
          {order.brokerOrderId ? `, broker order ${order.brokerOrderId}` : ''}
        </p>
        {history.isError ? <DialogError testId="order-history-error">{errorMessage(history.error)}</DialogError> : null}
        {history.isPending ? <p className={styles.muted}>Loading history…</p> : null}
        {history.data ? (
          <table className={styles.history} data-testid="order-history">
            <thead>
              <tr>
                <th scope="col">Time (IST)</th>
                <th scope="col">What happened</th>
                <th scope="col">Details</th>
                <th scope="col">Status after</th>
              </tr>
            </thead>
            <tbody>
              {history.data.entries.map((entry) => {
                const text = historyText(entry.event);
                return (
                  <tr key={entry.seq} data-testid={`history-entry-${entry.event.type}`}>
                    <td className={layout.numeric}>
                      <time dateTime={new Date(entry.event.at).toISOString()}>{istClockMillisText(entry.event.at)}</time>
                    </td>
                    <td>{text.title}</td>
                    <td>{text.detail}</td>
                    <td>
                      <OrderStatusBadge status={entry.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Close</Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
