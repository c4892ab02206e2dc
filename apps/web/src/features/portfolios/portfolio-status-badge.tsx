import type { PortfolioStatus } from '@strikedesk/domain';
import { Badge } from '@strikedesk/ui';
import { STATUS_TONES, statusText } from './portfolio-text.ts';

export function PortfolioStatusBadge({ status, testId, title }: { status: PortfolioStatus; testId?: string; title?: string | undefined }) {
  return (
    <Badge tone={STATUS_TONES[status]} testId={testId} title={title}>
      {statusText(status)}
    </Badge>
  );
}
