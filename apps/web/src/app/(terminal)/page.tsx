import { MarketWatch } from '@/features/market-watch/market-watch.tsx';

export const metadata = { title: 'Market watch · Strikedesk' };

export default function MarketWatchPage() {
  return <MarketWatch />;
}
