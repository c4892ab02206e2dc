import { describe, expect, it } from 'vitest';
import type { Paise } from '../money.ts';
import type { OptionChain } from '../option-chain.ts';
import type { StrikeSelector } from './portfolio-definition.ts';
import { selectStrike } from './strike-selection.ts';
import { describeStrikeWish } from './strike-wish.ts';
import { domainErrorOf, fixtureChain } from './test-chains.ts';

/*
 * Seven strikes 23850…24150 around ATM 24000 (rupees). Premiums (rupees):
 *   strike  23850 23900 23950 24000 24050 24100 24150
 *   CE        218   188   162   150   120    95    75
 *   PE         68    88   112   140   170   195   225
 * Deltas: CE 0.67 0.62 0.57 0.52 0.47 0.42 0.37; PE = CE − 1.
 */
const chain = fixtureChain({ eachSide: 3 });
const rupees = (value: number) => (value * 100) as Paise;
const strikeOf = (selector: StrikeSelector, kind: 'CE' | 'PE', from: OptionChain = chain) => selectStrike(selector, kind, from).row.strike / 100;

describe('selectStrike', () => {
  it('ATM_OFFSET counts rows from the ATM row, + towards higher strikes', () => {
    expect(strikeOf({ mode: 'ATM_OFFSET', steps: 0 }, 'CE')).toBe(24000);
    expect(strikeOf({ mode: 'ATM_OFFSET', steps: 2 }, 'CE')).toBe(24100);
    expect(strikeOf({ mode: 'ATM_OFFSET', steps: -3 }, 'PE')).toBe(23850);
    const selected = selectStrike({ mode: 'ATM_OFFSET', steps: 1 }, 'PE', chain);
    expect(selected.option.instrumentId).toBe('NFO:NIFTY26D2224050PE');
    expect(selected.option.lastPrice).toBe(17_000);
  });

  it('ATM_OFFSET beyond the chain window is an error naming the wish', () => {
    const error = domainErrorOf(() => selectStrike({ mode: 'ATM_OFFSET', steps: 4 }, 'CE', chain));
    expect(error.code).toBe('PORTFOLIO_STRIKE_NOT_LISTED');
    expect(error.message).toBe('No strike for CE ATM+4 in the NIFTY 2026-12-22 chain: the chain lists 3 strikes above ATM 24000.');
    expect(domainErrorOf(() => selectStrike({ mode: 'ATM_OFFSET', steps: -5 }, 'PE', chain)).message).toContain('PE ATM−5');
  });

  it('PREMIUM_CLOSEST picks the nearest last price, ties going further out of the money', () => {
    expect(strikeOf({ mode: 'PREMIUM_CLOSEST', premium: rupees(100) }, 'CE')).toBe(24100); // 95 beats 120
    expect(strikeOf({ mode: 'PREMIUM_CLOSEST', premium: rupees(107.5) }, 'CE')).toBe(24100); // 95 and 120 tie: the higher strike
    expect(strikeOf({ mode: 'PREMIUM_CLOSEST', premium: rupees(100) }, 'PE')).toBe(23900); // 88 and 112 tie: the lower strike
    expect(strikeOf({ mode: 'PREMIUM_CLOSEST', premium: rupees(150) }, 'PE')).toBe(24000); // 140 beats 170
  });

  it('PREMIUM_CLOSEST outside the premiums the window spans is an error', () => {
    const error = domainErrorOf(() => selectStrike({ mode: 'PREMIUM_CLOSEST', premium: rupees(50) }, 'CE', chain));
    expect(error.code).toBe('PORTFOLIO_STRIKE_NOT_LISTED');
    expect(error.message).toBe('No strike for CE premium closest to ₹50 in the NIFTY 2026-12-22 chain: its CE premiums run from ₹75 to ₹218; show more strikes.');
    expect(() => selectStrike({ mode: 'PREMIUM_CLOSEST', premium: rupees(300) }, 'PE', chain)).toThrow(/₹68 to ₹225/);
  });

  it('DELTA_CLOSEST compares |delta| and skips options without one', () => {
    expect(strikeOf({ mode: 'DELTA_CLOSEST', delta: 0.4 }, 'CE')).toBe(24100); // 0.42
    expect(strikeOf({ mode: 'DELTA_CLOSEST', delta: 0.45 }, 'PE')).toBe(23950); // |−0.43| beats |−0.48|
    const withoutDelta = structuredClone(chain);
    const row = withoutDelta.rows[5];
    if (!row?.call) throw new Error('fixture row missing');
    row.call.delta = null; // 24100 CE
    expect(strikeOf({ mode: 'DELTA_CLOSEST', delta: 0.4 }, 'CE', withoutDelta)).toBe(24150); // 0.37 now closest
    expect(() => selectStrike({ mode: 'DELTA_CLOSEST', delta: 0.2 }, 'CE', chain)).toThrow('its CE deltas run from 0.37 to 0.67');
  });

  it('OTM_PERCENT takes the strike nearest spot × (1 ± p/100)', () => {
    expect(strikeOf({ mode: 'OTM_PERCENT', percent: 0.4 }, 'CE')).toBe(24100); // 24096
    expect(strikeOf({ mode: 'OTM_PERCENT', percent: 0.4 }, 'PE')).toBe(23900); // 23904
    expect(strikeOf({ mode: 'OTM_PERCENT', percent: -0.4 }, 'CE')).toBe(23900); // in the money: 23904
    expect(strikeOf({ mode: 'OTM_PERCENT', percent: 0.65 }, 'CE')).toBe(24150); // 24156: within half a step of the last strike
    const error = domainErrorOf(() => selectStrike({ mode: 'OTM_PERCENT', percent: 1 }, 'CE', chain)); // 24240
    expect(error.message).toBe('No strike for CE 1% OTM in the NIFTY 2026-12-22 chain: the target 24240 lies outside its strikes 23850–24150; show more strikes.');
  });

  it('EXACT needs the strike and the option listed', () => {
    expect(strikeOf({ mode: 'EXACT', strike: rupees(23950) }, 'PE')).toBe(23950);
    expect(domainErrorOf(() => selectStrike({ mode: 'EXACT', strike: rupees(23975) }, 'PE', chain)).message).toBe(
      'No strike for PE 23975 in the NIFTY 2026-12-22 chain: 23975 is not among its strikes.',
    );
    const noPut = structuredClone(chain);
    const atm = noPut.rows[3];
    if (!atm) throw new Error('fixture row missing');
    atm.put = null;
    expect(() => selectStrike({ mode: 'EXACT', strike: rupees(24000) }, 'PE', noPut)).toThrow('the 24000 PE is not listed');
    expect(() => selectStrike({ mode: 'ATM_OFFSET', steps: 0 }, 'PE', noPut)).toThrow('the 24000 PE is not listed');
  });
});

describe('describeStrikeWish', () => {
  it('reads as a trader writes it', () => {
    expect(describeStrikeWish({ mode: 'ATM_OFFSET', steps: 0 }, 'CE')).toBe('CE ATM');
    expect(describeStrikeWish({ mode: 'ATM_OFFSET', steps: -2 }, 'PE')).toBe('PE ATM−2');
    expect(describeStrikeWish({ mode: 'PREMIUM_CLOSEST', premium: rupees(12.5) }, 'PE')).toBe('PE premium closest to ₹12.50');
    expect(describeStrikeWish({ mode: 'DELTA_CLOSEST', delta: 0.3 }, 'CE')).toBe('CE delta closest to 0.30');
    expect(describeStrikeWish({ mode: 'OTM_PERCENT', percent: -1.5 }, 'CE')).toBe('CE 1.5% ITM');
    expect(describeStrikeWish({ mode: 'EXACT', strike: rupees(24012.5) }, 'CE')).toBe('CE 24012.5');
  });
});
