import { AccountIdSchema, type AccountId } from '@strikedesk/domain';

const KEY = 'strikedesk.tradingAccount';

/**
 * The trading account this tab is on, kept in sessionStorage: it survives a reload of the tab and
 * stays out of other tabs (a new tab starts on the default, paper account, so nobody lands on live
 * trading by opening a link). Only an id: the server checks it is the user's at every refresh.
 */
export function readAccountChoice(): AccountId | undefined {
  try {
    const parsed = AccountIdSchema.safeParse(globalThis.sessionStorage?.getItem(KEY));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // storage blocked (privacy settings): the tab starts on the default account
  }
}

export function rememberAccountChoice(accountId: AccountId | null): void {
  try {
    if (accountId === null) globalThis.sessionStorage?.removeItem(KEY);
    else globalThis.sessionStorage?.setItem(KEY, accountId);
  } catch {
    // Not remembered: a reload returns to the default account, which is the safe side.
  }
}
