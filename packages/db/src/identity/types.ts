import type { AccountId, InstrumentId, Role, SessionUser, TradingAccount, UserId } from '@strikedesk/domain';

/** A user as the gateway sees it. Timestamps are epoch ms, like every time on the wire. */
export type IdentityUser = SessionUser & {
  createdAt: number;
  mustChangePassword: boolean;
  disabled: boolean;
};

/** Only login needs the hash; every other read leaves it out. */
export type IdentityUserWithSecret = IdentityUser & { passwordHash: string };

export type NewUser = {
  username: string;
  /** Already hashed by the caller (argon2id in the gateway); the store never sees a password. */
  passwordHash: string;
  role: Role;
  mustChangePassword?: boolean;
};

export type NewRefreshSession = {
  userId: UserId;
  /** Omit to start a new family (a login); rotation passes the family on. */
  familyId?: string;
  tokenHash: string;
  expiresAt: Date;
  userAgent?: string | null;
};

/**
 * Outcome of presenting a refresh token:
 * - `rotated`: the token was live; it is now spent and `next` replaces it in the same family. Also
 *   the answer for a token spent less than `reuseGraceMs` ago (a concurrent refresh by the same
 *   client): `next` then joins the family as a sibling.
 * - `reused`: the token had already been rotated before the grace window — someone replayed it,
 *   so the whole family was revoked (theft detection).
 * - `invalid`: unknown, expired or revoked.
 */
export type RotateResult =
  | { kind: 'rotated'; userId: UserId; familyId: string }
  | { kind: 'reused'; userId: UserId; familyId: string }
  | { kind: 'invalid' };

export type UsersRepository = {
  /** Creates the user and their paper trading account together. Throws USERNAME_TAKEN. */
  create(user: NewUser): Promise<IdentityUser>;
  findByUsername(username: string): Promise<IdentityUserWithSecret | null>;
  findById(userId: UserId): Promise<IdentityUser | null>;
  findByIdWithSecret(userId: UserId): Promise<IdentityUserWithSecret | null>;
  /** Replaces the password hash, clears must-change, and revokes every refresh session. */
  setPassword(userId: UserId, passwordHash: string, at?: Date): Promise<void>;
  list(): Promise<IdentityUser[]>;
  count(): Promise<number>;
  /** Disables the user and revokes all their sessions. */
  disable(userId: UserId, at?: Date): Promise<void>;
};

export type RefreshSessionsRepository = {
  create(session: NewRefreshSession): Promise<{ familyId: string }>;
  rotate(args: {
    tokenHash: string;
    nextTokenHash: string;
    expiresAt: Date;
    /** How long after its rotation a spent token still counts as a concurrent refresh, not a replay. */
    reuseGraceMs: number;
    now?: Date;
    userAgent?: string | null;
  }): Promise<RotateResult>;
  /** Revokes the family the token belongs to (logout). Returns its user, or null for an unknown token. */
  revokeFamilyOfToken(tokenHash: string, at?: Date): Promise<UserId | null>;
  revokeAllForUser(userId: UserId, at?: Date): Promise<void>;
};

export type WatchlistRepository = {
  list(userId: UserId): Promise<InstrumentId[]>;
  /** Appends at the end; adding an instrument already present keeps its place. */
  add(userId: UserId, instrumentId: InstrumentId): Promise<InstrumentId[]>;
  remove(userId: UserId, instrumentId: InstrumentId): Promise<InstrumentId[]>;
};

/** A trading account with the user who owns it (admin screens act on any user's account). */
export type OwnedTradingAccount = { userId: UserId; account: TradingAccount };

/** A user's trading accounts (paper, and live ones bound to broker accounts: migration 0009). */
export type AccountsRepository = {
  /** Oldest first: the first is the user's default (paper) account. */
  listForUser(userId: UserId): Promise<TradingAccount[]>;
  /** Every user's accounts in one query, grouped by owner; within an owner oldest first, like listForUser. */
  listAll(): Promise<OwnedTradingAccount[]>;
  /** Who owns the account; null when no user does. */
  ownerOf(accountId: AccountId): Promise<UserId | null>;
};

export type IdentityStore = {
  users: UsersRepository;
  accounts: AccountsRepository;
  refreshSessions: RefreshSessionsRepository;
  watchlist: WatchlistRepository;
  close(): Promise<void>;
};
