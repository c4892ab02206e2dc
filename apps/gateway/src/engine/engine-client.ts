import type {
  AccountGreeks,
  AccountId,
  ChainExpiry,
  ChainQuery,
  GreekLimit,
  GreekLimitRecord,
  OptionChain,
  UserId,
  CancelOrderCommand,
  Instrument,
  InstrumentId,
  InstrumentSearch,
  ModifyOrderCommand,
  Order,
  PositionView,
  SubmitOrderCommand,
  Tick,
} from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import { startChainStreams, type ChainStreams } from './chain-streams.ts';
import { createEngineCall } from './engine-call.ts';
import { createEngineConnection } from './engine-connection.ts';
import { startEventStream, type EventStream } from './event-stream.ts';
import { startGreeksStream, type GreeksStream } from './greeks-stream.ts';
import { startTickStream, type TickStream } from './tick-stream.ts';

/**
 * The gateway's only door to the engine. Routers call these methods and get domain types or a
 * DomainError (engine codes forwarded, ENGINE_UNAVAILABLE on transport trouble) — never a hang.
 */
export type EngineClient = {
  isConnected(): boolean;
  onConnectedChange(listener: (connected: boolean) => void): () => void;
  submitOrder(command: SubmitOrderCommand): Promise<Order>;
  modifyOrder(command: ModifyOrderCommand): Promise<Order>;
  cancelOrder(command: CancelOrderCommand): Promise<Order>;
  listOrders(accountId: AccountId): Promise<Order[]>;
  listPositions(accountId: AccountId): Promise<PositionView[]>;
  searchInstruments(search: InstrumentSearch): Promise<Instrument[]>;
  getInstruments(instrumentIds: InstrumentId[]): Promise<Instrument[]>;
  quotes(instrumentIds: InstrumentId[]): Promise<Tick[]>;
  chainExpiries(underlying: string): Promise<ChainExpiry[]>;
  chain(query: ChainQuery): Promise<OptionChain>;
  accountGreeks(accountId: AccountId): Promise<AccountGreeks>;
  listGreekLimits(accountId?: AccountId): Promise<GreekLimitRecord[]>;
  setGreekLimit(limit: GreekLimit, userId: UserId): Promise<GreekLimitRecord>;
  events: EventStream;
  ticks: TickStream;
  chains: ChainStreams;
  greeks: GreeksStream;
  /** Test hook: drops the WebSocket as a network failure would; everything reconnects by itself. */
  dropConnection(): void;
  close(): Promise<void>;
};

export function createEngineClient(options: {
  url: string;
  token: string;
  logger: Logger;
  callTimeoutMs?: number;
  retryDelayMs?: number;
}): EngineClient {
  const logger = options.logger.child({ component: 'engine-client' });
  const connection = createEngineConnection({ url: options.url, token: options.token, logger });
  const { client } = connection;
  const call = createEngineCall(connection, { timeoutMs: options.callTimeoutMs ?? 8_000, logger });
  const streamOptions = { client, connection, logger, ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}) };
  const events = startEventStream({ ...streamOptions, call });
  const ticks = startTickStream(streamOptions);
  const chains = startChainStreams(streamOptions);
  const greeks = startGreeksStream(streamOptions);

  return {
    isConnected: connection.isConnected,
    onConnectedChange: connection.onConnectedChange,
    submitOrder: (command) => call('orders.submit', (signal) => client.orders.submit.mutate(command, { signal })),
    modifyOrder: (command) => call('orders.modify', (signal) => client.orders.modify.mutate(command, { signal })),
    cancelOrder: (command) => call('orders.cancel', (signal) => client.orders.cancel.mutate(command, { signal })),
    listOrders: (accountId) => call('orders.list', (signal) => client.orders.list.query({ accountId }, { signal })),
    listPositions: (accountId) => call('positions.list', (signal) => client.positions.list.query({ accountId }, { signal })),
    searchInstruments: (search) => call('instruments.search', (signal) => client.instruments.search.query(search, { signal })),
    getInstruments: (instrumentIds) =>
      call('instruments.get', (signal) => client.instruments.get.query({ instrumentIds }, { signal })),
    quotes: (instrumentIds) => call('market.quotes', (signal) => client.market.quotes.query({ instrumentIds }, { signal })),
    chainExpiries: (underlying) => call('chain.expiries', (signal) => client.chain.expiries.query({ underlying }, { signal })),
    chain: (query) => call('chain.get', (signal) => client.chain.get.query(query, { signal })),
    accountGreeks: (accountId) => call('greeks.get', (signal) => client.greeks.get.query({ accountId }, { signal })),
    listGreekLimits: (accountId) =>
      call('risk.greekLimits.list', (signal) => client.risk.greekLimits.list.query(accountId ? { accountId } : {}, { signal })),
    setGreekLimit: (limit, userId) => call('risk.greekLimits.set', (signal) => client.risk.greekLimits.set.mutate({ ...limit, userId }, { signal })),
    events,
    ticks,
    chains,
    greeks,
    dropConnection: connection.dropSocket,
    async close() {
      events.stop();
      ticks.stop();
      chains.stop();
      greeks.stop();
      await connection.close();
    },
  };
}
