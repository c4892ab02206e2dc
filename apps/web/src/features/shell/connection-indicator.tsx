'use client';

import { useLive } from '@/lib/live/live-context.tsx';
import { useSystemInfo } from '@/lib/queries/use-system-info.ts';
import styles from './shell.module.css';

type State = 'ok' | 'down' | 'unknown';

/** Engine reachability (gateway's system.info) and this tab's live socket, side by side. */
export function ConnectionIndicator() {
  const info = useSystemInfo();
  const { status } = useLive();
  const engine: State = info.isError ? 'down' : info.data === undefined ? 'unknown' : info.data.engineConnected ? 'ok' : 'down';
  const live: State = status === 'connected' ? 'ok' : status === 'connecting' ? 'unknown' : 'down';
  // Short when all is well (the dot says it); spelled out when it is not.
  const engineText = engine === 'ok' ? 'Engine' : engine === 'down' ? 'Engine offline' : 'Engine…';
  const liveText = live === 'ok' ? 'Live' : live === 'down' ? 'Reconnecting' : 'Connecting';
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
