/**
 * How long an order takes to be *journaled* — its first durable commit, the OrderSubmitted (or
 * OrderDenied) record — as opposed to acknowledged by the broker: the latency a submit would have
 * if it returned at that commit (docs/adr/0023-engine-speed-targets.md, option 2). Reads the
 * engine's event stream as the gateway does. An account's submits are decided and journaled in the
 * order they were sent (its lock), so the n-th creating event of an account is its n-th order.
 */
import type { AccountId, EngineEventEnvelope } from '@strikedesk/domain';

export class JournaledTimer {
  readonly latencies: number[] = [];
  private readonly due = new Map<AccountId, number[]>();
  private readonly heads = new Map<AccountId, number>();
  private readonly stopping = new AbortController();
  private readonly done: Promise<void>;

  constructor(stream: (signal: AbortSignal) => AsyncGenerator<EngineEventEnvelope, void, undefined>) {
    this.done = this.consume(stream(this.stopping.signal));
  }

  sent(accountId: AccountId, scheduledAt: number): void {
    const due = this.due.get(accountId);
    if (due) due.push(scheduledAt);
    else this.due.set(accountId, [scheduledAt]);
  }

  async stop(): Promise<number[]> {
    this.stopping.abort();
    await this.done;
    return this.latencies;
  }

  private async consume(envelopes: AsyncGenerator<EngineEventEnvelope, void, undefined>): Promise<void> {
    try {
      for await (const { event } of envelopes) {
        if (event.type !== 'OrderSubmitted' && event.type !== 'OrderDenied') continue;
        const due = this.due.get(event.accountId);
        const head = this.heads.get(event.accountId) ?? 0;
        const scheduledAt = due?.[head];
        if (scheduledAt === undefined) continue; // not one of the timed run's orders
        this.heads.set(event.accountId, head + 1);
        this.latencies.push(performance.now() - scheduledAt);
      }
    } catch (error) {
      if (!this.stopping.signal.aborted) throw error;
    }
  }
}
