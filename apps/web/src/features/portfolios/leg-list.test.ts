import { describe, expect, it } from 'vitest';
import { addLeg, moveLeg, removeLeg, templateLegs, updateLeg } from './leg-list.ts';

describe('legs table edits', () => {
  it('adds legs with fresh ids, removes and moves them', () => {
    const three = addLeg(addLeg(addLeg([])));
    expect(three.map((leg) => leg.id)).toEqual(['L1', 'L2', 'L3']);
    const withoutSecond = removeLeg(three, 1);
    expect(withoutSecond.map((leg) => leg.id)).toEqual(['L1', 'L3']);
    expect(addLeg(withoutSecond).map((leg) => leg.id)).toEqual(['L1', 'L3', 'L2']);
    expect(moveLeg(three, 2, -1).map((leg) => leg.id)).toEqual(['L1', 'L3', 'L2']);
    expect(moveLeg(three, 0, 1).map((leg) => leg.id)).toEqual(['L2', 'L1', 'L3']);
    expect(moveLeg(three, 0, -1).map((leg) => leg.id)).toEqual(['L1', 'L2', 'L3']);
  });

  it('starts a new strike mode from its usual value', () => {
    const [leg] = addLeg([]);
    if (!leg) throw new Error('leg');
    expect(updateLeg([{ ...leg, strikeValue: '4' }], 0, { strikeMode: 'DELTA_CLOSEST' })[0]).toMatchObject({ strikeMode: 'DELTA_CLOSEST', strikeValue: '0.3' });
    expect(updateLeg([{ ...leg, strikeValue: '4' }], 0, { lots: '2' })[0]).toMatchObject({ strikeValue: '4', lots: '2' });
  });

  it('replaces the legs with a template’s', () => {
    const condor = templateLegs('IRON_CONDOR');
    expect(condor.map((leg) => `${leg.side} ${leg.kind} ${leg.strikeValue}`)).toEqual(['SELL CE 4', 'BUY CE 8', 'SELL PE -4', 'BUY PE -8']);
  });
});
