'use client';

import Link from 'next/link';
import type { StrategyTarget } from '@strikedesk/domain';
import { portfolioHref } from './portfolio-choice.ts';
import { targetText } from './strategy-config-text.ts';

type StrategyTargetTextProps = {
  target: StrategyTarget;
  /** The instrument's or portfolio's name, once known; null: the portfolio no longer exists. */
  name: string | null | undefined;
  testId?: string;
};

/** What a strategy trades; a linked portfolio is a link to it on the Portfolios screen. */
export function StrategyTargetText({ target, name, testId }: StrategyTargetTextProps) {
  if (target.kind !== 'PORTFOLIO') return <span data-testid={testId}>{targetText(target, name ?? undefined)}</span>;
  if (name === null) return <span data-testid={testId}>a deleted portfolio — link another</span>;
  return (
    // In a clickable row the link must not also select the row.
    <Link href={portfolioHref(target.portfolioId)} onClick={(event) => event.stopPropagation()} data-testid={testId}>
      {targetText(target, name)}
    </Link>
  );
}
