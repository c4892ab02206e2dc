import type { Broker, BrokerAccount, BrokerConnection, ReconciliationSummary } from '@strikedesk/domain';
import type { BadgeTone } from '@strikedesk/ui';
import { istDateTimeText } from '../../lib/format/ist-time.ts';

/** How the admin screen names brokers and states; shown as stored by the engine, never guessed. */
export const BROKER_LABELS: Record<Broker, string> = {
  KITE: 'Zerodha (Kite Connect)',
  XTS: 'XTS (Symphony)',
  SIMULATED_KITE: 'Simulated Zerodha',
  SIMULATED_XTS: 'Simulated XTS',
};

export const CONNECTION_LABELS: Record<BrokerConnection, string> = {
  NEVER_CONNECTED: 'Never connected',
  CONNECTED: 'Connected',
  DISCONNECTED: 'Disconnected',
  SESSION_EXPIRED: 'Session expired — reconnect',
  ERROR: 'Error',
};

export const CONNECTION_TONES: Record<BrokerConnection, BadgeTone> = {
  NEVER_CONNECTED: 'neutral',
  CONNECTED: 'success',
  DISCONNECTED: 'warning',
  SESSION_EXPIRED: 'warning',
  ERROR: 'danger',
};

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** The last reconciliation in a few words: in step, what it recovered, or what nobody can explain. */
export function reconciliationText(summary: ReconciliationSummary | null): string {
  if (!summary) return 'Not yet';
  if (summary.mismatches > 0) {
    return `${plural(summary.mismatches, 'unexplained difference', 'unexplained differences')}${summary.blocked ? ' — new orders blocked' : ''}`;
  }
  if (summary.eventsRecovered > 0) return `In step (${plural(summary.eventsRecovered, 'missed event', 'missed events')} recovered)`;
  return 'In step';
}


export const formatWhen = (at: number | null, never = 'Never'): string => (at === null ? never : istDateTimeText(at));

/**
 * What disabling a broker account does to the people trading through it, said before it happens:
 * the engine drops its connection, so their live account refuses new orders and cannot cancel the
 * ones already working at the broker.
 */
export function disableConsequence(account: Pick<BrokerAccount, 'name' | 'traderIds'>, traderNames: string): string {
  const who = account.traderIds.length === 0 ? 'No trader is assigned to it.' : `${traderNames} can no longer trade through it: new orders and cancels of orders already working at the broker are refused until it is enabled again (cancel those at the broker).`;
  return `The engine disconnects ${account.name}. ${who}`;
}
