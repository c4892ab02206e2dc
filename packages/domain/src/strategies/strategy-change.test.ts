import { describe, expect, it } from 'vitest';
import { strategyChangeBlocker, type StrategyExposure } from './strategy-change.ts';

const NONE: StrategyExposure = { positions: [], workingOrders: [], waitingSignals: 0 };
const LONG: StrategyExposure = { ...NONE, positions: [{ instrumentName: 'NIFTY 26DEC FUT', product: 'MIS', netQuantity: 150, lotSize: 75 }] };

describe('strategyChangeBlocker', () => {
  it('lets every change through when the strategy holds nothing, and an edit that re-routes nothing whatever it holds', () => {
    expect(strategyChangeBlocker({ product: { from: 'MIS', to: 'NRML' } }, NONE)).toBeNull();
    expect(strategyChangeBlocker({}, LONG)).toBeNull();
  });

  it('names the position, each working order and queued alerts, and what the change moves', () => {
    const exposure: StrategyExposure = {
      positions: LONG.positions,
      workingOrders: [{ instrumentName: 'NIFTY 26DEC FUT', product: 'MIS', side: 'SELL', remaining: 75, lotSize: 75 }],
      waitingSignals: 1,
    };
    expect(strategyChangeBlocker({ mode: { from: 'LIVE', to: 'PAPER' } }, exposure)).toBe(
      'Close its position in NIFTY 26DEC FUT (2 lots long, MIS); cancel its working sell order in NIFTY 26DEC FUT (1 lot, MIS); wait for its 1 alert still queued to be traded first, then change its mode (LIVE → PAPER): its later exit alerts would go to the new account and leave this unmanaged.',
    );
  });

  it('a working entry alone blocks (it may fill after the change), as does an alert still queued', () => {
    const resting: StrategyExposure = { ...NONE, workingOrders: [{ instrumentName: 'NIFTY 26DEC FUT', product: 'NRML', side: 'BUY', remaining: 75, lotSize: 75 }] };
    expect(strategyChangeBlocker({ product: { from: 'NRML', to: 'MIS' } }, resting)).toMatch(/^Cancel its working buy order in NIFTY 26DEC FUT \(1 lot, NRML\) first, then change its product \(NRML → MIS\)/);
    expect(strategyChangeBlocker({ instrument: { from: 'A', to: 'B' } }, { ...NONE, waitingSignals: 2 })).toMatch(/^Wait for its 2 alerts still queued/);
  });
});
