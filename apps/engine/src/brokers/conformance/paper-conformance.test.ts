import { pino } from 'pino';
import type { Tick } from '@strikedesk/domain';
import { PaperBroker } from '../paper/paper-broker.ts';
import { PaperVenueBroker } from '../paper-venue/paper-venue-broker.ts';
import { startVenueServer } from '../paper-venue/venue-server.ts';
import { CONFORMANCE_INSTRUMENT, describeBrokerConformance, tick } from './broker-conformance.ts';

describeBrokerConformance('paper (in process)', async () => {
  const quotes = new Map<string, Tick>();
  const broker = new PaperBroker({ latest: (id) => quotes.get(id) });
  return {
    broker,
    quote: async (bid, ask, last) => {
      const next = tick(bid, ask, last);
      quotes.set(CONFORMANCE_INSTRUMENT, next);
      broker.onTicks([next]);
      await new Promise((resolve) => setImmediate(resolve));
    },
    close: async () => broker.close(),
  };
});

describeBrokerConformance('paper venue (over the network)', async () => {
  const quotes = new Map<string, Tick>();
  const venue = await startVenueServer({ quotes: { latest: (id) => quotes.get(id) }, now: Date.now });
  const broker = new PaperVenueBroker({ url: venue.url, logger: pino({ level: 'silent' }) });
  await broker.ready(5_000);
  return {
    broker,
    quote: async (bid, ask, last) => {
      const next = tick(bid, ask, last);
      quotes.set(CONFORMANCE_INSTRUMENT, next);
      venue.onTicks([next]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
    close: async () => {
      broker.close();
      await venue.close();
    },
  };
});
