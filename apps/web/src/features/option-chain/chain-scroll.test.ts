import { describe, expect, it } from 'vitest';
import { centredScrollTop, centringKey } from './chain-scroll.ts';

describe('centring the ATM row', () => {
  it('scrolls a 30-each-side chain so the ATM row sits mid-way below the sticky header', () => {
    // 61 rows of 24 px under a 48 px header; ATM is row 30; 600 px box.
    const rowTop = 48 + 30 * 24;
    const top = centredScrollTop({ rowTop, rowHeight: 24, viewportHeight: 600, headerHeight: 48 });
    const rowCentreOnScreen = rowTop - top + 12;
    expect(rowCentreOnScreen).toBe(48 + (600 - 48) / 2);
  });

  it('never scrolls above the top (a short chain, ATM near the first rows)', () => {
    expect(centredScrollTop({ rowTop: 48 + 2 * 24, rowHeight: 24, viewportHeight: 600, headerHeight: 48 })).toBe(0);
  });

  it('centres again only when the query changes, not on a push of the same query', () => {
    const chain = { underlying: 'NIFTY', expiry: '2026-12-08', strikesEachSide: 30 };
    expect(centringKey(chain)).toBe(centringKey({ ...chain }));
    expect(centringKey(chain)).not.toBe(centringKey({ ...chain, strikesEachSide: 15 }));
    expect(centringKey(chain)).not.toBe(centringKey({ ...chain, expiry: '2026-12-15' }));
    expect(centringKey(chain)).not.toBe(centringKey({ ...chain, underlying: 'BANKNIFTY' }));
  });
});
