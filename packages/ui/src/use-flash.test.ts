import { describe, expect, it } from 'vitest';
import { flashClass } from './use-flash.ts';

const styles = { flashUp: 'up', flashUpAlt: 'up-alt', flashDown: 'down', flashDownAlt: 'down-alt' };

describe('flashClass', () => {
  it('alternates twin animations so consecutive flashes restart without a remount', () => {
    expect(flashClass(null, styles)).toBe('');
    expect(flashClass({ direction: 'up', generation: 1 }, styles)).toBe('up-alt');
    expect(flashClass({ direction: 'up', generation: 2 }, styles)).toBe('up');
    expect(flashClass({ direction: 'down', generation: 3 }, styles)).toBe('down-alt');
    expect(flashClass({ direction: 'down', generation: 4 }, styles)).toBe('down');
  });
});
