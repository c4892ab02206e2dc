import { z } from 'zod';
import { ExchangeSchema, InstrumentIdSchema, InstrumentKindSchema, IsoDateSchema, PaiseSchema } from '@strikedesk/domain';

/**
 * One instrument as a broker's instrument master lists it, in broker-neutral terms: what
 * catalog-from-master.ts needs to build option chains, plus the key the broker's feed subscribes
 * it by. Converters per broker live beside their parsers (kite-listed-contracts.ts,
 * xts-listed-contracts.ts). The list is cached as JSON, hence a schema to read it back with.
 *
 * The schema checks shape only: an index row legitimately has lot 0 and tick 0 (Kite writes
 * them so); whether a derivative row is usable (expiry, strike, positive lot and tick) is decided
 * where chains are built, so one odd row cannot make a whole cached master unreadable.
 */
export const ListedContractSchema = z.object({
  /** `EXCHANGE:TRADINGSYMBOL`, the same text from Kite and XTS. */
  id: InstrumentIdSchema,
  exchange: ExchangeSchema,
  tradingSymbol: z.string().min(1),
  /** The derivatives' prefix (NIFTY), also for the index (Kite's "NIFTY 50" row). */
  underlying: z.string().min(1),
  kind: InstrumentKindSchema,
  expiry: IsoDateSchema.nullable(),
  strike: PaiseSchema.nullable(),
  lotSize: z.number().int().min(0),
  tickSize: PaiseSchema.refine((tick) => tick >= 0, 'tick size must not be negative'),
  /** Largest order in units the exchange accepts unsliced; null = take the underlying spec's. */
  freezeQuantity: z.number().int().positive().nullable(),
  /** The broker's subscription key: Kite instrument token as decimal text; XTS `<segment>:<exchangeInstrumentId>`. */
  feedKey: z.string().min(1),
});
export type ListedContract = z.infer<typeof ListedContractSchema>;

/** What a broker's parsed master row shares with a listed contract (Kite's and XTS's parsers both give these). */
export type ListedFields = Pick<ListedContract, 'id' | 'exchange' | 'tradingSymbol' | 'underlying' | 'kind' | 'expiry' | 'strike' | 'lotSize' | 'tickSize'>;

/** A parsed master row as a listed contract, with the broker's feed key and freeze quantity. */
export function listedContract(row: ListedFields, feedKey: string, freezeQuantity: number | null): ListedContract {
  const { id, exchange, tradingSymbol, underlying, kind, expiry, strike, lotSize, tickSize } = row;
  return { id, exchange, tradingSymbol, underlying, kind, expiry, strike, lotSize, tickSize, freezeQuantity, feedKey };
}
