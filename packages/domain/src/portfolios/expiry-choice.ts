import { DomainError } from '../errors.ts';
import type { ChainExpiry } from '../option-chain.ts';
import type { ExpiryChoice } from './portfolio-definition.ts';

/**
 * Which listed series an expiry choice means today. `expiries` are the underlying's listed series,
 * nearest first (as the chain's expiry list gives them). The weekly choices count every series
 * (a monthly expiry is also that week's expiry); the monthly choices count monthly series only.
 */
export function resolveExpiryChoice(choice: ExpiryChoice, expiries: readonly ChainExpiry[]): ChainExpiry {
  const resolved = findExpiry(choice, expiries);
  if (resolved) return resolved;
  throw new DomainError('EXPIRY_NOT_FOUND', `No ${EXPIRY_CHOICE_LABELS[choice]} expiry is listed${listedSuffix(expiries)}.`, {
    choice,
    listed: expiries.map((entry) => entry.expiry),
  });
}

/** How the choices read in a sentence: "No next month expiry is listed". */
export const EXPIRY_CHOICE_LABELS: Readonly<Record<ExpiryChoice, string>> = {
  CURRENT_WEEK: 'current week',
  NEXT_WEEK: 'next week',
  CURRENT_MONTH: 'current month',
  NEXT_MONTH: 'next month',
};

/** The first monthly series expiring on or after `expiry` (the future a FUT leg trades). */
export function monthlyOnOrAfter(expiry: string, expiries: readonly ChainExpiry[]): ChainExpiry | undefined {
  // ISO dates compare correctly as strings.
  return expiries.find((entry) => entry.expiryType === 'MONTHLY' && entry.expiry >= expiry);
}

function findExpiry(choice: ExpiryChoice, expiries: readonly ChainExpiry[]): ChainExpiry | undefined {
  switch (choice) {
    case 'CURRENT_WEEK':
      return expiries[0];
    case 'NEXT_WEEK':
      return expiries[1];
    case 'CURRENT_MONTH':
      return nthMonthly(expiries, 0);
    case 'NEXT_MONTH':
      return nthMonthly(expiries, 1);
  }
}

function nthMonthly(expiries: readonly ChainExpiry[], index: number): ChainExpiry | undefined {
  let seen = 0;
  for (const entry of expiries) {
    if (entry.expiryType !== 'MONTHLY') continue;
    if (seen === index) return entry;
    seen += 1;
  }
  return undefined;
}

function listedSuffix(expiries: readonly ChainExpiry[]): string {
  if (expiries.length === 0) return ' (no expiries are listed)';
  return ` (listed: ${expiries.map((entry) => `${entry.expiry}${entry.expiryType === 'MONTHLY' ? ' monthly' : ''}`).join(', ')})`;
}
