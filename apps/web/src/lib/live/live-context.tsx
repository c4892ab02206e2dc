'use client';

import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io } from 'socket.io-client';
import { useQueryClient } from '@tanstack/react-query';
import { LivePricesStale, useToast } from '@strikedesk/ui';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from '../queries/query-keys.ts';
import { isFeedStale, msUntilStale } from './feed-stale.ts';
import { SubscriptionRegistry } from './subscription-registry.ts';
import { TickStore } from './tick-store.ts';
import type { ConnectionStatus, LiveSocket, SubscribeAck } from './live-socket.ts';

type LiveContextValue = {
  socket: LiveSocket | null;
  status: ConnectionStatus;
  /** When the socket last stopped being connected (null while connected or before the first try ends). */
  feedLostAt: number | null;
  /** Whether this tab's socket has been connected at least once (a lost feed, not one never reached). */
  everConnected: boolean;
  /** The prices on screen are no longer live: the socket has been down for longer than a blip. */
  feedStale: boolean;
  tickStore: TickStore;
  registry: SubscriptionRegistry;
};

const LiveContext = createContext<LiveContextValue | null>(null);

export function useLive(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive must be used inside <LiveProvider>');
  return value;
}

/** One socket.io connection per signed-in tab, shared by every live component. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { state, getAccessToken, refresh, ensureAccessToken } = useAuth();
  const accountId = state.status === 'authenticated' ? state.user.accountId : null;
  const socketAccount = useRef(accountId);
  const toast = useToast();
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [feedLostAt, setFeedLostAt] = useState<number | null>(null);
  const [everConnected, setEverConnected] = useState(false);
  const queryClient = useQueryClient();
  const [tickStore] = useState(() => new TickStore());
  const socketRef = useRef<LiveSocket | null>(null);
  const toastRef = useRef(toast);
  toastRef.current = toast;

  const [registry] = useState(() => {
    const subscribe = (ids: string[]) => {
      const live = socketRef.current;
      if (!live?.connected) return; // sent on connect instead
      live.emit('subscribe', ids, (result: SubscribeAck) => {
        if (!result.ok) toastRef.current.show({ kind: 'warning', message: `Live prices unavailable: ${result.message}` });
      });
    };
    const unsubscribe = (ids: string[]) => {
      if (socketRef.current?.connected) socketRef.current.emit('unsubscribe', ids);
    };
    return new SubscriptionRegistry(subscribe, unsubscribe);
  });

  useEffect(() => {
    const live: LiveSocket = io({
      path: '/socket.io',
      autoConnect: false,
      // A function, so every reconnect presents the latest (refreshed) access token.
      auth: (callback) => callback({ token: getAccessToken() }),
    });
    socketRef.current = live;
    // A refresh may still be pending when the provider unmounts: never revive a discarded socket.
    let disposed = false;

    // The handshake refused the token: it is bad or expired, only a new one can help.
    const reconnectWithFreshToken = async () => {
      if ((await refresh()) && !disposed) live.connect();
    };
    // The server ended the socket (token expiry, logout, password change): reconnect with the
    // current token, refreshing first only if it is about to expire; not at all if the session is
    // gone. `auth` is a function, so connect() presents whatever token is current.
    const reconnectAfterServerDisconnect = async () => {
      if ((await ensureAccessToken()) && !disposed) live.connect();
    };
    // The first loss is what the trader needs to know: prices on screen are from then.
    const markLost = () => setFeedLostAt((lostAt) => lostAt ?? Date.now());
    let connectedBefore = false;
    live.on('connect', () => {
      setStatus('connected');
      setFeedLostAt(null);
      setEverConnected(true);
      // Ticks missed while away are not replayed, and an instrument that does not trade sends
      // none: read every price on screen again rather than keep showing the pre-outage ones — and
      // the chart's candles, whose range over the gap only the recorded ticks know.
      if (connectedBefore) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.quotesAll });
        void queryClient.invalidateQueries({ queryKey: queryKeys.barsAll });
      }
      connectedBefore = true;
      // The server forgets subscriptions with the connection; restore them.
      const ids = registry.all();
      if (ids.length > 0) {
        live.emit('subscribe', ids, (result: SubscribeAck) => {
          if (!result.ok) toastRef.current.show({ kind: 'warning', message: `Live prices unavailable: ${result.message}` });
        });
      }
    });
    live.on('disconnect', (reason) => {
      setStatus('disconnected');
      markLost();
      // The server hung up on purpose: socket.io will not retry by itself. The 'connect' handler
      // above restores the instrument subscriptions once reconnected.
      if (reason === 'io server disconnect') void reconnectAfterServerDisconnect();
    });
    live.on('connect_error', (error) => {
      setStatus('disconnected');
      markLost();
      // A refused handshake is final for socket.io (`active` false); transport errors retry themselves.
      if (!live.active && error.message === 'UNAUTHENTICATED') void reconnectWithFreshToken();
    });
    live.on('ticks', (ticks) => tickStore.apply(ticks));

    setSocket(live);
    live.connect();
    return () => {
      disposed = true;
      socketRef.current = null;
      live.removeAllListeners();
      live.disconnect();
      tickStore.clear();
    };
  }, [getAccessToken, refresh, ensureAccessToken, registry, tickStore, queryClient]);

  useEffect(() => {
    const live = socketRef.current;
    if (!live || accountId === null || socketAccount.current === accountId) return;
    socketAccount.current = accountId;
    // The server fixes a socket's account at its handshake: after a switch only a new handshake
    // (with the new token, `auth` reads it) brings this account's orders, positions and halts.
    live.disconnect();
    live.connect();
  }, [accountId]);

  const feedStale = useFeedStale(status === 'connected', feedLostAt);
  const value = useMemo(
    () => ({ socket, status, feedLostAt, everConnected, feedStale, tickStore, registry }),
    [socket, status, feedLostAt, everConnected, feedStale, tickStore, registry],
  );
  return (
    <LiveContext.Provider value={value}>
      <LivePricesStale stale={feedStale}>{children}</LivePricesStale>
    </LiveContext.Provider>
  );
}

/** isFeedStale, re-evaluated once when a loss outlasts the grace (no timer while the feed is up). */
function useFeedStale(connected: boolean, feedLostAt: number | null): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const wait = msUntilStale({ connected, feedLostAt }, Date.now());
    if (wait === null) {
      setNow(Date.now());
      return;
    }
    // A few ms late on purpose: a timer firing on the boundary's millisecond must already see stale.
    const timer = setTimeout(() => setNow(Date.now()), wait + 10);
    return () => clearTimeout(timer);
  }, [connected, feedLostAt]);
  return isFeedStale({ connected, feedLostAt }, now);
}
