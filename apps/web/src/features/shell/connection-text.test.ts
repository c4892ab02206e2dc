import { describe, expect, it } from 'vitest';
import { connectionView } from './connection-text.ts';

describe('connectionView', () => {
  it('is short when the engine and the socket are up', () => {
    expect(connectionView({ isError: false, engineConnected: true }, 'connected')).toEqual({ engine: 'ok', engineText: 'Engine', live: 'ok', liveText: 'Live' });
  });

  it('says the engine is offline only when the gateway says so', () => {
    expect(connectionView({ isError: false, engineConnected: false }, 'connected')).toMatchObject({ engine: 'down', engineText: 'Engine offline' });
  });

  it('blames the server, not the engine, when the gateway cannot be reached (a gateway restart)', () => {
    expect(connectionView({ isError: true, engineConnected: true }, 'disconnected')).toEqual({
      engine: 'down',
      engineText: 'Server unreachable',
      live: 'down',
      liveText: 'Reconnecting',
    });
  });

  it('waits before the first answer', () => {
    expect(connectionView({ isError: false, engineConnected: undefined }, 'connecting')).toMatchObject({ engineText: 'Engine…', liveText: 'Connecting' });
  });
});
