import { z } from 'zod';
import { brokerProtocol, BrokerAccountIdSchema, type Broker } from './broker-accounts.ts';

/**
 * "Connect Zerodha" as the web starts it (gateway `brokers.connectKite`) and how the gateway's
 * callback reports the outcome back to the page that started it (docs/contracts.md).
 */

/** The pages a login may return to: a fixed list, so the callback can never redirect elsewhere. */
export const BROKER_LOGIN_RETURN_PAGES = ['settings', 'admin'] as const;
export const BrokerLoginReturnPageSchema = z.enum(BROKER_LOGIN_RETURN_PAGES);
export type BrokerLoginReturnPage = z.infer<typeof BrokerLoginReturnPageSchema>;

export const ConnectKiteInputSchema = z.object({
  id: BrokerAccountIdSchema,
  returnTo: BrokerLoginReturnPageSchema.default('settings'),
});
export type ConnectKiteInput = z.input<typeof ConnectKiteInputSchema>;

/** Query parameters the callback's redirect adds to the return page. */
export const BROKER_LOGIN_RESULT_PARAMS = { connected: 'broker', error: 'broker_error', account: 'broker_account' } as const;

/** Kite's login flow (a simulated Zerodha speaks the same protocol to its fake). */
export const logsInThroughKite = (broker: Broker): boolean => brokerProtocol(broker) === 'KITE';
