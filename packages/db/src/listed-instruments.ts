import type pg from 'pg';

/** A derivative as the engine listed it: its id, expiry (YYYY-MM-DD) and definition (the engine's Instrument, validated by the engine). */
export type ListedInstrumentRow = { id: string; expiry: string; definition: unknown };

/**
 * The derivatives the engine has listed (table listed_instruments, migration 0014; ADR 0010, "Held
 * contracts"): remembered at every start, so a contract still held after it left the listing
 * (expired, or outside today's strikes) can be listed again.
 */
export type ListedInstrumentStore = {
  /** Remembers a listing of IST day `listedOn`; a contract listed again takes its newest definition (a lot or freeze change). */
  remember(instruments: readonly ListedInstrumentRow[], listedOn: string): Promise<void>;
  /** The definitions remembered for these ids (unknown ids are left out). */
  load(ids: readonly string[]): Promise<ListedInstrumentRow[]>;
  /** Forgets contracts that expired before `before`, except `keep` (still held); returns how many. */
  forgetExpired(before: string, keep: readonly string[]): Promise<number>;
};

export function createListedInstrumentStore(pool: pg.Pool): ListedInstrumentStore {
  return {
    async remember(instruments, listedOn) {
      if (instruments.length === 0) return;
      // One statement for the whole listing (a few thousand rows). A row whose definition did not
      // change is only re-dated, and one listed today already is left alone: a restart's rewrite
      // of the same listing costs no new row versions.
      await pool.query(
        `INSERT INTO listed_instruments (id, definition, expiry, listed_on)
         SELECT id, definition, expiry, $2::date FROM jsonb_to_recordset($1::jsonb) AS listed(id text, definition jsonb, expiry date)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, expiry = excluded.expiry, listed_on = excluded.listed_on
         WHERE listed_instruments.listed_on <> excluded.listed_on OR listed_instruments.definition <> excluded.definition`,
        [JSON.stringify(dedupe(instruments)), listedOn],
      );
    },
    async load(ids) {
      if (ids.length === 0) return [];
      const result = await pool.query<{ id: string; expiry: string; definition: unknown }>(
        `SELECT id, to_char(expiry, 'YYYY-MM-DD') AS expiry, definition FROM listed_instruments WHERE id = ANY($1::text[]) ORDER BY id`,
        [[...ids]],
      );
      return result.rows;
    },
    async forgetExpired(before, keep) {
      // Not while an active price alert names it: the alert's expiry is read from here (price-alerts.ts, expire).
      const result = await pool.query(
        `DELETE FROM listed_instruments l WHERE expiry < $1::date AND NOT (id = ANY($2::text[]))
           AND NOT EXISTS (SELECT 1 FROM price_alerts p WHERE p.instrument_id = l.id AND p.status = 'ACTIVE')`,
        [before, [...keep]],
      );
      return result.rowCount ?? 0;
    },
  };
}

/** ON CONFLICT cannot touch one row twice in a statement: the last definition of an id wins. */
function dedupe(instruments: readonly ListedInstrumentRow[]): ListedInstrumentRow[] {
  const byId = new Map<string, ListedInstrumentRow>();
  for (const instrument of instruments) byId.set(instrument.id, { id: instrument.id, expiry: instrument.expiry, definition: instrument.definition });
  return [...byId.values()];
}
