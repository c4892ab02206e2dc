/**
 * Stable error codes a user can cause, with the message a trader reads. Codes never change meaning;
 * the gateway maps them to tRPC/HTTP errors, the web shows the message.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'The request is not valid.',
  UNAUTHENTICATED: 'Please log in.',
  INVALID_CREDENTIALS: 'Wrong username or password.',
  SESSION_EXPIRED: 'Your session has ended. Please log in again.',
  /** An access token whose session was ended (logout, password change) or whose user was disabled. */
  SESSION_REVOKED: 'This session was ended (logged out, password changed, or disabled by an admin). Please log in again.',
  FORBIDDEN_ROLE: 'Your role does not allow this.',
  VIEWER_CANNOT_TRADE: 'Your account is view-only: viewers cannot place, modify or cancel orders.',
  ORDER_NOT_FOUND: 'No such order in your account.',
  INSTRUMENT_NOT_FOUND: 'Unknown instrument.',
  INSTRUMENT_NOT_TRADABLE: 'This instrument cannot be traded (indices are not tradable).',
  /** A contract past its expiry: positions held to it are settled by the engine at the expiry close (ADR 0010). */
  CONTRACT_EXPIRED: 'This contract has expired and can no longer be traded. A position held to expiry is settled at the expiry-day close.',
  QUANTITY_NOT_LOT_MULTIPLE: 'Quantity must be a whole number of lots.',
  PRICE_REQUIRED: 'This order type needs a price.',
  TRIGGER_PRICE_REQUIRED: 'This order type needs a trigger price.',
  PRICE_NOT_ON_TICK: 'Price must be a multiple of the tick size.',
  PRICE_NOT_ALLOWED: 'Market orders take no price.',
  TRIGGER_PRICE_INVALID: 'Trigger price is on the wrong side of the limit price.',
  ORDER_NOT_MODIFIABLE: 'This order can no longer be modified.',
  ORDER_NOT_CANCELABLE: 'This order can no longer be cancelled.',
  MODIFY_BELOW_FILLED: 'Cannot reduce quantity below what is already filled.',
  DUPLICATE_CLIENT_ORDER_ID: 'An order with this client order id already exists.',
  MARKET_CLOSED: 'The market is closed.',
  INTRADAY_CUTOFF: 'Intraday (MIS) positions are squared off for the day; an MIS order may now only reduce an open MIS position. Place it as NRML instead.',
  RISK_DELTA_LIMIT: 'This order would take your net delta beyond the limit set for this underlying.',
  RISK_VEGA_LIMIT: 'This order would take your net vega beyond the limit set for this underlying.',
  EXPIRY_NOT_FOUND: 'No such expiry is listed for this underlying.',
  RISK_MAX_ORDER_QUANTITY: 'This order is larger than the maximum order size set for your account.',
  RISK_MAX_ORDER_VALUE: 'This order is worth more than the maximum order value set for your account.',
  RISK_MAX_OPEN_ORDERS: 'You have as many open orders as your account allows. Cancel some first.',
  RISK_MAX_POSITION_INSTRUMENT: 'This order would take your position in this instrument beyond its limit.',
  RISK_MAX_POSITION_UNDERLYING: 'This order would take your position in this underlying beyond its limit.',
  RISK_PRICE_BAND: 'The price is too far from the last traded price (fat-finger guard).',
  RISK_ORDER_RATE: 'Too many orders per second on this exchange segment. Wait a moment.',
  RISK_BROKER_MINUTE_CAP: "You have reached the broker's orders-per-minute limit. Wait a minute.",
  RISK_BROKER_DAY_CAP: "You have reached the broker's orders-per-day limit.",
  RISK_DAILY_LOSS: 'The daily loss limit is reached: only orders that reduce your positions are allowed today.',
  RISK_LIMITS_VERSION_CONFLICT: 'Someone changed these limits meanwhile. Reload and apply your change again.',
  KILL_SWITCH_ENGAGED: 'Trading is halted by the kill switch. An admin must release it.',
  ACCOUNT_BLOCKED_RECONCILIATION: 'Trading is blocked: the broker reported orders or trades the engine cannot explain. An admin must review them.',
  TRADEBOOK_RANGE_INVALID: 'The start date is after the end date.',
  TRADEBOOK_RANGE_TOO_LONG: 'Choose a shorter period: at most 366 days at a time.',
  /** More trades than one answer carries (TRADEBOOK_MAX_TRADES): the trader narrows the dates. */
  TRADEBOOK_TOO_LARGE: 'Too many trades in these dates for one download: choose a shorter period.',
  PRICE_ALERT_NOT_FOUND: 'No such price alert of yours.',
  PRICE_ALERT_NOT_ACTIVE: 'This price alert has already fired or been cancelled.',
  PRICE_ALERT_LIMIT_REACHED: 'You have 100 active price alerts, the most there can be: cancel some first.',
  /** The level is already reached: the alert would fire at once (usually a typo or the wrong side). */
  PRICE_ALERT_ALREADY_MET: 'The price is already at or past this level: the alert would fire at once.',
  /** A fired GTT whose order was not placed in time (the engine was down): not placed late. */
  GTT_ORDER_TOO_LATE: 'The engine was not running when this alert fired, so its order was not placed later: the price may have moved far since.',
  /** A fired GTT whose owner is disabled, view-only, or no longer holds the account. */
  GTT_OWNER_CANNOT_TRADE: 'The order was not placed: its owner is disabled or view-only, or no longer has this account.',
  HALT_NOT_FOUND: 'No such active halt.',
  NOTHING_TO_SQUARE_OFF: 'There is no open position to square off.',
  EXIT_WOULD_OPEN_POSITION: 'This exit is larger than the position it may close (what the account holds, less the exits already working on it): it would open a new position the other way. Nothing was sent.',
  NO_MARKET_PRICE: 'No market price yet for this instrument.',
  /** A stop whose trigger the last price has already crossed would trigger at once; brokers (Kite) refuse it. */
  STOP_TRIGGER_CROSSED: 'A stop order’s trigger must be beyond the last price: above it for a buy, below it for a sell.',
  MODIFY_ABOVE_FREEZE_QUANTITY: 'A modification cannot take one order above the exchange freeze quantity. Place another order for the rest.',
  BROKER_NOT_RECEIVED: 'The broker has no record of this order, so it was not placed. Place it again if you still want it.',
  BROKER_MODIFY_NOT_CONFIRMED: 'The broker did not apply this modification; the order keeps its previous terms.',
  /** Engine → gateway only: the resume point is past the journal's end (e.g. a reset database). */
  EVENT_STREAM_AHEAD: 'The event stream position is ahead of the engine journal; resubscribe from the live end.',
  ENGINE_UNAVAILABLE: 'The trading engine is not reachable. Your request was not sent; try again.',
  RATE_LIMITED: 'Too many requests. Slow down and try again.',
  CROSS_SITE_REQUEST: 'This request came from another website and was refused. Open the terminal at its own address.',
  USERNAME_TAKEN: 'That username is taken.',
  WEAK_PASSWORD: 'Password must be at least 10 characters.',
  CURRENT_PASSWORD_WRONG: 'Your current password is not correct.',
  /** Admin → Users (docs/runbook.md "Users"). */
  USER_NOT_FOUND: 'No such user.',
  /** Told only to someone who typed the right password: a wrong one stays INVALID_CREDENTIALS. */
  USER_DISABLED: 'This account is disabled. Ask an admin to enable it.',
  ADMIN_SELF_LOCKOUT: 'You cannot disable your own account or take away your own admin role. Ask another admin to do it.',
  LAST_ADMIN: 'This is the last enabled admin: make another user an admin first, so someone can still run the terminal.',
  STRATEGY_NOT_FOUND: 'No such strategy.',
  STRATEGY_VERSION_CONFLICT: 'Someone changed this strategy meanwhile. Reload and apply your change again.',
  /** A mode, instrument or product change would strand what the strategy holds (ADR 0015). */
  STRATEGY_HAS_EXPOSURE: "Close the strategy's position and cancel its working orders first: after this change its exit alerts would no longer find them.",
  WEBHOOK_NOT_FOUND: 'Not found.',
  WEBHOOK_MALFORMED_BODY: 'The alert message could not be read.',
  WEBHOOK_UNSUPPORTED_MEDIA_TYPE: 'Send the alert message as application/json or text/plain.',
  WEBHOOK_BODY_TOO_LARGE: 'The alert message is too large (at most 16 KB).',
  WEBHOOK_UNKNOWN_ACTION: 'Unknown action: use buy, sell, exit, reverse or target.',
  WEBHOOK_INVALID_QUANTITY: 'The quantity in the alert is not valid.',
  WEBHOOK_PLACEHOLDER_UNFILLED: 'The alert message still holds a TradingView placeholder.',
  WEBHOOK_UNKNOWN_SYMBOL: 'The alert names a ticker this strategy cannot map to an instrument.',
  WEBHOOK_SYMBOL_MISMATCH: "The alert's ticker is for a different underlying than the strategy's.",
  WEBHOOK_BAD_PASSPHRASE: 'Wrong or missing passphrase.',
  WEBHOOK_IP_NOT_ALLOWED: "This address may not post to the strategy's webhook.",
  WEBHOOK_OWNER_CANNOT_TRADE: "The strategy's owner is disabled or may no longer trade: the alert was recorded and not traded.",
  SIGNAL_TOO_OLD: 'The alert waited longer than the strategy allows (the engine was down): it was not traded.',
  WEBHOOK_STRATEGY_DISABLED: 'The strategy is disabled: the alert was recorded and not traded.',
  WEBHOOK_OUTSIDE_WINDOW: "The alert came outside the strategy's accepted time window.",
  WEBHOOK_RATE_LIMITED: "Too many alerts for this strategy in the last minute.",
  WEBHOOK_DAILY_CAP: 'The strategy has received its maximum number of signals for today.',
  SIGNAL_NOT_FOUND: 'No such signal.',
  SIGNAL_INVALID_QUANTITY: 'The quantity in the alert is not a whole number of lots.',
  SIGNAL_ORDER_SIZE_LIMIT: "The order is larger than the strategy's per-order limit.",
  SIGNAL_POSITION_LIMIT: "The order would take the strategy's position beyond its limit.",
  SIGNAL_NO_PRICE: 'No market price for the instrument, so a limit price could not be set.',
  API_KEY_INVALID: 'The API key is missing, wrong or revoked.',
  API_KEY_SCOPE: 'This API key does not have the scope this request needs.',
  API_KEY_NOT_FOUND: 'No such API key.',
  PORTFOLIO_NOT_FOUND: 'No such portfolio.',
  SIGNAL_PORTFOLIO_ACTION: 'A portfolio strategy takes buy/sell (enter) and exit alerts; reverse and target position are for single-instrument strategies.',
  PORTFOLIO_VERSION_CONFLICT: 'The portfolio was changed elsewhere; reload it and try again.',
  PORTFOLIO_BUSY: 'The portfolio is running (waiting for entry, entering, active or exiting): stop or exit it first.',
  PORTFOLIO_NOT_RUNNING: 'The portfolio is not running.',
  PORTFOLIO_NOT_ACTIVE: 'The portfolio holds no position to exit.',
  PORTFOLIO_HAS_POSITIONS: 'The portfolio still holds positions: exit it before deleting it.',
  PORTFOLIO_LIMIT: 'You have reached the maximum number of portfolios.',
  PORTFOLIO_LEG_NOT_FILLED: 'A leg order was not filled after its re-prices.',
  PORTFOLIO_LEG_STUCK: 'A leg order could not be cancelled in time; check the order book.',
  PORTFOLIO_LEG_CANCELED: 'A leg order was cancelled outside the portfolio (a kill switch or a square-off); it was not sent again.',
  PORTFOLIO_STRIKE_NOT_LISTED: 'No listed strike matches what a portfolio leg asks for.',
  /** Broker adapters (Kite, XTS): what the broker answered, in a trader's words. */
  BROKER_SESSION_EXPIRED: 'The broker session has ended (brokers log everyone out daily, or you logged in elsewhere). Reconnect the broker account.',
  BROKER_INPUT_REJECTED: 'The broker refused the request: a value was missing or not valid.',
  BROKER_ORDER_REJECTED: 'The broker rejected the order.',
  BROKER_PERMISSION_DENIED: 'The broker does not allow this for your account or API app.',
  BROKER_RATE_LIMITED: "Too many requests to the broker right now, so this one was not carried out. Try again in a moment.",
  BROKER_UNAVAILABLE: 'The broker could not be reached or did not answer in time. If this was an order, check the order book before placing it again.',
  BROKER_BAD_RESPONSE: 'The broker sent an answer the terminal could not read. If this was an order, check the order book before placing it again.',
  BROKER_NOT_SUPPORTED: 'This broker does not support that.',
  BROKER_NOT_CONNECTED: 'Your broker account is not connected, so nothing was sent. Connect it (Settings → Broker) or ask an admin.',
  BROKER_LOGIN_FAILED: 'The broker login did not complete (the link expired or was already used). Start "Connect" again.',
  BROKER_POSTBACK_FORGED: 'This order update did not come from the broker: its checksum is wrong.',
  BROKER_CLIENT_ID_REQUIRED:
    'This XTS login is a dealer login: it trades for a client, and XTS refuses its orders without one. An admin must set the client id (client code) on the broker account (Admin → Broker accounts → Edit), then Reconnect.',
  /** Admin: broker accounts (docs/adr/0018-broker-secrets-envelope-encryption.md). */
  BROKER_ACCOUNT_NOT_FOUND: 'No such broker account.',
  BROKER_ACCOUNT_NAME_TAKEN: 'A broker account with this name already exists.',
  BROKER_ACCOUNT_CHANGED: 'Someone changed this broker account while you were editing it. Close the dialog, open the account again and redo your change.',
  BROKER_ACCOUNT_STILL_ENABLED: 'Disable the broker account before removing it.',
  BROKER_ACCOUNT_TRADER_INVALID: 'Only active traders (and admins) can be assigned a broker account.',
  BROKER_ACCOUNT_ALREADY_ASSIGNED: 'A broker account trades for one trader, and a trader through one broker account: unassign the other first.',
  PUBLIC_URL_MISSING: 'The server does not know the address browsers reach it at, so it cannot start a broker login (the broker sends you back to that address). An admin must set PUBLIC_URL (see the README).',
  BROKER_SECRETS_KEY_MISSING: 'Broker secrets cannot be saved: the server has no master key (set STRIKEDESK_MASTER_KEYS or STRIKEDESK_MASTER_KEY_FILE; see the runbook).',
  INTERNAL: 'Something went wrong on our side. Nothing was changed.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);

/** An error a user caused, carrying a stable code. Thrown by domain checks, mapped at each edge. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
