import type { BarTick } from '@strikedesk/domain';
import { testBar as bar, testBarTick as tick } from '@strikedesk/domain/testing';
import { describe, expect, it } from 'vitest';
import { nextLiveBars, type LiveBars } from './live-bars.ts';

const KEY = 'NFO:NIFTY26DECFUT:1m';
const history = [bar('09:15', 10_000, 10_100, 9_950, 10_050, 650), bar('09:16', 10_050, 10_080, 10_000, 10_020, 130)];
const seeded = (current: BarTick | undefined): LiveBars => {
  const live = nextLiveBars(null, KEY, history, current, '1m');
  if (!live) throw new Error('expected bars');
  return live;
};

describe('the chart’s bars: loaded history plus live ticks', () => {
  it('are nothing until the history is loaded', () => {
    expect(nextLiveBars(null, KEY, undefined, tick('09:16:30', 10_030, 5_000), '1m')).toBeNull();
  });

  it('draw the tick in hand when the history arrives, without adding its day volume (it is in the history)', () => {
    expect(seeded(tick('09:16:30', 10_090, 5_000)).bars).toEqual([history[0], bar('09:16', 10_050, 10_090, 10_000, 10_090, 130)]);
  });

  it('add what traded since the previous tick to the forming bar', () => {
    const first = tick('09:16:30', 10_020, 5_000);
    const live = nextLiveBars(seeded(first), KEY, history, tick('09:16:50', 10_040, 5_195), '1m');
    expect(live?.bars.at(-1)).toEqual(bar('09:16', 10_050, 10_080, 10_000, 10_040, 325));
  });

  it('open a new bar when a tick falls past the forming one', () => {
    const live = nextLiveBars(seeded(tick('09:16:30', 10_020, 5_000)), KEY, history, tick('09:17:01', 10_060, 5_065), '1m');
    expect(live?.bars.at(-1)).toEqual(bar('09:17', 10_060, 10_060, 10_060, 10_060, 65));
    expect(live?.bars).toHaveLength(3);
  });

  it('count no volume for the first tick when none was in hand at load (its day volume is not one bar’s)', () => {
    const live = nextLiveBars(seeded(undefined), KEY, history, tick('09:17:01', 10_060, 5_065), '1m');
    expect(live?.bars.at(-1)).toEqual(bar('09:17', 10_060, 10_060, 10_060, 10_060, 0));
  });

  it('stay as they are for the same tick, or one older than the last folded', () => {
    const live = seeded(tick('09:16:30', 10_020, 5_000));
    expect(nextLiveBars(live, KEY, history, live.lastTick, '1m')).toBe(live);
    expect(nextLiveBars(live, KEY, history, tick('09:16:10', 12_000, 5_100), '1m')).toBe(live);
  });

  it('start afresh from a reloaded history or for another instrument or interval', () => {
    const live = nextLiveBars(seeded(undefined), KEY, history, tick('09:17:01', 10_060, 5_065), '1m');
    const reloaded = [...history, bar('09:17', 10_060, 10_060, 10_060, 10_060, 65)];
    expect(nextLiveBars(live, KEY, reloaded, live?.lastTick, '1m')?.bars).toEqual(reloaded);
    expect(nextLiveBars(live, 'NFO:NIFTY26DECFUT:5m', [], undefined, '5m')).toEqual({ key: 'NFO:NIFTY26DECFUT:5m', history: [], bars: [], lastTick: undefined });
  });

  it('stay empty while the instrument has not traded (last price 0)', () => {
    expect(nextLiveBars(null, KEY, [], tick('09:16:30', 0, 0), '1m')?.bars).toEqual([]);
  });
});
