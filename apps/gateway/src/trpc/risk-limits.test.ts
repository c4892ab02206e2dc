import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, ERROR_CODES, paise, type RiskLimits } from '@strikedesk/domain';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, type TradableOption } from '../testing/market-fixtures.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let traderA: GatewayClient;
let traderB: GatewayClient;
let admin: GatewayClient;
let option: TradableOption;

beforeAll(async () => {
  stack = await startTestStack();
  traderA = await signedInUser(stack, 'limits-a', 'trader');
  traderB = await signedInUser(stack, 'limits-b', 'trader');
  admin = await signedInAdmin(stack);
  option = await pickTradableOption(traderA);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const lots = (count: number) => ({ ...marketBuy(option), quantity: count * option.instrument.lotSize });

describe('risk limits', () => {
  it('start at the engine defaults (version 0), which a trader can read for their own account', async () => {
    const meA = await traderA.trpc.auth.me.query();
    expect(await traderA.trpc.risk.limits.query()).toEqual({
      accountId: meA.accountId,
      version: 0,
      limits: DEFAULT_RISK_LIMITS,
      changedBy: null,
      changedAt: 0,
      comment: 'Engine defaults',
    });
    expect(await admin.trpc.admin.risk.limits.list.query()).toEqual([]);
  });

  it("set by an admin, a new version binds the trader's next order, which records the version it was checked against", async () => {
    const meA = await traderA.trpc.auth.me.query();
    const adminMe = await admin.trpc.auth.me.query();
    const before = await traderA.trpc.orders.place.mutate(lots(2));
    expect(before).toMatchObject({ status: 'FILLED', riskLimitsVersion: 0 });

    const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, maxOrderLots: 1, maxOrderValue: paise(5_00_000_00) };
    const version = await admin.trpc.admin.risk.limits.set.mutate({ accountId: meA.accountId, baseVersion: 0, limits, comment: ' one lot at a time ' });
    expect(version).toMatchObject({ accountId: meA.accountId, version: 1, limits, changedBy: adminMe.userId, comment: 'one lot at a time' });
    expect(await traderA.trpc.risk.limits.query()).toEqual(version);

    const denied = await traderA.trpc.orders.place.mutate(lots(2));
    expect(denied).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_MAX_ORDER_QUANTITY', riskLimitsVersion: 1 });
    expect(denied.reasonMessage).toContain(ERROR_CODES.RISK_MAX_ORDER_QUANTITY);
    expect(await traderA.trpc.orders.place.mutate(lots(1))).toMatchObject({ status: 'FILLED', riskLimitsVersion: 1 });
    // Another account keeps its own (default) limits.
    expect(await traderB.trpc.orders.place.mutate(lots(2))).toMatchObject({ status: 'FILLED', riskLimitsVersion: 0 });

    const next = await admin.trpc.admin.risk.limits.set.mutate({ accountId: meA.accountId, baseVersion: 1, limits: { ...limits, maxOrderLots: 3 } });
    expect(next).toMatchObject({ version: 2, comment: '' });
    expect(await traderA.trpc.orders.place.mutate(lots(2))).toMatchObject({ status: 'FILLED', riskLimitsVersion: 2 });

    const history = await admin.trpc.admin.risk.limits.history.query({ accountId: meA.accountId });
    expect(history.map((entry) => entry.version)).toEqual([2, 1, 0]);
    expect(history[0]).toEqual(next);
    expect(await admin.trpc.admin.risk.limits.list.query()).toEqual([next]);
  });

  it('a change based on a stale version is refused with RISK_LIMITS_VERSION_CONFLICT and changes nothing', async () => {
    const meB = await traderB.trpc.auth.me.query();
    const first = await admin.trpc.admin.risk.limits.set.mutate({ accountId: meB.accountId, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, maxOpenOrders: 5 } });
    expect(first.version).toBe(1);
    // A second admin screen still showing version 0.
    const stale = await failureOf(admin.trpc.admin.risk.limits.set.mutate({ accountId: meB.accountId, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, maxOrderLots: 1 } }));
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'RISK_LIMITS_VERSION_CONFLICT', httpStatus: 409 });
    expect(stale.message).toMatch(/version 1/);
    expect(await traderB.trpc.risk.limits.query()).toEqual(first);
  });

  it('refuses invalid limits and accounts nobody owns', async () => {
    const meB = await traderB.trpc.auth.me.query();
    const current = await traderB.trpc.risk.limits.query();
    const negative = await failureOf(
      admin.trpc.admin.risk.limits.set.mutate({ accountId: meB.accountId, baseVersion: current.version, limits: { ...DEFAULT_RISK_LIMITS, maxOrderLots: -1 } }),
    );
    expect(negative).toMatchObject({ appCode: 'VALIDATION_FAILED', message: expect.stringContaining('limits.maxOrderLots') });
    const stranger = '00000000-0000-4000-8000-00000000beef' as typeof meB.accountId;
    expect(await failureOf(admin.trpc.admin.risk.limits.set.mutate({ accountId: stranger, baseVersion: 0, limits: DEFAULT_RISK_LIMITS }))).toMatchObject({
      appCode: 'VALIDATION_FAILED',
      message: `No user has the account ${stranger}.`,
    });
    expect((await admin.trpc.admin.risk.limits.list.query()).map((version) => version.accountId)).not.toContain(stranger);
  });

  it('refuses a Greek limit for an account nobody owns, instead of storing a limit that binds no one', async () => {
    const stranger = '00000000-0000-4000-8000-00000000cafe' as Awaited<ReturnType<typeof traderB.trpc.auth.me.query>>['accountId'];
    const refused = await failureOf(admin.trpc.admin.risk.greekLimits.set.mutate({ accountId: stranger, underlying: 'NIFTY', maxAbsDeltaLots: 5, maxAbsVegaRupees: null }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED', message: `No user has the account ${stranger}.` });
    expect(await admin.trpc.admin.risk.greekLimits.list.query({ accountId: stranger })).toEqual([]);
  });
});
