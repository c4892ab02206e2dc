import { InstrumentSchema, type Instrument } from '@strikedesk/domain';
import type { ListedInstrumentRow, ListedInstrumentStore } from '@strikedesk/db/client';
import type { TradingState } from '../orders/trading-state.ts';
import type { InstrumentCatalog } from './instrument-catalog.ts';

type HeldLogger = { warn(details: object, message: string): void };

/** How long after its expiry a contract nobody holds is remembered: a settlement after a restart needs days at most. */
const REMEMBERED_DAYS_AFTER_EXPIRY = 30;
const DAY_MS = 86_400_000;

/**
 * The instruments the trading state holds: a non-flat position (an account's, or a strategy's or
 * portfolio's book) or an unfinished order. Each must stay known to the engine whatever today's
 * listing is — to price it, exit it, and settle it at expiry (ADR 0010, "Held contracts").
 */
export function heldInstrumentIds(state: TradingState): Set<string> {
  const held = new Set<string>();
  for (const accountId of state.accounts()) {
    for (const position of state.netPositions(accountId)) if (position.netQuantity !== 0) held.add(position.instrumentId);
    for (const position of state.bookPositionsOf(accountId)) if (position.netQuantity !== 0) held.add(position.instrumentId);
    for (const order of state.openOrdersOf(accountId)) held.add(order.instrumentId);
  }
  return held;
}

/**
 * Held contracts as remembered when they were listed. One whose expiry is before `asOf` (IST day)
 * can no longer be traded — it waits for its settlement (orders/expiry-settlement.ts) — so it is
 * listed as not tradable, which refuses orders in it with CONTRACT_EXPIRED. A definition that no
 * longer parses is left out with a warning: the position then stays unknown, as before.
 */
export function heldContracts(rows: readonly ListedInstrumentRow[], asOf: string, logger: HeldLogger): Instrument[] {
  const contracts: Instrument[] = [];
  for (const row of rows) {
    const parsed = InstrumentSchema.safeParse(row.definition);
    if (!parsed.success || parsed.data.id !== row.id) {
      logger.warn({ instrumentId: row.id, issue: parsed.success ? 'id differs' : parsed.error.issues[0] }, 'a held contract\'s remembered definition is unreadable; it stays unknown');
      continue;
    }
    const instrument = parsed.data;
    contracts.push(instrument.expiry !== null && instrument.expiry < asOf ? { ...instrument, tradable: false } : instrument);
  }
  return contracts;
}

/** The held contracts' remembered definitions; a database failure lists none (they stay unknown) rather than stopping the start. */
export async function loadHeldContracts(store: Pick<ListedInstrumentStore, 'load'>, held: ReadonlySet<string>, asOf: string, logger: HeldLogger): Promise<Instrument[]> {
  try {
    return heldContracts(await store.load([...held]), asOf, logger);
  } catch (error) {
    logger.warn({ err: error }, 'the held contracts\' definitions could not be read; those outside today\'s listing stay unknown');
    return [];
  }
}

/**
 * Remembers today's listing (its derivatives: indices never leave it) and forgets contracts long
 * expired that nothing holds. A failure is logged: today's trading does not need it, only a later
 * start that no longer lists what is held now.
 */
export async function rememberListing(store: Pick<ListedInstrumentStore, 'remember' | 'forgetExpired'>, catalog: InstrumentCatalog, held: ReadonlySet<string>, asOf: string, logger: HeldLogger): Promise<void> {
  const rows: ListedInstrumentRow[] = [];
  for (const instrument of catalog.all) if (instrument.expiry !== null && instrument.tradable) rows.push({ id: instrument.id, expiry: instrument.expiry, definition: instrument });
  const forgetBefore = new Date(Date.parse(`${asOf}T00:00:00Z`) - REMEMBERED_DAYS_AFTER_EXPIRY * DAY_MS).toISOString().slice(0, 10);
  try {
    await store.remember(rows, asOf);
    await store.forgetExpired(forgetBefore, [...held]);
  } catch (error) {
    logger.warn({ err: error }, 'today\'s listing could not be remembered; a contract held past it may be unknown after a later restart');
  }
}
