import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@strikedesk/ui/theme.css';
import { Providers } from './providers.tsx';

export const metadata: Metadata = {
  title: 'Strikedesk',
  description: 'Self-hosted F&O trading terminal',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-IN">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
