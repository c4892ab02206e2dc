import { z } from 'zod';
import { StrategyIdSchema } from '../ids.ts';
import { SignalActionSchema } from './alert-message.ts';

/** Where an alert is: queued (ACCEPTED, PROCESSING) or done with one of the final outcomes. */
export const SIGNAL_STATUSES = ['ACCEPTED', 'PROCESSING', 'EXECUTED', 'NO_ACTION', 'REJECTED', 'FAILED'] as const;
export const SignalStatusSchema = z.enum(SIGNAL_STATUSES);
export type SignalStatus = z.infer<typeof SignalStatusSchema>;
export const FINAL_SIGNAL_STATUSES: readonly SignalStatus[] = ['EXECUTED', 'NO_ACTION', 'REJECTED', 'FAILED'];

/** The steps of an alert's timeline, in the order they normally happen. */
export const SIGNAL_STAGES = [
  'RECEIVED',
  'DUPLICATE',
  'PARSED',
  'REJECTED',
  'RISK_CHECKED',
  'NO_ACTION',
  'ORDER_SENT',
  'ACKNOWLEDGED',
  'FILLED',
  'ORDER_REJECTED',
  'ORDER_CANCELED',
  /** A portfolio strategy's alert armed its portfolio / started its exit (the portfolio's journal has the orders). */
  'PORTFOLIO_STARTED',
  'PORTFOLIO_EXITED',
  'FAILED',
] as const;
export const SignalStageSchema = z.enum(SIGNAL_STAGES);
export type SignalStage = z.infer<typeof SignalStageSchema>;

export const SignalEventSchema = z.object({
  stage: SignalStageSchema,
  at: z.number().int(),
  detail: z.record(z.string(), z.unknown()),
});
export type SignalEvent = z.infer<typeof SignalEventSchema>;

export const SignalSchema = z.object({
  id: z.string().regex(/^\d+$/),
  strategyId: StrategyIdSchema,
  strategyName: z.string(),
  strategyVersion: z.number().int().positive(),
  status: SignalStatusSchema,
  reasonCode: z.string().nullable(),
  reasonMessage: z.string().nullable(),
  action: SignalActionSchema.nullable(),
  contentType: z.string(),
  /** The body as received, with the passphrase masked. */
  body: z.string(),
  sourceIp: z.string().nullable(),
  alertId: z.string().nullable(),
  /** Repeats of this alert that were received and ignored. */
  duplicates: z.number().int().nonnegative(),
  orderIds: z.array(z.string()),
  receivedAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Signal = z.infer<typeof SignalSchema>;

export const SignalDetailSchema = SignalSchema.extend({ events: z.array(SignalEventSchema) });
export type SignalDetail = z.infer<typeof SignalDetailSchema>;

export const SignalListQuerySchema = z.object({
  strategyId: StrategyIdSchema.optional(),
  status: SignalStatusSchema.optional(),
  /** Signals with a smaller id than this (paging back in time). */
  before: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type SignalListQuery = z.input<typeof SignalListQuerySchema>;

/** Pushed to the owner's terminal when a signal reaches a final status. */
export const SignalUpdateSchema = z.object({
  signalId: z.string(),
  strategyId: StrategyIdSchema,
  strategyName: z.string(),
  status: SignalStatusSchema,
  reasonCode: z.string().nullable(),
  reasonMessage: z.string().nullable(),
});
export type SignalUpdate = z.infer<typeof SignalUpdateSchema>;

/** The gateway's `signal` push to the strategy owner's terminals. */
export type SignalServerEvents = {
  signal: (update: SignalUpdate) => void;
};
