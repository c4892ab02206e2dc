'use client';

import { useLive } from '@/lib/live/live-context.tsx';
import { useSystemInfo } from '@/lib/queries/use-system-info.ts';
import { connectionView } from './connection-text.ts';
import styles from './shell.module.css';

/** Engine reachability (gateway's system.info) and this tab's live socket, side by side. */
export function ConnectionIndicator() {
  const info = useSystemInfo();
  const { status } = useLive();
  const { engine, engineText, live, liveText } = connectionView({ isError: info.isError, engineConnected: info.data?.engineConnected }, status);
  return (
    <div className={styles.indicator}>
      <span className={styles.indicator} data-testid="engine-status" data-state={engine} title={info.data ? `Engine ${info.data.engineConnected ? 'connected' : 'offline'} · Strikedesk v${info.data.version}` : undefined}>
        <span className={styles.dot} data-state={engine} aria-hidden="true" />
        {engineText}
      </span>
      <span className={styles.indicator} data-testid="socket-status" data-state={live}>
        <span className={styles.dot} data-state={live} aria-hidden="true" />
        {liveText}
      </span>
    </div>
  );
}
