import { DomainError } from '../errors.ts';
import { PortfolioLegSchema, type PortfolioLeg, type PortfolioLegInput } from './portfolio-definition.ts';

/**
 * Ready-made structures for the builder. Strikes are ATM_OFFSET steps, sized for a NIFTY-like
 * chain (50-point strikes, weekly moves of a few hundred points), and the trader adjusts from there:
 * - strangles sell/buy ±4 steps (±200 points on NIFTY);
 * - iron condor: shorts ±4 steps, wings ±8 (a 200-point-wide spread each side);
 * - iron fly: straddle at ATM, wings ±6 (300 points);
 * - vertical spreads and the butterfly are 4 steps wide;
 * - calendar: sell the current week's ATM CE, buy the next week's (its legs name their expiry; every
 *   other template follows the portfolio's expiry).
 */
export const PORTFOLIO_TEMPLATE_IDS = [
  'SHORT_STRADDLE',
  'LONG_STRADDLE',
  'SHORT_STRANGLE',
  'LONG_STRANGLE',
  'IRON_CONDOR',
  'IRON_FLY',
  'BULL_CALL_SPREAD',
  'BEAR_PUT_SPREAD',
  'BUTTERFLY',
  'CALENDAR',
] as const;
export type PortfolioTemplateId = (typeof PORTFOLIO_TEMPLATE_IDS)[number];

export type PortfolioTemplate = {
  id: PortfolioTemplateId;
  name: string;
  description: string;
  legs: readonly PortfolioLegInput[];
};

type LegShape = Pick<PortfolioLegInput, 'side' | 'kind' | 'lots' | 'expiry'> & { steps: number };

/** Legs from shapes, numbered L1, L2, … in order. */
function legs(...shapes: LegShape[]): PortfolioLegInput[] {
  return shapes.map(({ steps, ...shape }, index) => ({ id: `L${index + 1}`, ...shape, strike: { mode: 'ATM_OFFSET', steps } }));
}

const sell = (kind: 'CE' | 'PE', steps: number, lots = 1): LegShape => ({ side: 'SELL', kind, steps, lots });
const buy = (kind: 'CE' | 'PE', steps: number, lots = 1): LegShape => ({ side: 'BUY', kind, steps, lots });

export const PORTFOLIO_TEMPLATES: readonly PortfolioTemplate[] = [
  {
    id: 'SHORT_STRADDLE',
    name: 'Short straddle',
    description: 'Sell the ATM call and put: collects the most premium, profits if the underlying stays near ATM; loss unlimited both ways.',
    legs: legs(sell('CE', 0), sell('PE', 0)),
  },
  {
    id: 'LONG_STRADDLE',
    name: 'Long straddle',
    description: 'Buy the ATM call and put: profits from a big move either way; the most you lose is the premium paid.',
    legs: legs(buy('CE', 0), buy('PE', 0)),
  },
  {
    id: 'SHORT_STRANGLE',
    name: 'Short strangle',
    description: 'Sell an OTM call and put 4 strikes from ATM: a wider profit zone than the straddle for less premium; loss unlimited.',
    legs: legs(sell('CE', 4), sell('PE', -4)),
  },
  {
    id: 'LONG_STRANGLE',
    name: 'Long strangle',
    description: 'Buy an OTM call and put 4 strikes from ATM: cheaper than the straddle, needs a bigger move.',
    legs: legs(buy('CE', 4), buy('PE', -4)),
  },
  {
    id: 'IRON_CONDOR',
    name: 'Iron condor',
    description: 'A short strangle 4 strikes out with wings bought 8 strikes out: limited profit, limited loss.',
    legs: legs(sell('CE', 4), buy('CE', 8), sell('PE', -4), buy('PE', -8)),
  },
  {
    id: 'IRON_FLY',
    name: 'Iron fly',
    description: 'A short ATM straddle with wings bought 6 strikes out: more premium than the condor, a narrower profit zone, limited loss.',
    legs: legs(sell('CE', 0), buy('CE', 6), sell('PE', 0), buy('PE', -6)),
  },
  {
    id: 'BULL_CALL_SPREAD',
    name: 'Bull call spread',
    description: 'Buy the ATM call, sell the call 4 strikes higher: a cheaper bullish bet with capped profit and loss.',
    legs: legs(buy('CE', 0), sell('CE', 4)),
  },
  {
    id: 'BEAR_PUT_SPREAD',
    name: 'Bear put spread',
    description: 'Buy the ATM put, sell the put 4 strikes lower: a cheaper bearish bet with capped profit and loss.',
    legs: legs(buy('PE', 0), sell('PE', -4)),
  },
  {
    id: 'BUTTERFLY',
    name: 'Call butterfly',
    description: 'Buy a call 4 strikes below ATM, sell 2 ATM calls, buy a call 4 strikes above: a small debit, best if the underlying expires at ATM.',
    legs: legs(buy('CE', -4), sell('CE', 0, 2), buy('CE', 4)),
  },
  {
    id: 'CALENDAR',
    name: 'Calendar spread',
    description: "Sell this week's ATM call, buy next week's: earns the faster time decay of the near option if the underlying stays near ATM.",
    legs: legs({ ...sell('CE', 0), expiry: 'CURRENT_WEEK' }, { ...buy('CE', 0), expiry: 'NEXT_WEEK' }),
  },
];

/** A template's legs with every default filled in, as fresh objects the builder may edit. */
export function applyTemplate(id: string): PortfolioLeg[] {
  const template = PORTFOLIO_TEMPLATES.find((candidate) => candidate.id === id);
  if (!template) throw new DomainError('VALIDATION_FAILED', `No portfolio template called ${id}.`, { templateId: id });
  return template.legs.map((leg) => PortfolioLegSchema.parse(leg));
}
