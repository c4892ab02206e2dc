import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './webhook-reachability.ts';

const PATH = '/webhooks/tradingview/abc';

describe('webhook URL reachability', () => {
  it('passes a public address on the default ports', () => {
    expect(webhookUrlProblem(`https://trade.example.in${PATH}`)).toBeNull();
    expect(webhookUrlProblem(`http://203.0.113.7${PATH}`)).toBeNull();
    expect(webhookUrlProblem(`https://172.32.0.1${PATH}`)).toBeNull();
  });

  it('warns about a port TradingView does not post to', () => {
    const problem = webhookUrlProblem(`https://trade.example.in:8443${PATH}`);
    expect(problem).toContain('only to ports 80 and 443, not 8443');
    expect(problem).not.toContain('local network');
  });

  it('warns about a loopback or private address, naming both problems of the default terminal URL', () => {
    const problem = webhookUrlProblem(`http://127.0.0.1:3970${PATH}`);
    expect(problem).toMatch(/^TradingView cannot deliver to this URL: 127\.0\.0\.1 is reachable only from this machine/);
    expect(problem).toContain('not 3970');
    for (const host of ['localhost', '10.1.2.3', '172.20.0.5', '192.168.1.10', '[::1]', 'desk.local', '[fd12:3456::1]']) {
      expect(webhookUrlProblem(`https://${host}${PATH}`), host).toContain('not from TradingView');
    }
  });
});
