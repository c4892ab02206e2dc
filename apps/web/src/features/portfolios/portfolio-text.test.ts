import { describe, expect, it } from 'vitest';
import { paise, type PortfolioLeg } from '@strikedesk/domain';
import { entryText, expiryChoiceText, legText, levelText, netPremiumText, pnlFigure, probabilityText, statusText } from './portfolio-text.ts';

const leg = (overrides: Partial<PortfolioLeg>): Pick<PortfolioLeg, 'side' | 'kind' | 'strike' | 'lots' | 'expiry'> => ({
  side: 'SELL',
  kind: 'CE',
  strike: { mode: 'ATM_OFFSET', steps: 4 },
  lots: 1,
  expiry: null,
  ...overrides,
});

describe('portfolio text', () => {
  it('reads legs the way the start dialog lists them', () => {
    expect(legText(leg({}))).toBe('SELL 1 lot CE ATM+4');
    expect(legText(leg({ side: 'BUY', kind: 'PE', strike: { mode: 'ATM_OFFSET', steps: -8 }, lots: 2, expiry: 'NEXT_WEEK' }))).toBe('BUY 2 lots PE ATM−8 (next week)');
    expect(legText(leg({ kind: 'FUT' }))).toBe('SELL 1 lot FUT');
  });

  it('says the entry rule in a sentence', () => {
    expect(entryText({ rule: { kind: 'IMMEDIATE' }, conditions: [] })).toBe('Immediately');
    expect(entryText({ rule: { kind: 'AT_TIME', time: '09:20' }, conditions: [{ kind: 'UNDERLYING_ABOVE', level: paise(2_400_000) }] })).toBe(
      'At 09:20 IST, if the underlying is above ₹24,000',
    );
    expect(
      entryText({
        rule: { kind: 'RANGE_BREAKOUT', source: 'COMBINED_PREMIUM', windowStart: '09:15', windowEnd: '09:30', direction: 'DOWN' },
        conditions: [],
      }),
    ).toBe('When the combined premium breaks below the low of its 09:15–09:30 IST range');
  });

  it('formats the payoff figures', () => {
    expect(netPremiumText(paise(123_450))).toBe('₹1,234.50 credit');
    expect(netPremiumText(paise(-50_000))).toBe('₹500 debit');
    expect(pnlFigure(234_000.4)).toBe('+₹2,340');
    expect(pnlFigure(-112_050)).toBe('−₹1,120.50');
    expect(pnlFigure(null)).toBe('Unlimited');
    expect(levelText(2_431_234.6)).toBe('24,312.35');
    expect(probabilityText(0.6321)).toBe('63.2%');
    expect(probabilityText(null)).toBe('—');
    expect(statusText('WAITING_ENTRY')).toBe('WAITING ENTRY');
    expect(expiryChoiceText('NEXT_MONTH')).toBe('Next month');
  });
});
