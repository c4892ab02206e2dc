import type { PortfolioLive, PortfolioStatus } from '@strikedesk/domain';
import { holdsPositions, isRunning } from './portfolio-text.ts';

/** Whether a toolbar action can be taken now, and if not, why (its button's tooltip). */
export type ActionAvailability = { enabled: boolean; reason: string | undefined };

export type PortfolioActionState = { start: ActionAvailability; exit: ActionAvailability; stop: ActionAvailability; remove: ActionAvailability };

const allowed: ActionAvailability = { enabled: true, reason: undefined };
const refused = (reason: string): ActionAvailability => ({ enabled: false, reason });

const HOLDS_POSITIONS = 'It still holds positions from its last run: exit them first.';

/**
 * Which of Start, Exit now, Stop automation and Delete the engine would accept, mirroring its rules
 * (apps/engine/src/portfolios/portfolio-manager.ts) so the screen never offers a button it refuses:
 * a stopped or failed portfolio that still holds positions can neither start again (it would enter
 * a second time on top of them) nor be deleted (its book would be orphaned) until they are exited.
 */
export function portfolioActionState(status: PortfolioStatus, live: PortfolioLive | null, dirty: boolean): PortfolioActionState {
  const running = isRunning(status);
  const holds = holdsPositions(live);
  return {
    start: running ? refused('The portfolio is already running.') : holds ? refused(HOLDS_POSITIONS) : dirty ? refused('Save your changes first.') : allowed,
    exit:
      status === 'EXITING'
        ? refused('The portfolio is already exiting.')
        : status === 'ACTIVE' || status === 'ENTERING' || holds
          ? allowed
          : refused('The portfolio holds no position to exit.'),
    stop: running && status !== 'EXITING' ? allowed : refused(status === 'EXITING' ? 'The portfolio is exiting.' : 'Its automation is not running.'),
    remove: running ? refused('Stop or exit the portfolio first.') : holds ? refused(HOLDS_POSITIONS) : allowed,
  };
}
