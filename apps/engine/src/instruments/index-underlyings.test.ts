import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../config/engine-config.ts';
import { underlyingOfIndex } from './index-underlyings.ts';

describe('underlyingOfIndex', () => {
  it('maps the exchange names of the indices our derivatives are named after', () => {
    expect(['NIFTY 50', 'NIFTY BANK', 'NIFTY FIN SERVICE', 'NIFTY MID SELECT', 'NIFTY NEXT 50', 'SENSEX', 'BANKEX'].map(underlyingOfIndex)).toEqual([
      'NIFTY',
      'BANKNIFTY',
      'FINNIFTY',
      'MIDCPNIFTY',
      'NIFTYNXT50',
      'SENSEX',
      'BANKEX',
    ]);
  });

  it('maps every configured index to its underlying', () => {
    for (const spec of loadEngineConfig().underlyings) expect(underlyingOfIndex(spec.indexTradingSymbol), spec.indexTradingSymbol).toBe(spec.underlying);
  });

  it('leaves other names as they are, Object.prototype names included', () => {
    for (const name of ['NIFTY IT', 'INDIA VIX', 'constructor', 'toString', '']) expect(underlyingOfIndex(name)).toBe(name);
  });
});
