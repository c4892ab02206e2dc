import {
  DomainError,
  ERROR_CODES,
  type AccountId,
  type ErrorCode,
  type HaltKind,
  type HaltScope,
  type OrderOrigin,
  type TradingHalt,
  type UserId,
} from '@strikedesk/domain';
import type { TradingHaltStore } from '@strikedesk/db/client';
import { Topic } from '../events/topic.ts';
import type { Denial } from './account-risk-check.ts';
import { EXIT_ORIGINS } from './exit-origins.ts';

const DENIAL_CODE: Record<HaltKind, ErrorCode> = {
  KILL_SWITCH: 'KILL_SWITCH_ENGAGED',
  RECONCILIATION: 'ACCOUNT_BLOCKED_RECONCILIATION',
  DAILY_LOSS: 'RISK_DAILY_LOSS',
  BROKER_SESSION: 'BROKER_SESSION_EXPIRED',
};

/** "2026-12-09 10:32 IST": the date too, since a halt can outlive the day it was engaged on. */
const istDateTime = (epochMs: number): string => `${new Date(epochMs + 330 * 60_000).toISOString().slice(0, 16).replace('T', ' ')} IST`;

export type HaltRequest = {
  scope: HaltScope;
  accountId: AccountId | null;
  kind: HaltKind;
  reason: string;
  flatten: boolean;
  engagedBy: UserId | null;
  details?: Record<string, unknown>;
};

/**
 * Active trading halts in memory (checked synchronously on every order), written through to
 * PostgreSQL first so a restart finds every halt that was acknowledged. A halt blocks every order
 * of its scope except the engine's exits (square-off, kill-switch flattening, daily-loss stop)
 * until an admin releases it; released halts stay in the table as the audit trail.
 */
export class HaltBook {
  /** Every halt change (engaged, details added, released), for the live push to terminals. */
  readonly changes = new Topic<TradingHalt>();

  private constructor(
    private readonly store: TradingHaltStore,
    private readonly halts: Map<number, TradingHalt>,
  ) {}

  static async load(store: TradingHaltStore): Promise<HaltBook> {
    const active = await store.active();
    return new HaltBook(store, new Map(active.map((halt) => [halt.id, halt])));
  }

  onChange(listener: (halt: TradingHalt) => void): () => void {
    return this.changes.listen(listener);
  }

  active(accountId?: AccountId): TradingHalt[] {
    return [...this.halts.values()].filter((halt) => accountId === undefined || halt.scope === 'GLOBAL' || halt.accountId === accountId);
  }

  /**
   * The denial for a new order of this account, or null. Exits always pass; so does a trader's
   * order that only takes a position towards flat (`reducesOnly`) past a daily-loss stop, as its
   * message promises — the engine's own flatten may have been refused, and the trader must be able
   * to get out. Every other halt stops the trader's orders; the square-off still works.
   */
  denial(accountId: AccountId, origin: OrderOrigin, reducesOnly: () => boolean = () => false, ignore?: HaltKind): Denial | null {
    if (this.halts.size === 0 || EXIT_ORIGINS.has(origin)) return null;
    for (const halt of this.halts.values()) {
      if ((halt.scope === 'GLOBAL' || halt.accountId === accountId) && halt.kind !== ignore) {
        if (halt.kind === 'DAILY_LOSS' && reducesOnly()) continue;
        const code = DENIAL_CODE[halt.kind];
        const scope = halt.scope === 'GLOBAL' ? 'for every account' : 'on this account';
        return { code, message: `${ERROR_CODES[code]} Halted ${scope} since ${istDateTime(halt.engagedAt)}: ${halt.reason}` };
      }
    }
    return null;
  }

  /** The active halt of this scope and kind, if one is already engaged (engaging again reuses it). */
  find(scope: HaltScope, accountId: AccountId | null, kind: HaltKind): TradingHalt | undefined {
    return [...this.halts.values()].find((halt) => halt.scope === scope && halt.accountId === accountId && halt.kind === kind);
  }

  async engage(request: HaltRequest): Promise<TradingHalt> {
    const halt = await this.store.engage({ ...request, details: request.details ?? {} });
    this.halts.set(halt.id, halt);
    this.notify(halt);
    return halt;
  }

  async addDetails(id: number, details: Record<string, unknown>): Promise<TradingHalt> {
    const halt = await this.store.addDetails(id, details);
    if (this.halts.has(id)) this.halts.set(id, halt);
    this.notify(halt);
    return halt;
  }

  /** `userId` null: the engine releases a halt it engaged itself (a broker session halt, on reconnecting). */
  async release(id: number, userId: UserId | null, note: string): Promise<TradingHalt> {
    const released = await this.store.release(id, userId, note);
    if (!released) throw new DomainError('HALT_NOT_FOUND', `No active halt ${id}: it was released already or never existed.`);
    this.halts.delete(id);
    this.notify(released);
    return released;
  }

  recent(limit: number, accountId?: AccountId): Promise<TradingHalt[]> {
    return this.store.recent(limit, accountId);
  }

  engagedSince(kind: HaltKind, since: number): Promise<TradingHalt[]> {
    return this.store.engagedSince(kind, since);
  }

  released(kind: HaltKind): Promise<TradingHalt[]> {
    return this.store.released(kind);
  }

  private notify(halt: TradingHalt): void {
    this.changes.publish(halt);
  }
}
