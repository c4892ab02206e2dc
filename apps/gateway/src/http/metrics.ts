import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type RouteLabel = 'trpc' | 'healthz' | 'metrics' | 'webhook' | 'broker' | 'api' | 'export' | 'web' | 'other';

export type GatewayMetrics = {
  registry: Registry;
  observeRequest(route: RouteLabel, method: string, status: number, seconds: number): void;
  setEngineConnected(connected: boolean): void;
};

/** A registry per gateway (not prom-client's global one), so tests can run several in one process. */
export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered by the gateway',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const engineConnected = new Gauge({
    name: 'gateway_engine_connected',
    help: '1 when the gateway holds a live connection to the engine',
    registers: [registry],
  });
  return {
    registry,
    observeRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, seconds);
    },
    setEngineConnected: (connected) => engineConnected.set(connected ? 1 : 0),
  };
}
