import { describe, expect, it } from 'vitest';
import type { BrokerAccount, BrokerAccountId, UserId } from '@strikedesk/domain';
import { planTraderChange, traderChoices, type TraderCandidate } from './broker-account-traders.ts';

const alice = { userId: '00000000-0000-4000-8000-0000000000a1', username: 'alice', role: 'trader', disabled: false } satisfies TraderCandidate;
const bob = { userId: '00000000-0000-4000-8000-0000000000b2', username: 'bob', role: 'trader', disabled: false } satisfies TraderCandidate;
const carol = { userId: '00000000-0000-4000-8000-0000000000c3', username: 'carol', role: 'trader', disabled: false } satisfies TraderCandidate;
const vera = { userId: '00000000-0000-4000-8000-0000000000d4', username: 'vera', role: 'viewer', disabled: false } satisfies TraderCandidate;

const account = (id: string, name: string, traderIds: string[]) => ({ id: id as BrokerAccountId, name, traderIds: traderIds as UserId[], updatedAt: 1_796_652_000_123 }) as BrokerAccount;
const desk = account('2b1f6f3e-0000-4000-8000-000000000001', 'Kite desk', [alice.userId]);
const other = account('2b1f6f3e-0000-4000-8000-000000000002', 'XTS desk', [carol.userId]);

describe('broker account traders', () => {
  it('hands the account from one trader to another in one save, on the version the dialog opened', () => {
    const choices = traderChoices([alice, bob, carol], desk, [desk, other]);
    expect(planTraderChange(desk, new Set([bob.userId]), choices)).toEqual({ ok: true, input: { id: desk.id, traderIds: [bob.userId], expectedUpdatedAt: desk.updatedAt } });
  });

  it('still lists a trader who was since made a viewer, so the admin can unassign them', () => {
    const held = account(desk.id, desk.name, [vera.userId]);
    const choices = traderChoices([alice, vera], held, [held]);
    expect(choices.map((choice) => [choice.label, choice.assignable, choice.hint])).toEqual([
      ['alice', true, null],
      ['vera', false, 'now a viewer: can only be unassigned'],
    ]);
    expect(planTraderChange(held, new Set(), choices)).toEqual({ ok: true, input: { id: held.id, traderIds: [], expectedUpdatedAt: held.updatedAt } });
  });

  it('refuses before sending anything what the server would refuse half-way', () => {
    const choices = traderChoices([alice, bob, carol], desk, [desk, other]);
    expect(choices.find((choice) => choice.userId === carol.userId)).toMatchObject({ assignable: false, hint: 'trades through XTS desk: unassign them there first' });
    expect(planTraderChange(desk, new Set([carol.userId]), choices)).toEqual({ ok: false, message: 'carol cannot be assigned (trades through XTS desk: unassign them there first).' });
    expect(planTraderChange(desk, new Set([alice.userId, bob.userId]), choices)).toEqual({ ok: false, message: 'A broker account trades for one trader: tick only one.' });
  });

  it('offers no viewer or disabled user who is not assigned already', () => {
    const gone = { ...bob, disabled: true };
    expect(traderChoices([alice, gone, vera], desk, [desk]).map((choice) => choice.label)).toEqual(['alice']);
  });
});
