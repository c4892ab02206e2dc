import { ChainPage } from '@/features/option-chain/chain-page.tsx';

export const metadata = { title: 'Option chain · Strikedesk' };

export default function Chain() {
  return <ChainPage />;
}
