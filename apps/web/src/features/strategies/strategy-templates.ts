import type { StrategyTemplate } from '@strikedesk/domain';

type TemplateText = {
  /** As the template choice and the detail name it. */
  label: string;
  /** As the strategies list names it, where a column is narrow. */
  short: string;
  /** One line saying what a strategy of this template does. */
  description: string;
};

export const TEMPLATE_TEXT: Readonly<Record<StrategyTemplate, TemplateText>> = {
  TV_INSTRUMENT: {
    label: 'TradingView → single instrument',
    short: 'TV → instrument',
    description: 'Alerts buy and sell one instrument or a rolling future, sized from the alert.',
  },
  TV_PORTFOLIO: {
    label: 'TradingView → multi-leg portfolio',
    short: 'TV → portfolio',
    description: 'A buy or sell alert enters one of your portfolios, an exit alert squares it off.',
  },
  SCHEDULED_PORTFOLIO: {
    label: 'Scheduled portfolio',
    short: 'Scheduled',
    description: 'Enters one of your portfolios at a time of day (e.g. 9:20 short straddle); no alert needed.',
  },
};

/** Portfolio templates run a multi-leg portfolio: its own legs and rules decide the orders. */
export const isPortfolioTemplate = (template: StrategyTemplate): boolean => template !== 'TV_INSTRUMENT';
