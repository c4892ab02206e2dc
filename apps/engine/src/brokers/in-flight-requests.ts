/**
 * Orders a broker adapter is still waiting on a request for (a placement or a modify): queued
 * behind its rate limiter, on the wire, or looking the order up by its tag after a lost answer.
 * Reconciliation asks (Broker.sending) before settling such an order from books that may not show
 * it yet — its grace is shorter than an adapter's worst case (Kite: rate-limit queue 2 s + HTTP
 * timeout 7 s + the look-up by tag), and an order rejected as never received that the broker then
 * takes would be live while the trader sees it rejected.
 */
export class InFlightRequests {
  private readonly counts = new Map<string, number>();

  /** Counts the order as in flight until `request` settles; returns it unchanged. */
  track<T>(accountId: string, clientOrderId: string, request: Promise<T>): Promise<T> {
    const key = `${accountId}|${clientOrderId}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return request.finally(() => {
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left > 0) this.counts.set(key, left);
      else this.counts.delete(key);
    });
  }

  has(accountId: string, clientOrderId: string): boolean {
    return this.counts.has(`${accountId}|${clientOrderId}`);
  }
}
