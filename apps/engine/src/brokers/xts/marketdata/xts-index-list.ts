/**
 * The Market Data API's index list, `GET /instruments/indexlist?exchangeSegment=1` (route
 * `market.instruments.indexlist` of Symphony's Python SDK): the indices of one cash segment, which
 * the NSEFO/BSEFO master does not list. Its `result` is `{exchangeSegment: "1", indexList:
 * ["NIFTY 50_26000", "NIFTY BANK_26001", ...]}` — each entry the index name and its
 * ExchangeInstrumentID joined by the last "_" (names hold spaces and "-", never "_" before the id).
 * Symphony's Java SDK types `indexList` as a list of strings; brokers' published samples and
 * public clients read the same shape.
 */
export type XtsIndexEntry = { name: string; exchangeInstrumentId: number };

/** The readable entries, in order; anything that is not `<name>_<digits>` is skipped. */
export function parseXtsIndexList(rows: readonly unknown[]): XtsIndexEntry[] {
  return rows.flatMap((row) => {
    if (typeof row !== 'string') return [];
    const match = /^(.*\S)\s*_(\d{1,15})$/.exec(row.trim());
    if (!match) return [];
    const [, name = '', id = ''] = match;
    const exchangeInstrumentId = Number(id);
    return Number.isSafeInteger(exchangeInstrumentId) ? [{ name: name.trim(), exchangeInstrumentId }] : [];
  });
}
