import { CreatePriceAlertInputSchema, isErrorCode, ModifyPriceAlertInputSchema, MAX_ACTIVE_PRICE_ALERTS, OrderSchema, PriceAlertSchema, TradebookInputSchema, TradebookSchema, TRADEBOOK_MAX_DAYS, TRADEBOOK_MAX_TRADES, type Order } from '@strikedesk/domain';
import { defineRoute, type ApiRoute } from './api-route.ts';
import { createPriceAlert } from '../alerts/create-price-alert.ts';
import { modifyPriceAlert } from '../alerts/modify-price-alert.ts';
import { AlertListSchema, AlertPathSchema, ModifyAlertBodySchema, ModifyOrderBodySchema, OrderListSchema, OrderPathSchema, PlaceOrderBodySchema, PositionListSchema } from './api-schemas.ts';
import { orderAnswersRequest, reusedClientOrderIdMessage } from './client-order-id-reuse.ts';
import { errorReply, type RestReply } from './rest-reply.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * A new order our risk checks refused is still recorded (status DENIED, visible in the orderbook),
 * but a REST client should not have to inspect a 201 to learn it was refused: it gets the error
 * status of the denial's code, the code and message, and the recorded order.
 */
function placedReply(order: Order): RestReply {
  if (order.status !== 'DENIED') return { status: 201, body: order };
  const message = order.reasonMessage ?? undefined;
  return isErrorCode(order.reasonCode)
    ? errorReply(order.reasonCode, { message, extra: { order } })
    : errorReply('VALIDATION_FAILED', { message, extra: { order }, status: 'UNPROCESSABLE_CONTENT' });
}

const ORDER_CHANGE_ERRORS = ['ORDER_NOT_FOUND', 'ORDER_NOT_MODIFIABLE', 'ORDER_NOT_CANCELABLE', 'MARKET_CLOSED', 'KILL_SWITCH_ENGAGED'] as const;

/** What the order's shape is refused with (validateOrderSpec): a new order's, and a modified one's new shape. */
const ORDER_SHAPE_ERRORS = [
  'CONTRACT_EXPIRED',
  'PRICE_REQUIRED',
  'PRICE_NOT_ALLOWED',
  'PRICE_NOT_ON_TICK',
  'TRIGGER_PRICE_REQUIRED',
  'TRIGGER_PRICE_INVALID',
] as const;

/**
 * What the engine's pre-trade checks refuse a new order with — and a modification, which is checked
 * as a new order of its new shape (docs/contracts.md, orders.modify). One list, so the document
 * names every code a client can meet at 412 / 429.
 */
const RISK_AND_HALT_ERRORS = [
  'MARKET_CLOSED',
  'INTRADAY_CUTOFF',
  'NO_MARKET_PRICE',
  'STOP_TRIGGER_CROSSED',
  'RISK_MAX_ORDER_QUANTITY',
  'RISK_MAX_ORDER_VALUE',
  'RISK_MAX_OPEN_ORDERS',
  'RISK_MAX_POSITION_INSTRUMENT',
  'RISK_MAX_POSITION_UNDERLYING',
  'RISK_PRICE_BAND',
  'RISK_ORDER_RATE',
  'RISK_BROKER_MINUTE_CAP',
  'RISK_BROKER_DAY_CAP',
  'RISK_DAILY_LOSS',
  'RISK_DELTA_LIMIT',
  'RISK_VEGA_LIMIT',
  'KILL_SWITCH_ENGAGED',
  'ACCOUNT_BLOCKED_RECONCILIATION',
] as const;

// The account is always the key owner's own; no path or body names one, and the engine refuses an
// order id outside it (ORDER_NOT_FOUND).
export const API_V1_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/orders',
    operationId: 'listOrders',
    tag: 'Orders',
    summary: 'List orders',
    description:
      "Today's orders of the key owner's account (since 00:00 IST) and every order still working from an earlier day, newest first, with status, fills and the reason of any denial or rejection. " +
      'An older order is read by its id (getOrder).',
    scope: 'read',
    success: { status: 200, description: 'The orders.', schema: OrderListSchema },
    errors: [],
    run: async ({ caller, services }) => ({ status: 200, body: { orders: await services.engine.listOrders(caller.user.accountId) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/orders/{orderId}',
    operationId: 'getOrder',
    tag: 'Orders',
    summary: 'Get one order',
    description: "One order of the key owner's account as it stands now, from any day: what a program polls to follow an order it placed.",
    scope: 'read',
    pathParams: OrderPathSchema,
    success: { status: 200, description: 'The order.', schema: OrderSchema },
    errors: ['ORDER_NOT_FOUND'],
    run: async ({ caller, params, services }) => ({
      status: 200,
      body: (await services.engine.orderHistory({ accountId: caller.user.accountId, orderId: params.orderId })).order,
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/orders',
    operationId: 'placeOrder',
    tag: 'Orders',
    summary: 'Place an order',
    description:
      'Places an order through the same pre-trade risk checks as the terminal (origin API). Quantity is in units (a multiple of the lot size), prices in integer paise. ' +
      'Send a clientOrderId to make retries safe: the same id with the same order returns that order, placed once. An id stays bound to its order for good: ' +
      'the same id with a different order is refused with 409 DUPLICATE_CLIENT_ORDER_ID and the order it names. ' +
      'Unknown fields are refused (400), so a misspelt field cannot go unnoticed. An order the risk checks refuse is recorded as DENIED and answered with the ' +
      'status of its code (e.g. 412 for RISK_*), the code, the message and the order.',
    scope: 'trade',
    body: PlaceOrderBodySchema,
    success: { status: 201, description: 'The order as accepted by the engine (it may already be FILLED, or REJECTED by the broker).', schema: OrderSchema },
    errors: [
      'INSTRUMENT_NOT_FOUND',
      'INSTRUMENT_NOT_TRADABLE',
      'QUANTITY_NOT_LOT_MULTIPLE',
      ...ORDER_SHAPE_ERRORS,
      ...RISK_AND_HALT_ERRORS,
      'DUPLICATE_CLIENT_ORDER_ID',
    ],
    run: async ({ caller, body, services }) => {
      const { accountId, userId } = caller.user;
      const order = await services.engine.submitOrder({ accountId, userId, order: body, origin: 'API' });
      if (body.clientOrderId !== undefined && !(await orderAnswersRequest(services.engine, accountId, order, body))) {
        return errorReply('DUPLICATE_CLIENT_ORDER_ID', { message: reusedClientOrderIdMessage(order), extra: { order } });
      }
      return placedReply(order);
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/v1/orders/{orderId}',
    operationId: 'modifyOrder',
    tag: 'Orders',
    summary: 'Modify a working order',
    description:
      'Changes quantity, price, trigger price or type of an open order (at least one of them; unknown fields are refused). The change is risk-checked like a new order; a refusal leaves the order as it was.',
    scope: 'trade',
    pathParams: OrderPathSchema,
    body: ModifyOrderBodySchema,
    success: { status: 200, description: 'The order with the modification requested (PENDING_MODIFY until the broker confirms).', schema: OrderSchema },
    errors: [...ORDER_CHANGE_ERRORS, 'MODIFY_BELOW_FILLED', 'MODIFY_ABOVE_FREEZE_QUANTITY', ...ORDER_SHAPE_ERRORS, ...RISK_AND_HALT_ERRORS],
    run: async ({ caller, params, body, services }) => ({
      status: 200,
      body: await services.engine.modifyOrder({ accountId: caller.user.accountId, userId: caller.user.userId, modify: { ...body, orderId: params.orderId } }),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/v1/orders/{orderId}',
    operationId: 'cancelOrder',
    tag: 'Orders',
    summary: 'Cancel a working order',
    description: 'Asks the broker to cancel the order. The order stays in the list, CANCELED once the broker confirms.',
    scope: 'trade',
    pathParams: OrderPathSchema,
    success: { status: 200, description: 'The order with its cancellation requested.', schema: OrderSchema },
    errors: ORDER_CHANGE_ERRORS,
    run: async ({ caller, params, services }) => ({
      status: 200,
      body: await services.engine.cancelOrder({ accountId: caller.user.accountId, userId: caller.user.userId, cancel: { orderId: params.orderId } }),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/trades',
    operationId: 'listTrades',
    tag: 'Trades',
    summary: 'List trades (the tradebook)',
    description:
      `Every fill of the key owner's account executed from \`from\` to \`to\` (IST dates, YYYY-MM-DD, both included; at most ${TRADEBOOK_MAX_DAYS} days), oldest first: ` +
      'trade id, order, instrument, side, product, quantity, price and exact value (paise), execution time, origin and strategy or portfolio. An order filled in parts is one trade per part. ' +
      `\`instruments\` holds the definition of each instrument traded, while one is known (a contract long expired may be missing: its id still names exchange and symbol). At most ${TRADEBOOK_MAX_TRADES.toLocaleString('en-IN')} trades per answer (TRADEBOOK_TOO_LARGE: ask for fewer days).`,
    scope: 'read',
    query: TradebookInputSchema,
    success: { status: 200, description: 'The tradebook.', schema: TradebookSchema },
    errors: ['TRADEBOOK_RANGE_INVALID', 'TRADEBOOK_RANGE_TOO_LONG', 'TRADEBOOK_TOO_LARGE'],
    run: async ({ caller, query, services }) => ({ status: 200, body: await services.engine.tradebook({ accountId: caller.user.accountId, ...query }) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/positions',
    operationId: 'listPositions',
    tag: 'Positions',
    summary: 'List positions',
    description: "Net positions of the key owner's account, marked at the last price: quantities, FIFO cost, realized, unrealized and day P&L (paise).",
    scope: 'read',
    success: { status: 200, description: 'The positions.', schema: PositionListSchema },
    errors: [],
    run: async ({ caller, services }) => ({ status: 200, body: { positions: await services.engine.listPositions(caller.user.accountId) } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/alerts',
    operationId: 'listAlerts',
    tag: 'Alerts',
    summary: 'List price alerts and GTTs',
    description:
      "The key owner's price alerts (a user's, across their accounts), newest first: every active one and the latest ended ones. A GTT carries `order` and its `accountId`; once fired, `orderOutcome` says " +
      'what became of its order (ORDER with the order id and status, or NOT_PLACED and why). A leg of an OCO pair names the other in `ocoWith`.',
    scope: 'read',
    success: { status: 200, description: 'The alerts.', schema: AlertListSchema },
    errors: [],
    run: async ({ caller, services }) => ({ status: 200, body: { alerts: await services.priceAlerts.listOf(caller.user.userId) } }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/alerts',
    operationId: 'createAlert',
    tag: 'Alerts',
    summary: 'Set a price alert, a GTT or an OCO pair',
    description:
      'An alert fires once when the last price is at or above (ABOVE) or at or below (BELOW) `price` (paise). With `order` it is a GTT: that order (LIMIT with a price, or MARKET; ' +
      "quantity in units) is placed in the key's account when it fires, in market hours, through every pre-trade check. With `oco` as well, a second leg on the other side with its own " +
      `order: the one that fires first cancels the other. A level already reached is refused (PRICE_ALERT_ALREADY_MET); at most ${MAX_ACTIVE_PRICE_ALERTS} active per user.`,
    scope: 'trade',
    body: CreatePriceAlertInputSchema,
    success: { status: 201, description: 'The alert (for a pair, the first leg; the second is in the list, named by `ocoWith`).', schema: PriceAlertSchema },
    errors: ['INSTRUMENT_NOT_FOUND', 'INSTRUMENT_NOT_TRADABLE', 'CONTRACT_EXPIRED', 'PRICE_ALERT_ALREADY_MET', 'PRICE_ALERT_LIMIT_REACHED', 'QUANTITY_NOT_LOT_MULTIPLE', 'PRICE_REQUIRED', 'PRICE_NOT_ALLOWED', 'PRICE_NOT_ON_TICK'],
    run: async ({ caller, body, services }) => ({ status: 201, body: await createPriceAlert(services, caller.user, body) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/v1/alerts/{alertId}',
    operationId: 'modifyAlert',
    tag: 'Alerts',
    summary: 'Change a price alert or GTT (e.g. trail a stop-loss)',
    description:
      'A new level (`price`, not already reached), `note`, or a GTT\'s `order` for an active alert — at least one. The condition and an OCO pairing stay; a leg of a pair keeps the ' +
      '"at or above" level above the "at or below" one. A plain alert takes no `order` (set a GTT instead).',
    scope: 'trade',
    pathParams: AlertPathSchema,
    body: ModifyAlertBodySchema,
    success: { status: 200, description: 'The alert as changed.', schema: PriceAlertSchema },
    errors: ['PRICE_ALERT_NOT_FOUND', 'PRICE_ALERT_NOT_ACTIVE', 'PRICE_ALERT_ALREADY_MET', 'QUANTITY_NOT_LOT_MULTIPLE', 'PRICE_REQUIRED', 'PRICE_NOT_ALLOWED', 'PRICE_NOT_ON_TICK'],
    run: async ({ caller, params, body, services }) => ({ status: 200, body: await modifyPriceAlert(services, caller.user, ModifyPriceAlertInputSchema.parse({ ...body, id: params.alertId })) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/v1/alerts/{alertId}',
    operationId: 'cancelAlert',
    tag: 'Alerts',
    summary: 'Cancel a price alert or GTT',
    description: 'Cancels an active alert of the key owner — both legs of an OCO pair. An order a GTT already placed is an ordinary order: cancel it with cancelOrder.',
    scope: 'trade',
    pathParams: AlertPathSchema,
    success: { status: 200, description: 'The alert, CANCELLED.', schema: PriceAlertSchema },
    errors: ['PRICE_ALERT_NOT_FOUND', 'PRICE_ALERT_NOT_ACTIVE'],
    run: async ({ caller, params, services }) => ({ status: 200, body: await services.priceAlerts.cancel(caller.user.userId, params.alertId) }),
  }),
];
