import { StrategiesPage } from '@/features/strategies/strategies-page.tsx';

export const metadata = { title: 'Strategies · Strikedesk' };

export default function Strategies() {
  return <StrategiesPage />;
}
