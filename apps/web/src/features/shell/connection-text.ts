import type { ConnectionStatus } from '@/lib/live/live-socket.ts';

export type ConnectionState = 'ok' | 'down' | 'unknown';

export type ConnectionView = { engine: ConnectionState; engineText: string; live: ConnectionState; liveText: string };

/**
 * The header's two dots: the engine as the gateway reports it (`system.info`), and this tab's live
 * socket. When `system.info` itself fails the gateway (the server this tab talks to) is what is
 * unreachable — the engine behind it may be fine — so it is not called "Engine offline".
 */
export function connectionView(info: { isError: boolean; engineConnected: boolean | undefined }, socket: ConnectionStatus): ConnectionView {
  const engine: ConnectionState = info.isError ? 'down' : info.engineConnected === undefined ? 'unknown' : info.engineConnected ? 'ok' : 'down';
  const live: ConnectionState = socket === 'connected' ? 'ok' : socket === 'connecting' ? 'unknown' : 'down';
  // Short when all is well (the dot says it); spelled out when it is not.
  const engineText = info.isError ? 'Server unreachable' : engine === 'ok' ? 'Engine' : engine === 'down' ? 'Engine offline' : 'Engine…';
  const liveText = live === 'ok' ? 'Live' : live === 'down' ? 'Reconnecting' : 'Connecting';
  return { engine, engineText, live, liveText };
}
