'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Order } from '@strikedesk/domain';
import { useLive } from '@/lib/live/live-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useSignal } from '@/lib/queries/use-signals.ts';
import { SignalOrders } from './signal-orders.tsx';
import { signalIsSettling } from './signal-settling.ts';
import { SignalStatusBadge } from './signal-status-badge.tsx';
import { alertIdText, istClockText } from './signal-text.ts';
import { SignalTimeline } from './signal-timeline.tsx';
import layout from '../shell/layout.module.css';
import styles from './signals.module.css';

/** One alert: what arrived (body, address), each step it went through, and its orders now. */
export function SignalDetail({ signalId }: { signalId: string }) {
  const signal = useSignal(signalId, signalIsSettling);
  const { socket } = useLive();
  const queryClient = useQueryClient();
  const data = signal.data;
  const orderIds = data ? new Set([...data.orderIds, ...data.orders.map((order) => order.orderId)]) : null;
  const orderKey = orderIds ? [...orderIds].sort().join(',') : '';

  // Its orders change after the signal's own push (fills, cancels): follow them.
  useEffect(() => {
    if (!socket || orderKey === '') return;
    const ids = new Set(orderKey.split(','));
    const onOrder = (order: Order) => {
      if (ids.has(order.orderId)) void queryClient.invalidateQueries({ queryKey: queryKeys.signal(signalId) });
    };
    socket.on('order', onOrder);
    return () => {
      socket.off('order', onOrder);
    };
  }, [socket, queryClient, signalId, orderKey]);

  if (!data) {
    return (
      <section className={layout.panel} data-testid="signal-detail">
        <p className={layout.muted}>{signal.isError ? errorMessage(signal.error) : 'Loading signal…'}</p>
      </section>
    );
  }

  return (
    <section className={layout.panel} aria-labelledby="signal-detail-title" data-testid="signal-detail">
      <h2 className={`${layout.panelTitle} ${layout.cluster}`} id="signal-detail-title">
        Signal #{data.id} <SignalStatusBadge status={data.status} testId="signal-detail-status" />
      </h2>
      {data.reasonMessage ? (
        <p className={layout.muted} data-testid="signal-detail-reason" title={data.reasonCode ?? undefined}>
          {data.reasonMessage}
        </p>
      ) : null}
      <dl className={layout.facts}>
        <dt>Strategy</dt>
        <dd>
          {data.strategyName} (version {data.strategyVersion})
        </dd>
        <dt>Received</dt>
        <dd>{istClockText(data.receivedAt)} IST</dd>
        <dt>Action</dt>
        <dd>{data.action ?? '—'}</dd>
        <dt>From</dt>
        <dd className={layout.numeric} data-testid="signal-detail-ip">
          {data.sourceIp ?? 'unknown'}
        </dd>
        <dt>Content type</dt>
        <dd className={layout.numeric}>{data.contentType || '—'}</dd>
        <dt>Alert id</dt>
        <dd className={layout.numeric}>{alertIdText(data.alertId)}</dd>
        <dt>Repeats ignored</dt>
        <dd>{data.duplicates}</dd>
      </dl>
      <h3 className={layout.subtitle}>Timeline</h3>
      <SignalTimeline events={data.events} />
      <h3 className={layout.subtitle}>Message as received (passphrase masked)</h3>
      <pre className={`${layout.code} ${styles.body}`} data-testid="signal-body">
        {data.body}
      </pre>
      <h3 className={layout.subtitle}>Orders</h3>
      <SignalOrders orders={data.orders} />
    </section>
  );
}
