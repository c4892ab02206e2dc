'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AccountId, ChangePasswordInput, LoginInput, SessionUser } from '@strikedesk/domain';
import { createGatewayApi, type AuthGuard, type GatewayApi, type Session } from '../api/gateway-api.ts';
import { createGatewayClient } from '../api/trpc-client.ts';
import { errorCodeOf, isUnauthenticated } from '../api/api-error.ts';
import { ACCOUNT_SCOPED_KEYS } from '../queries/query-keys.ts';
import { readAccountChoice, rememberAccountChoice } from './account-choice.ts';
import { expiryToEpochMs, isTokenUsable, refreshDelayMs } from './session-expiry.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: SessionUser; expiresAt: number; mustChangePassword: boolean };

type AuthContextValue = {
  state: AuthState;
  api: GatewayApi;
  /** The current access token, read at call time (it rotates on every refresh). */
  getAccessToken: () => string | null;
  login: (input: LoginInput) => Promise<void>;
  logout: () => Promise<void>;
  /** Changes the password; the server ends other sessions and hands this tab a fresh one. */
  changePassword: (input: ChangePasswordInput) => Promise<void>;
  /**
   * Moves this tab to another of the user's trading accounts: a new access token, the account's
   * data refetched, the live socket reconnected (LiveProvider follows `user.accountId`).
   */
  switchAccount: (accountId: AccountId) => Promise<void>;
  /** Refreshes the session from the httpOnly cookie; false when the session is gone. */
  refresh: () => Promise<boolean>;
  /**
   * True when there is an access token that is good for a while yet; refreshes first only when
   * there is none or it is about to expire. False when the session is gone.
   */
  ensureAccessToken: () => Promise<boolean>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the auth guard. */
export function useSessionUser(): SessionUser {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useSessionUser needs an authenticated session');
  return state.user;
}

const RETRY_AFTER_NETWORK_ERROR_MS = 5_000;

/**
 * Holds the access token in memory only (never in storage, out of reach of other tabs and XSS
 * persistence). The session survives reloads through the refresh cookie.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const tokenRef = useRef<string | null>(null);
  const expiresAtRef = useRef<number | null>(null);
  const refreshInFlight = useRef<Promise<boolean> | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshRef = useRef<() => Promise<boolean>>(async () => false);
  /** The trading account the current token acts on. */
  const accountRef = useRef<string | null>(null);

  const [api] = useState<GatewayApi>(() => {
    const guard: AuthGuard = async (call) => {
      try {
        return await call();
      } catch (error) {
        if (!isUnauthenticated(error) || !(await refreshRef.current())) throw error;
        return call();
      }
    };
    return createGatewayApi(
      createGatewayClient(() => tokenRef.current),
      guard,
    );
  });

  const applySession = useCallback((session: Session) => {
    tokenRef.current = session.accessToken;
    rememberAccountChoice(session.user.accountId);
    // Another trading account than before (a switch, or a refresh that fell back to the default):
    // reset, not invalidate — one account's orders must never show, even briefly, under the other's name.
    if (accountRef.current !== null && accountRef.current !== session.user.accountId) {
      for (const queryKey of ACCOUNT_SCOPED_KEYS) void queryClient.resetQueries({ queryKey });
    }
    accountRef.current = session.user.accountId;
    expiresAtRef.current = expiryToEpochMs(session.accessTokenExpiresAt);
    setState({
      status: 'authenticated',
      user: session.user,
      expiresAt: expiresAtRef.current,
      mustChangePassword: session.mustChangePassword,
    });
  }, [queryClient]);

  const endSession = useCallback(() => {
    tokenRef.current = null;
    expiresAtRef.current = null;
    rememberAccountChoice(null);
    accountRef.current = null;
    setState({ status: 'anonymous' });
    queryClient.clear();
  }, [queryClient]);

  const refresh = useCallback((): Promise<boolean> => {
    // The refresh token rotates on use: two concurrent refreshes would spend it twice, so share one.
    refreshInFlight.current ??= (async () => {
      const firstAttempt = tokenRef.current === null;
      try {
        applySession(await api.auth.refresh(readAccountChoice()));
        return true;
      } catch (error) {
        const code = errorCodeOf(error);
        const sessionGone = code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED' || isUnauthenticated(error);
        if (firstAttempt || sessionGone) {
          endSession();
        } else {
          retryTimer.current = setTimeout(() => void refreshRef.current(), RETRY_AFTER_NETWORK_ERROR_MS);
        }
        return false;
      } finally {
        refreshInFlight.current = null;
      }
    })();
    return refreshInFlight.current;
  }, [api, applySession, endSession]);
  refreshRef.current = refresh;

  useEffect(() => {
    void refresh();
    return () => {
      if (retryTimer.current) clearTimeout(retryTimer.current);
    };
  }, [refresh]);

  const expiresAt = state.status === 'authenticated' ? state.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setTimeout(() => void refresh(), refreshDelayMs(expiresAt));
    return () => clearTimeout(timer);
  }, [expiresAt, refresh]);

  const login = useCallback(
    async (input: LoginInput) => {
      queryClient.clear();
      applySession(await api.auth.login(input));
    },
    [api, applySession, queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      // Even if the request failed, this tab forgets the token; the error still reaches the caller.
      endSession();
    }
  }, [api, endSession]);

  const changePassword = useCallback(
    async (input: ChangePasswordInput) => {
      applySession(await api.auth.changePassword(input));
    },
    [api, applySession],
  );

  const switchAccount = useCallback(
    async (accountId: AccountId) => {
      applySession(await api.auth.switchAccount(accountId));
    },
    [api, applySession],
  );

  const getAccessToken = useCallback(() => tokenRef.current, []);

  const ensureAccessToken = useCallback(async (): Promise<boolean> => {
    // Refreshing when not needed would spend the refresh token for nothing, and right after a
    // password change (whose response carries the new cookie) could present the revoked one.
    if (tokenRef.current !== null && expiresAtRef.current !== null && isTokenUsable(expiresAtRef.current)) return true;
    return refresh();
  }, [refresh]);

  const value = useMemo(
    () => ({ state, api, getAccessToken, login, logout, changePassword, switchAccount, refresh, ensureAccessToken }),
    [state, api, getAccessToken, login, logout, changePassword, switchAccount, refresh, ensureAccessToken],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
