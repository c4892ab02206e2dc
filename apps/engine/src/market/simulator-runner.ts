import type { MarketSimulator, SimulationStep } from './market-simulator.ts';

export type Clock = { now(): number };
export const systemClock: Clock = { now: () => Date.now() };

export type SimulatorRunnerOptions = {
  intervalMs: number;
  clock: Clock;
  /** Outside the session the market is frozen (no steps), unless configured always open. */
  isOpen: (now: number) => boolean;
  onStep: (step: SimulationStep) => void;
  onError: (error: unknown) => void;
};

/** The only owner of a timer around the simulator: the core stays a pure step function. */
export class SimulatorRunner {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly simulator: MarketSimulator,
    private readonly options: SimulatorRunnerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.stepNow(), this.options.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Scripts the market: moves an underlying's spot, repriced at the next step (see MarketSimulator.setSpot). */
  setSpot(underlying: string, spot: number): void {
    this.simulator.setSpot(underlying, spot);
  }

  /** One step at the clock's current time; public so tests can drive the market by hand. */
  stepNow(): SimulationStep | null {
    const now = this.options.clock.now();
    if (!this.options.isOpen(now)) return null;
    try {
      const step = this.simulator.step(now);
      if (step.ticks.length > 0) this.options.onStep(step);
      return step;
    } catch (error) {
      this.options.onError(error);
      return null;
    }
  }
}
