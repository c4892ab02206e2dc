import type { SignalEvent, SignalStage } from '@strikedesk/domain';
import { eventDetailTexts } from './event-detail-text.ts';
import { istClockText, stageLabel } from './signal-text.ts';
import styles from './signals.module.css';

const BAD: ReadonlySet<SignalStage> = new Set(['REJECTED', 'ORDER_REJECTED', 'FAILED']);
const GOOD: ReadonlySet<SignalStage> = new Set(['FILLED']);

function TimelineStep({ event, index }: { event: SignalEvent; index: number }) {
  const details = eventDetailTexts(event.detail);
  return (
    <li className={styles.step} data-testid={`signal-event-${index}`} data-stage={event.stage}>
      <span className={styles.stepHead}>
        <span className={styles.stepTime}>{istClockText(event.at)}</span>
        <span className={styles.stepName} data-tone={BAD.has(event.stage) ? 'bad' : GOOD.has(event.stage) ? 'good' : undefined}>
          {stageLabel(event.stage)}
        </span>
      </span>
      {details.length > 0 ? <span className={styles.stepDetail}>{details.join(' · ')}</span> : null}
    </li>
  );
}

/** Every step of the alert, oldest first, with what the gateway or the engine recorded at it. */
export function SignalTimeline({ events }: { events: readonly SignalEvent[] }) {
  return (
    <ol className={styles.timeline} aria-label="Timeline" data-testid="signal-timeline">
      {events.map((event, index) => (
        // The timeline only grows at its end: the position is a stable key.
        <TimelineStep key={index} event={event} index={index} />
      ))}
    </ol>
  );
}
