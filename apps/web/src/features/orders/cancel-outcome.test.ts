import { describe, expect, it } from 'vitest';
import { cancelOutcome } from './cancel-outcome.ts';

describe('cancel outcome', () => {
  it('reads a refused cancel as a failure with the broker\'s reason, and the rest by what happened', () => {
    expect(cancelOutcome({ status: 'OPEN', reasonMessage: 'Order cannot be cancelled as it is being processed. Try later.' })).toEqual({
      kind: 'error',
      message: 'The broker refused to cancel; the order is still working. Order cannot be cancelled as it is being processed. Try later.',
    });
    expect(cancelOutcome({ status: 'PARTIALLY_FILLED', reasonMessage: null }).kind).toBe('error');
    expect(cancelOutcome({ status: 'CANCELED', reasonMessage: null })).toEqual({ kind: 'success', message: 'Order cancelled.' });
    expect(cancelOutcome({ status: 'PENDING_CANCEL', reasonMessage: null }).kind).toBe('info');
    expect(cancelOutcome({ status: 'FILLED', reasonMessage: null }).message).toBe('The order filled before it could be cancelled.');
    expect(cancelOutcome({ status: 'EXPIRED', reasonMessage: null }).message).toBe('The order is expired.');
  });
});
