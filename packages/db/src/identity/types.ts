import type { AccountId, InstrumentId, Role, SessionUser, TradingAccount, UserId } from '@strikedesk/domain';

/** A user as the gateway sees it. Timestamps are epoch ms, like every time on the wire. */
export type IdentityUser = SessionUser & {
  createdAt: number;
  mustChangePassword: boolean;
  disabled: boolean;
  /** When they were disabled (epoch ms); null while enabled. */
  disabledAt: number | null;
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

/**
 * A refresh-token family that was ended (logout, password change, theft detection, disable). The
 * family id is the session id access tokens carry (`sid`), so the gateway can refuse them too.
 */
export type RevokedFamily = { familyId: string; userId: UserId; /** epoch ms */ revokedAt: number };

/** A user disabled at that time (epoch ms): every access token issued to them before is void. */
export type DisabledUser = { userId: UserId; disabledAt: number };

/**
 * What an admin change did: the user as it now stands, and the sessions it ended (their access
 * tokens must be refused too). `changed` is false when the user already was so (nothing ended).
 */
export type AdminUserChange = { user: IdentityUser; revoked: RevokedFamily[]; changed: boolean };

export type UsersRepository = {
  /** Creates the user and their paper trading account together. Throws USERNAME_TAKEN. */
  create(user: NewUser): Promise<IdentityUser>;
  findByUsername(username: string): Promise<IdentityUserWithSecret | null>;
  findById(userId: UserId): Promise<IdentityUser | null>;
  findByIdWithSecret(userId: UserId): Promise<IdentityUserWithSecret | null>;
  /**
   * Replaces the password hash, clears must-change, and revokes every refresh session. Returns the
   * families it ended, so their access tokens can be refused as well.
   */
  setPassword(userId: UserId, passwordHash: string, at?: Date): Promise<RevokedFamily[]>;
  list(): Promise<IdentityUser[]>;
  count(): Promise<number>;
  /** Disables the user and revokes all their sessions; returns when (the user's access tokens die with it). */
  disable(userId: UserId, at?: Date): Promise<DisabledUser>;
  /*
   * Admin changes. Each runs in one transaction that locks the acting admin's, the target's and
   * every enabled admin's rows (SELECT … FOR UPDATE, in id order) before checking, so two admins
   * acting at once are serialised by the database and cannot both pass the last-admin guard.
   * Guards: USER_NOT_FOUND; ADMIN_SELF_LOCKOUT (an admin disabling or demoting themselves);
   * LAST_ADMIN (the change would leave no enabled admin); FORBIDDEN_ROLE (the actor is no longer
   * an enabled admin by the time the transaction runs).
   */
  /**
   * Disables (revoking every session in the same transaction) or re-enables the user. Disabling an
   * already disabled user keeps its original `disabledAt` and ends nothing.
   */
  setDisabled(change: { actorId: UserId; userId: UserId; disabled: boolean; at?: Date }): Promise<AdminUserChange>;
  /** Changes the role and revokes every session in the same transaction (no-op for the same role). */
  setRole(change: { actorId: UserId; userId: UserId; role: Role; at?: Date }): Promise<AdminUserChange>;
  /**
   * Sets a new (admin-generated) password hash, marks it must-change, and revokes every session,
   * in one transaction. The user stays disabled if they were.
   */
  resetPassword(change: { actorId: UserId; userId: UserId; passwordHash: string; at?: Date }): Promise<AdminUserChange>;
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
  /** Revokes the family the token belongs to (logout). Returns the family, or null for an unknown token. */
  revokeFamilyOfToken(tokenHash: string, at?: Date): Promise<RevokedFamily | null>;
  /** Revokes every live family of the user; returns those it ended. */
  revokeAllForUser(userId: UserId, at?: Date): Promise<RevokedFamily[]>;
};

/**
 * What was ended recently, for a gateway (re)building its in-memory revocation list at start or
 * after it may have missed announcements: access tokens live minutes, so only recent ones matter.
 */
export type RevocationsRepository = {
  since(since: Date): Promise<{ families: RevokedFamily[]; users: DisabledUser[] }>;
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
  revocations: RevocationsRepository;
  watchlist: WatchlistRepository;
  close(): Promise<void>;
};
