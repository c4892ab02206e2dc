import { PositionsPage } from '@/features/positions/positions-page.tsx';

export const metadata = { title: 'Positions · Strikedesk' };

export default function Positions() {
  return <PositionsPage />;
}
