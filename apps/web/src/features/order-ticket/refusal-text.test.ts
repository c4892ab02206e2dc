import { describe, expect, it } from 'vitest';
import { refusalText } from './refusal-text.ts';

describe('refusal text', () => {
  it('names who refused the order, then why', () => {
    expect(refusalText({ status: 'DENIED', reasonMessage: 'Order quantity is above your limit.' })).toBe('Not sent: refused by the risk checks (DENIED). Order quantity is above your limit.');
    expect(refusalText({ status: 'REJECTED', reasonMessage: 'Insufficient funds.' })).toBe('Rejected by the broker (REJECTED). Insufficient funds.');
    expect(refusalText({ status: 'REJECTED', reasonMessage: null })).toBe('Rejected by the broker (REJECTED).');
  });
});
