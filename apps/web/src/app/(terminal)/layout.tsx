import type { ReactNode } from 'react';
import { TerminalShell } from '@/features/shell/terminal-shell.tsx';

export default function TerminalLayout({ children }: { children: ReactNode }) {
  return <TerminalShell>{children}</TerminalShell>;
}
