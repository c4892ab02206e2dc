import { z } from 'zod';
import { AccountIdSchema, PortfolioIdSchema, UserIdSchema } from '../ids.ts';
import { PortfolioDefinitionSchema } from './portfolio-definition.ts';

/** What a trader sends the gateway (the portfolio is always the caller's own). */
export const PortfolioRefSchema = z.object({ portfolioId: PortfolioIdSchema });
export const CreatePortfolioInputSchema = z.object({ definition: PortfolioDefinitionSchema });
export const UpdatePortfolioInputSchema = z.object({ portfolioId: PortfolioIdSchema, expectedVersion: z.number().int().positive(), definition: PortfolioDefinitionSchema });

/** What the gateway sends the engine, with the user (and account) it authenticated. */
export const PortfolioCommandSchema = PortfolioRefSchema.extend({ userId: UserIdSchema });
export type PortfolioCommand = z.infer<typeof PortfolioCommandSchema>;
export const CreatePortfolioCommandSchema = CreatePortfolioInputSchema.extend({ userId: UserIdSchema, accountId: AccountIdSchema });
export type CreatePortfolioCommand = z.infer<typeof CreatePortfolioCommandSchema>;
export const UpdatePortfolioCommandSchema = UpdatePortfolioInputSchema.extend({ userId: UserIdSchema });
export type UpdatePortfolioCommand = z.infer<typeof UpdatePortfolioCommandSchema>;
export const PortfolioListQuerySchema = z.object({ userId: UserIdSchema });
