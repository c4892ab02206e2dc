import type { IncomingMessage } from 'node:http';
import { isBrokerPath } from '../brokers/broker-paths.ts';
import type { RouteLabel } from './metrics.ts';

export const pathOf = (req: IncomingMessage): string => {
  try {
    return new URL(req.url ?? '/', 'http://gateway.invalid').pathname;
  } catch {
    return '/';
  }
};

const under = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);

export const isTrpcPath = (path: string): boolean => under(path, '/trpc');
export const isSocketIoPath = (path: string): boolean => under(path, '/socket.io');
export const isApiPath = (path: string): boolean => under(path, '/api');

/**
 * What engine.io itself claims: it compares the raw URL with `/socket.io/` (trailing slash), so
 * `/socket.io` or `/socket.io?x` are NOT its own even though isSocketIoPath says socket.io.
 */
export const isEngineIoRequest = (rawUrl: string | undefined): boolean => (rawUrl ?? '').startsWith('/socket.io/');

export function routeLabel(path: string): RouteLabel {
  if (isTrpcPath(path)) return 'trpc';
  if (path === '/healthz') return 'healthz';
  if (path === '/metrics') return 'metrics';
  if (path.startsWith('/webhooks/')) return 'webhook';
  if (isBrokerPath(path)) return 'broker';
  if (isApiPath(path)) return 'api';
  if (path.startsWith('/exports/')) return 'export';
  if (isSocketIoPath(path)) return 'other';
  return 'web';
}
