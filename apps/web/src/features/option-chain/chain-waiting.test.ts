import { describe, expect, it } from 'vitest';
import { chainWaitingText } from './chain-waiting.ts';

describe('chainWaitingText', () => {
  it('says the underlying has no listed expiries instead of loading forever', () => {
    expect(chainWaitingText('BANKNIFTY', { loaded: true, count: 0 })).toBe('No option expiries are listed for BANKNIFTY.');
  });

  it('says loading while the expiries or the chain are on their way', () => {
    expect(chainWaitingText('NIFTY', { loaded: false, count: 0 })).toBe('Loading the chain…');
    expect(chainWaitingText('NIFTY', { loaded: true, count: 4 })).toBe('Loading the chain…');
  });
});
