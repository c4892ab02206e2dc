import {
  asInstrumentId,
  derivativeDisplayName,
  derivativeTradingSymbol,
  listedExpiries,
  paise,
  type ExpiryType,
  type Instrument,
  type Paise,
  type UnderlyingSpec,
} from '@strikedesk/domain';

/** One strike of one expiry: the call and put listed at it. */
export type StrikeRow = { strike: Paise; call: Instrument; put: Instrument };
export type ExpirySeries = { expiry: string; expiryType: ExpiryType; strikes: StrikeRow[] };
export type UnderlyingChain = {
  spec: UnderlyingSpec;
  index: Instrument;
  future: Instrument;
  expiries: ExpirySeries[];
};

export type InstrumentMasterInput = {
  specs: readonly UnderlyingSpec[];
  /** Spot at start, paise, per underlying: strikes are centred on its ATM. */
  spots: ReadonlyMap<string, Paise>;
  /** IST calendar date the listing is built for. */
  asOf: string;
  holidays: ReadonlySet<string>;
};

function derivative(spec: UnderlyingSpec, expiry: string, expiryType: ExpiryType, kind: 'FUTURE' | 'CALL' | 'PUT', strike: Paise | null): Instrument {
  const strikeRupees = strike === null ? undefined : strike / 100;
  const tradingSymbol = derivativeTradingSymbol({ underlying: spec.underlying, expiry, expiryType, kind, strikeRupees });
  return {
    id: asInstrumentId(`${spec.derivativesExchange}:${tradingSymbol}`),
    exchange: spec.derivativesExchange,
    tradingSymbol,
    underlying: spec.underlying,
    displayName: derivativeDisplayName({ underlying: spec.underlying, expiry, kind, strikeRupees }),
    kind,
    expiry,
    expiryType: kind === 'FUTURE' ? 'MONTHLY' : expiryType,
    strike,
    lotSize: spec.lotSize,
    tickSize: spec.tickSize,
    freezeQuantity: spec.freezeQuantity,
    tradable: true,
  };
}

/** The index of an underlying as configured: not tradable, lot 1 (also the fallback when a broker master omits indices). */
export function indexInstrument(spec: UnderlyingSpec): Instrument {
  return {
    id: asInstrumentId(`${spec.indexExchange}:${spec.indexTradingSymbol}`),
    exchange: spec.indexExchange,
    tradingSymbol: spec.indexTradingSymbol,
    underlying: spec.underlying,
    displayName: spec.indexTradingSymbol,
    kind: 'INDEX',
    expiry: null,
    expiryType: null,
    strike: null,
    lotSize: 1,
    tickSize: spec.tickSize,
    freezeQuantity: 1,
    tradable: false,
  };
}

/** Builds the chain of one underlying: its index, near-month future and options around the ATM. */
export function buildUnderlyingChain(spec: UnderlyingSpec, spot: Paise, asOf: string, holidays: ReadonlySet<string>): UnderlyingChain {
  const expiries = listedExpiries(spec, asOf, holidays);
  const nearMonthly = expiries.find((expiry) => expiry.expiryType === 'MONTHLY');
  if (!nearMonthly) throw new Error(`${spec.underlying}: no monthly expiry listed`);
  const atm = Math.round(spot / spec.strikeStep) * spec.strikeStep;
  const series = expiries.map(({ date, expiryType }) => {
    const strikes: StrikeRow[] = [];
    for (let offset = -spec.strikesEachSide; offset <= spec.strikesEachSide; offset += 1) {
      const strike = paise(atm + offset * spec.strikeStep);
      if (strike <= 0) continue;
      strikes.push({
        strike,
        call: derivative(spec, date, expiryType, 'CALL', strike),
        put: derivative(spec, date, expiryType, 'PUT', strike),
      });
    }
    return { expiry: date, expiryType, strikes };
  });
  return {
    spec,
    index: indexInstrument(spec),
    future: derivative(spec, nearMonthly.date, 'MONTHLY', 'FUTURE', null),
    expiries: series,
  };
}

export function buildInstrumentMaster(input: InstrumentMasterInput): UnderlyingChain[] {
  return input.specs.map((spec) => {
    const spot = input.spots.get(spec.underlying);
    if (spot === undefined) throw new Error(`no start spot for ${spec.underlying}`);
    return buildUnderlyingChain(spec, spot, input.asOf, input.holidays);
  });
}

/** Every instrument of the chains, in a stable order (index, future, then options by expiry/strike). */
export function chainInstruments(chains: readonly UnderlyingChain[]): Instrument[] {
  return chains.flatMap((chain) => [
    chain.index,
    chain.future,
    ...chain.expiries.flatMap((series) => series.strikes.flatMap((row) => [row.call, row.put])),
  ]);
}
