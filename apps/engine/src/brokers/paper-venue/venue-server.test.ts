import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendRawHttp, UNPARSEABLE_TARGET_REQUEST } from '../raw-http-request.ts';
import { startVenueServer, type RunningVenueServer } from './venue-server.ts';

/** The venue service's own HTTP handling, over raw sockets where fetch cannot say what a client might. */
let venue: RunningVenueServer;
const failures: string[] = [];
beforeEach(async () => {
  failures.length = 0;
  venue = await startVenueServer({ quotes: { latest: () => undefined }, logger: { error: (_details, message) => failures.push(message) } });
});
afterEach(async () => venue.close());

describe('venue server', () => {
  it('answers a request target it cannot read with 400 and goes on serving', async () => {
    expect(await sendRawHttp(venue.port, UNPARSEABLE_TARGET_REQUEST)).toBe(400);
    const health = await fetch(`${venue.url}/health`);
    expect(health.status).toBe(200);
    expect(failures).toEqual([]);
  });
});
