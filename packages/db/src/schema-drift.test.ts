import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, type PrismaClient } from './prisma.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

/**
 * The SQL migrations are written by hand (ADR 0004), so this test is what keeps them and
 * prisma/schema.prisma in step: every model is written and read through Prisma against a database
 * built only from the migrations. A column or type Prisma expects but the SQL lacks fails here.
 */
describe('Prisma schema matches the committed migrations', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrisma(database.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it('round-trips every model and relation', async () => {
    const user = await prisma.user.create({
      data: {
        id: crypto.randomUUID(),
        username: 'drift-check',
        passwordHash: 'x',
        role: 'viewer',
        disabledAt: new Date(0),
        accounts: { create: { id: crypto.randomUUID(), name: 'Paper', broker: 'paper' } },
        sessions: {
          create: {
            id: crypto.randomUUID(),
            familyId: crypto.randomUUID(),
            tokenHash: 'hash',
            expiresAt: new Date(1),
            rotatedAt: new Date(2),
            revokedAt: new Date(3),
            userAgent: 'ua',
          },
        },
        watchlistItems: { create: { instrumentId: 'NSE:NIFTY 50', position: 0 } },
      },
      include: { accounts: true, sessions: true, watchlistItems: true },
    });
    await prisma.apiKey.create({
      data: { id: crypto.randomUUID(), userId: user.id, accountId: user.accounts[0]!.id, name: 'bot', prefix: 'drift0000001', secretHash: 'hash', scopes: ['read', 'trade'], lastUsedAt: new Date(4), revokedAt: new Date(6) },
    });
    expect(user.mustChangePassword).toBe(false);
    expect(user.accounts).toHaveLength(1);
    expect(user.sessions[0]?.revokedAt).toEqual(new Date(3));
    expect(user.watchlistItems[0]?.instrumentId).toBe('NSE:NIFTY 50');
    const [apiKey] = await prisma.account.findUniqueOrThrow({ where: { id: user.accounts[0]!.id } }).apiKeys();
    expect(apiKey).toMatchObject({ userId: user.id, scopes: ['read', 'trade'], lastUsedAt: new Date(4), revokedAt: new Date(6) });
    expect(apiKey?.createdAt).toBeInstanceOf(Date);

    const alert = await prisma.priceAlert.create({
      data: { id: crypto.randomUUID(), userId: user.id, instrumentId: 'NFO:NIFTY26DECFUT', condition: 'ABOVE', price: 2_620_000n, note: 'breakout', status: 'TRIGGERED', triggeredAt: new Date(7), triggeredPrice: 2_620_050n, cancelledAt: new Date(8) },
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } }).priceAlerts()).toEqual([expect.objectContaining({ id: alert.id, price: 2_620_000n, triggeredPrice: 2_620_050n, createdAt: expect.any(Date) })]);
    const gtt = await prisma.priceAlert.create({
      data: {
        id: crypto.randomUUID(), userId: user.id, accountId: user.accounts[0]!.id, instrumentId: 'NFO:NIFTY26DECFUT', condition: 'BELOW', price: 2_600_000n,
        orderSpec: { side: 'SELL', product: 'NRML', type: 'MARKET', quantity: 75, price: null }, orderOutcome: { kind: 'NOT_PLACED', code: 'GTT_ORDER_TOO_LATE', message: 'late' }, status: 'EXPIRED', expiredAt: new Date(9),
      },
    });
    expect(await prisma.account.findUniqueOrThrow({ where: { id: user.accounts[0]!.id } }).priceAlerts()).toEqual([expect.objectContaining({ id: gtt.id, orderSpec: expect.objectContaining({ quantity: 75 }), orderOutcome: expect.objectContaining({ kind: 'NOT_PLACED' }) })]);

    const event = await prisma.engineEvent.create({
      data: { seq: 1n, accountId: user.accounts[0]!.id, orderId: 'o', clientOrderId: 'c', type: 'OrderAccepted', payload: { a: 1 } },
    });
    expect(event.seq).toBe(1n);
    const tick = await prisma.marketTick.create({
      data: { instrumentId: 'NSE:NIFTY 50', ts: new Date(5), lastPrice: 100n, volume: 1n, openInterest: 2n },
    });
    expect(tick.lastPrice).toBe(100n);
    const limit = await prisma.greekLimit.create({
      data: { accountId: crypto.randomUUID(), underlying: 'NIFTY', maxAbsDeltaLots: 2.5, maxAbsVegaRupees: null, updatedBy: crypto.randomUUID() },
    });
    expect(limit.maxAbsDeltaLots).toBe(2.5);
    expect(limit.maxAbsVegaRupees).toBeNull();
    expect(limit.updatedAt).toBeInstanceOf(Date);
    const vegaOnly = await prisma.greekLimit.update({
      where: { accountId_underlying: { accountId: limit.accountId, underlying: 'NIFTY' } },
      data: { maxAbsDeltaLots: null, maxAbsVegaRupees: 12_345.5 },
    });
    expect(vegaOnly.maxAbsVegaRupees).toBe(12_345.5);

    const limits = await prisma.riskLimitsVersion.create({
      data: { accountId: user.accounts[0]!.id, version: 1, limits: { maxOrderLots: 10 }, changedBy: user.id, comment: 'first' },
    });
    expect(limits.changedAt).toBeInstanceOf(Date);
    expect(limits.limits).toEqual({ maxOrderLots: 10 });
    const halt = await prisma.tradingHalt.create({
      data: { scope: 'ACCOUNT', accountId: user.accounts[0]!.id, kind: 'KILL_SWITCH', reason: 'drift', engagedBy: user.id, details: { canceled: [] } },
    });
    expect(halt.id).toBeGreaterThan(0);
    expect(halt.flatten).toBe(false);
    const released = await prisma.tradingHalt.update({ where: { id: halt.id }, data: { releasedBy: user.id, releasedAt: new Date(9), releaseNote: 'ok' } });
    expect(released.releasedAt).toEqual(new Date(9));
    await expect(prisma.tradingHalt.create({ data: { scope: 'GLOBAL', accountId: user.accounts[0]!.id, kind: 'KILL_SWITCH', reason: 'x' } })).rejects.toThrow();
    const part = await prisma.engineSnapshot.create({ data: { seq: 5n, part: 0, format: 2, state: Buffer.from('abc') } });
    expect(Buffer.from(part.state).toString()).toBe('abc');
    const rule = await prisma.engineFoldRule.create({ data: { rule: 'books-closed-outside', fromSeq: 13n } });
    expect([rule.rule, rule.fromSeq, rule.createdAt instanceof Date]).toEqual(['books-closed-outside', 13n, true]);
    const listed = await prisma.listedInstrument.create({ data: { id: 'NFO:NIFTY26D1524000CE', definition: { lotSize: 75 }, expiry: new Date('2026-12-15'), listedOn: new Date('2026-12-09') } });
    expect([listed.definition, listed.expiry.toISOString().slice(0, 10)]).toEqual([{ lotSize: 75 }, '2026-12-15']);

    const strategy = await prisma.strategy.create({
      data: {
        id: crypto.randomUUID(),
        userId: user.id,
        accountId: user.accounts[0]!.id,
        name: 'drift',
        template: 'TV_INSTRUMENT',
        version: 1,
        tokenHash: 'token-hash',
        tokenHint: 'abcd',
        versions: { create: { version: 1, config: { a: 1 }, changedBy: user.id } },
        signals: {
          create: {
            strategyVersion: 1,
            userId: user.id,
            status: 'ACCEPTED',
            contentType: 'text/plain',
            body: 'buy 1',
            dedupeKey: 'body:x',
            orderIds: ['o-1'],
            events: { create: { stage: 'RECEIVED', detail: { sourceIp: '1.2.3.4' } } },
          },
        },
      },
      include: { versions: true, signals: { include: { events: true } } },
    });
    expect(strategy).toMatchObject({ enabled: false, mode: 'PAPER', passphraseHash: null });
    expect(strategy.signals[0]).toMatchObject({ duplicates: 0, attempts: 0, orderIds: ['o-1'], parsed: null });
    expect(typeof strategy.signals[0]!.id).toBe('bigint');
    expect(strategy.signals[0]!.events[0]).toMatchObject({ stage: 'RECEIVED', detail: { sourceIp: '1.2.3.4' } });
    await expect(prisma.signal.create({ data: { strategyId: strategy.id, strategyVersion: 1, userId: user.id, status: 'QUEUED', contentType: 'x', body: 'x', dedupeKey: 'x' } })).rejects.toThrow();
    const notifications = await prisma.notificationSettings.create({ data: { userId: user.id, telegramChatId: '123' } });
    expect(notifications.notifyStatuses).toEqual(['REJECTED', 'FAILED']);
    const portfolio = await prisma.portfolio.create({
      data: {
        id: 'pfdrift01',
        userId: user.id,
        accountId: crypto.randomUUID(),
        name: 'Condor',
        definition: { legs: [] },
        status: 'DRAFT',
        runtime: { entries: 0 },
        actions: { create: { at: new Date(), kind: 'ARMED', message: 'armed', snapshot: { mtm: 0 } } },
      },
      include: { actions: true },
    });
    expect(portfolio).toMatchObject({ version: 1, statusReason: null });
    expect(portfolio.actions[0]).toMatchObject({ kind: 'ARMED', detail: {} });
    await expect(prisma.portfolio.create({ data: { id: 'pfdrift02', userId: user.id, accountId: user.id, name: 'x', definition: {}, status: 'ARMED', runtime: {} } })).rejects.toThrow();

    const brokerAccount = await prisma.brokerAccount.create({
      data: {
        id: crypto.randomUUID(),
        name: 'Drift XTS',
        broker: 'XTS',
        rootUrl: 'https://xts.example.in',
        marketDataUrl: 'https://md.example.in',
        clientId: 'C1',
        interactiveAppKey: 'ia',
        marketDataAppKey: 'md',
        apiKey: null,
        apiUrl: null,
        loginUrl: null,
        tickerUrl: null,
        statusMessage: 'ok',
        lastTickAt: new Date(10),
        lastReconciledAt: new Date(11),
        lastReconciliation: { eventsRecovered: 0, mismatches: 0, blocked: false },
        marketData: true,
        marketDataStatus: 'Streaming',
        instrumentMaster: { create: { fetchedAt: new Date(12), contracts: [{ id: 'NFO:NIFTY26DECFUT' }] } },
        secrets: {
          create: {
            field: 'interactive_secret',
            ciphertext: Buffer.from('c'),
            iv: Buffer.alloc(12),
            tag: Buffer.alloc(16),
            wrappedKey: Buffer.alloc(32),
            wrappedKeyIv: Buffer.alloc(12),
            wrappedKeyTag: Buffer.alloc(16),
            masterKeyId: 'k1',
          },
        },
        assignments: { create: { userId: user.id } },
      },
      include: { secrets: true, assignments: true, instrumentMaster: true },
    });
    expect(brokerAccount).toMatchObject({ enabled: true, connection: 'NEVER_CONNECTED', lastTickAt: new Date(10), marketData: true, marketDataStatus: 'Streaming' });
    expect(brokerAccount.instrumentMaster?.contracts).toEqual([{ id: 'NFO:NIFTY26DECFUT' }]);
    expect(Buffer.from(brokerAccount.secrets[0]!.wrappedKey)).toHaveLength(32);
    expect(brokerAccount.assignments[0]?.assignedAt).toBeInstanceOf(Date);
    await expect(prisma.brokerAccount.create({ data: { id: crypto.randomUUID(), name: 'drift xts', broker: 'KITE' } })).rejects.toThrow();
    await expect(prisma.brokerAccount.create({ data: { id: crypto.randomUUID(), name: 'Bad', broker: 'PAPER' } })).rejects.toThrow();
    await expect(
      prisma.brokerAccountSecret.create({
        data: { accountId: brokerAccount.id, field: 'api_secret', ciphertext: Buffer.from('c'), iv: Buffer.alloc(8), tag: Buffer.alloc(16), wrappedKey: Buffer.alloc(32), wrappedKeyIv: Buffer.alloc(12), wrappedKeyTag: Buffer.alloc(16), masterKeyId: 'k1' },
      }),
    ).rejects.toThrow();

    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.account.count()).toBe(0);
    expect(await prisma.refreshSession.count()).toBe(0);
    expect(await prisma.watchlistItem.count()).toBe(0);
    expect(await prisma.apiKey.count()).toBe(0);
    expect(await prisma.strategy.count()).toBe(0);
    expect(await prisma.signalEvent.count()).toBe(0);
    expect(await prisma.notificationSettings.count()).toBe(0);
    expect(await prisma.portfolioAction.count()).toBe(0);
    expect(await prisma.brokerAccountAssignment.count()).toBe(0);
    await prisma.brokerAccount.delete({ where: { id: brokerAccount.id } });
    expect(await prisma.brokerAccountSecret.count()).toBe(0);
    expect(await prisma.brokerInstrumentMaster.count()).toBe(0);
  });
});
