import type { PortfolioWithLive } from '@strikedesk/domain';
import { statusText } from '../portfolios/portfolio-text.ts';

type PortfolioSummary = Pick<PortfolioWithLive, 'id' | 'status' | 'definition'>;

/** "9:20 straddle · NIFTY · WAITING ENTRY": a portfolio as the picker offers it. */
export const portfolioChoiceText = ({ definition: { settings }, status }: PortfolioSummary): string =>
  `${settings.name} · ${settings.underlying} · ${statusText(status)}`;

/** Where the Portfolios screen shows one portfolio. */
export const portfolioHref = (portfolioId: string): string => `/portfolios?portfolio=${encodeURIComponent(portfolioId)}`;

/** The picker's choices: a prompt until one is chosen, and a linked portfolio that no longer exists, so the form says so. */
export function portfolioOptions(portfolios: readonly PortfolioSummary[], chosenId: string): { value: string; label: string }[] {
  const options = portfolios.map((portfolio) => ({ value: portfolio.id as string, label: portfolioChoiceText(portfolio) }));
  if (chosenId === '') return [{ value: '', label: 'Choose a portfolio…' }, ...options];
  if (!portfolios.some((portfolio) => portfolio.id === chosenId)) return [{ value: chosenId, label: 'Deleted portfolio — choose another' }, ...options];
  return options;
}
