import { Secret, type NewBrokerAccount } from '@strikedesk/db/client';
import type { RunningFakeXtsInteractive } from './fake-xts-interactive.ts';
import type { RunningFakeXtsMarketData } from './fake-xts-market-data.ts';

/** An XTS broker account (as an admin would add it) whose interactive and market-data URLs are the fakes'. */
export function fakeXtsAccount(name: string, interactive: RunningFakeXtsInteractive, marketData: RunningFakeXtsMarketData): NewBrokerAccount {
  return {
    broker: 'XTS',
    name,
    enabled: true,
    rootUrl: interactive.url,
    marketDataUrl: marketData.url,
    clientId: null,
    interactiveAppKey: interactive.appKey,
    interactiveSecret: new Secret(interactive.secretKey),
    marketDataAppKey: marketData.appKey,
    marketDataSecret: new Secret(marketData.secretKey),
  };
}
