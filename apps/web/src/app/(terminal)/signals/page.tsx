import { SignalsPage } from '@/features/signals/signals-page.tsx';

export const metadata = { title: 'Signals · Strikedesk' };

export default function Signals() {
  return <SignalsPage />;
}
