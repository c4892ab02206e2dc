import type { Tick } from '@strikedesk/domain';
import { Topic } from '../events/topic.ts';
import type { MarketSimulator, SimulationStep } from './market-simulator.ts';

/** Latest quotes plus the live tick feed, whatever the source (today: the simulator). */
export class MarketData {
  readonly ticks = new Topic<Tick[]>();

  constructor(private readonly simulator: MarketSimulator) {}

  latest(instrumentId: string): Tick | undefined {
    return this.simulator.latest(instrumentId);
  }

  /** Open interest at the previous session's close, for "OI change" (undefined for indices). */
  previousOpenInterest(instrumentId: string): number | undefined {
    return this.simulator.previousOpenInterest(instrumentId);
  }

  quotes(instrumentIds: readonly string[]): Tick[] {
    return instrumentIds.flatMap((id) => {
      const tick = this.simulator.latest(id);
      return tick ? [tick] : [];
    });
  }

  publish(step: SimulationStep): void {
    this.ticks.publish(step.ticks);
  }
}
