import type { StrategyMode } from '@strikedesk/domain';
import { Badge, type SegmentOption } from '@strikedesk/ui';

/** Paper or live, as a choice; live is drawn in the sell colour so it is never picked by accident. */
export const modeOptions = (testIdPrefix: string): SegmentOption<StrategyMode>[] => [
  { value: 'PAPER', label: 'Paper', testId: `${testIdPrefix}-mode-PAPER` },
  { value: 'LIVE', label: 'Live', tone: 'sell', testId: `${testIdPrefix}-mode-LIVE` },
];

export function StrategyModeBadge({ mode, testId }: { mode: StrategyMode; testId?: string }) {
  return (
    <Badge tone={mode === 'LIVE' ? 'danger' : 'info'} testId={testId} title={mode === 'LIVE' ? 'Orders go to your trading account' : 'Orders go to your paper account'}>
      {mode}
    </Badge>
  );
}
