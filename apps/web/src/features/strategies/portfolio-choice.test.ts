import { describe, expect, it } from 'vitest';
import { applyTemplate, PortfolioDefinitionSchema, type PortfolioId, type PortfolioStatus } from '@strikedesk/domain';
import { portfolioChoiceText, portfolioHref, portfolioOptions } from './portfolio-choice.ts';

const portfolio = (id: string, name: string, status: PortfolioStatus) => ({
  id: id as PortfolioId,
  status,
  definition: PortfolioDefinitionSchema.parse({ settings: { name, underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS' }, legs: applyTemplate('SHORT_STRADDLE') }),
});

describe('portfolio choice', () => {
  const straddle = portfolio('pf_1', '9:20 straddle', 'WAITING_ENTRY');
  const condor = portfolio('pf_2', 'Iron condor', 'DRAFT');

  it('offers a portfolio as name · underlying · status', () => {
    expect(portfolioChoiceText(straddle)).toBe('9:20 straddle · NIFTY · WAITING ENTRY');
    expect(portfolioHref('pf_1')).toBe('/portfolios?portfolio=pf_1');
  });

  it('prompts until one is chosen and says when the linked one is gone', () => {
    expect(portfolioOptions([straddle, condor], '').map((option) => option.value)).toEqual(['', 'pf_1', 'pf_2']);
    expect(portfolioOptions([straddle, condor], 'pf_2').map((option) => option.value)).toEqual(['pf_1', 'pf_2']);
    expect(portfolioOptions([straddle], 'pf_gone')[0]).toEqual({ value: 'pf_gone', label: 'Deleted portfolio — choose another' });
  });
});
