import { PortfoliosPage } from '@/features/portfolios/portfolios-page.tsx';

export const metadata = { title: 'Portfolios · Strikedesk' };

export default function Portfolios() {
  return <PortfoliosPage />;
}
