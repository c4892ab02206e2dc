import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '@strikedesk/domain';
import { describeError } from './app-error.ts';

describe('describeError', () => {
  it('passes a DomainError through with its HTTP mapping', () => {
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new DomainError('VIEWER_CANNOT_TRADE') });
    expect(describeError(error)).toEqual({
      appCode: 'VIEWER_CANNOT_TRADE',
      message: 'Your account is view-only: viewers cannot place, modify or cancel orders.',
      trpcCode: 'FORBIDDEN',
    });
  });

  it('explains validation issues by field', () => {
    const parsed = z.object({ order: z.object({ quantity: z.number().positive() }) }).safeParse({ order: { quantity: -1 } });
    if (parsed.success) throw new Error('expected failure');
    const described = describeError(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }));
    expect(described.appCode).toBe('VALIDATION_FAILED');
    expect(described.trpcCode).toBe('BAD_REQUEST');
    expect(described.message).toMatch(/^order\.quantity: /);
  });

  it('hides unknown errors behind INTERNAL', () => {
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'connect ECONNREFUSED 10.0.0.7:5432', cause: new Error('secret detail') });
    expect(describeError(error)).toEqual({
      appCode: 'INTERNAL',
      message: 'Something went wrong on our side. Nothing was changed.',
      trpcCode: 'INTERNAL_SERVER_ERROR',
    });
  });
});
