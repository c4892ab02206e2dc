import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret.ts';

describe('Secret', () => {
  it('reveals its value only when asked', () => {
    expect(new Secret('hunter2-secret').reveal()).toBe('hunter2-secret');
  });

  it('prints [redacted] however it is printed: JSON, inspect, console formats, templates, spreads', () => {
    const secret = new Secret('hunter2-secret');
    const holder = { apiKey: 'public', apiSecret: secret, nested: { list: [secret] } };
    const printed = [
      JSON.stringify(holder),
      inspect(holder, { depth: 10 }),
      inspect(secret, { showHidden: true }),
      format('%s %o %O %j', secret, holder, holder, holder),
      `${secret}`,
      String(secret),
      secret + '',
      JSON.stringify({ ...secret }),
      JSON.stringify(structuredClone(holder)),
    ].join('\n');
    expect(printed).not.toContain('hunter2');
    expect(JSON.stringify(holder)).toBe('{"apiKey":"public","apiSecret":"[redacted]","nested":{"list":["[redacted]"]}}');
    expect(inspect(secret)).toBe('Secret([redacted])');
  });
});
