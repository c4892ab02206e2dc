import { describe, expect, it } from 'vitest';
import type { BrokerAccount, BrokerAccountId, BrokerAccountTradersInput, UserId } from '@strikedesk/domain';
import { applyTraderPlan, planTraderChange, traderChoices, type TraderCandidate } from './broker-account-traders.ts';

const alice = { userId: '00000000-0000-4000-8000-0000000000a1', username: 'alice', role: 'trader', disabled: false } satisfies TraderCandidate;
const bob = { userId: '00000000-0000-4000-8000-0000000000b2', username: 'bob', role: 'trader', disabled: false } satisfies TraderCandidate;
const carol = { userId: '00000000-0000-4000-8000-0000000000c3', username: 'carol', role: 'trader', disabled: false } satisfies TraderCandidate;
const vera = { userId: '00000000-0000-4000-8000-0000000000d4', username: 'vera', role: 'viewer', disabled: false } satisfies TraderCandidate;

const account = (id: string, name: string, traderIds: string[]) => ({ id: id as BrokerAccountId, name, traderIds: traderIds as UserId[] }) as BrokerAccount;
const desk = account('2b1f6f3e-0000-4000-8000-000000000001', 'Kite desk', [alice.userId]);
const other = account('2b1f6f3e-0000-4000-8000-000000000002', 'XTS desk', [carol.userId]);

/** The server's rule (one trader per broker account, one broker account per trader), for one account. */
function oneTraderServer(initial: string[]) {
  let traders = [...initial];
  const calls: string[] = [];
  return {
    calls,
    traders: () => traders,
    async assign(input: BrokerAccountTradersInput) {
      calls.push(`assign ${input.traderIds.join(',')}`);
      if (traders.length + input.traderIds.length > 1) throw new Error('BROKER_ACCOUNT_ALREADY_ASSIGNED');
      traders = [...traders, ...input.traderIds];
    },
    async unassign(input: BrokerAccountTradersInput) {
      calls.push(`unassign ${input.traderIds.join(',')}`);
      traders = traders.filter((id) => !input.traderIds.includes(id as UserId));
    },
  };
}

describe('broker account traders', () => {
  it('handing the account from one trader to another unassigns the old one first, so the server accepts it', async () => {
    const choices = traderChoices([alice, bob, carol], desk, [desk, other]);
    const plan = planTraderChange(desk, new Set([bob.userId]), choices);
    expect(plan).toEqual({ ok: true, unassign: [alice.userId], assign: [bob.userId] });
    const server = oneTraderServer(desk.traderIds);
    await applyTraderPlan(server, desk.id, plan.ok ? plan : { unassign: [], assign: [] });
    expect(server.calls).toEqual([`unassign ${alice.userId}`, `assign ${bob.userId}`]);
    expect(server.traders()).toEqual([bob.userId]);
  });

  it('still lists a trader who was since made a viewer, so the admin can unassign them', () => {
    const held = account(desk.id, desk.name, [vera.userId]);
    const choices = traderChoices([alice, vera], held, [held]);
    expect(choices.map((choice) => [choice.label, choice.assignable, choice.hint])).toEqual([
      ['alice', true, null],
      ['vera', false, 'now a viewer: can only be unassigned'],
    ]);
    expect(planTraderChange(held, new Set(), choices)).toEqual({ ok: true, unassign: [vera.userId], assign: [] });
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
