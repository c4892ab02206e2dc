import { hashPassword } from './password.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, loginAs } from '../testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

const NEW_PASSWORD = 'a much better passphrase';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
});
afterAll(async () => {
  await stack?.close();
});

describe('auth.changePassword', () => {
  it('checks the current password and the new one, with clear errors', async () => {
    await createTestUser(stack.gateway.identity, 'pw-errors', 'viewer');
    const client = stack.client();
    await loginAs(client, 'pw-errors', TEST_PASSWORD);
    const wrong = await failureOf(client.trpc.auth.changePassword.mutate({ currentPassword: 'nope', newPassword: NEW_PASSWORD }));
    expect(wrong).toMatchObject({ code: 'BAD_REQUEST', appCode: 'CURRENT_PASSWORD_WRONG', message: 'Your current password is not correct.' });
    const weak = await failureOf(client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: 'short' }));
    expect(weak).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect(weak.message).toMatch(/newPassword/);
    const same = await failureOf(client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }));
    expect(same.message).toMatch(/different from the current one/);
    const anonymous = await failureOf(stack.client().trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }));
    expect(anonymous.appCode).toBe('UNAUTHENTICATED');
    // The failures above did not change anything.
    await loginAs(stack.client(), 'pw-errors', TEST_PASSWORD);
  });

  it('replaces the password, ends every other session, and keeps the caller signed in', async () => {
    await createTestUser(stack.gateway.identity, 'pw-change', 'trader');
    const otherDevice = stack.client();
    await loginAs(otherDevice, 'pw-change', TEST_PASSWORD);
    const client = stack.client();
    await loginAs(client, 'pw-change', TEST_PASSWORD);
    const cookieBefore = client.state.cookie;

    const grant = await client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(grant.user.username).toBe('pw-change');
    expect(grant.mustChangePassword).toBe(false);
    expect(client.state.cookie).not.toBe(cookieBefore);

    expect((await failureOf(otherDevice.trpc.auth.refresh.mutate())).appCode).toBe('SESSION_EXPIRED');
    expect((await client.trpc.auth.refresh.mutate()).user.username).toBe('pw-change');
    expect((await failureOf(stack.client().trpc.auth.login.mutate({ username: 'pw-change', password: TEST_PASSWORD }))).appCode).toBe(
      'INVALID_CREDENTIALS',
    );
    await loginAs(stack.client(), 'pw-change', NEW_PASSWORD);
  });

  it('clears the must-change flag of a generated password', async () => {
    await stack.gateway.identity.users.create({
      username: 'pw-generated',
      passwordHash: await hashPassword(TEST_PASSWORD),
      role: 'admin',
      mustChangePassword: true,
    });
    const client = stack.client();
    const session = await loginAs(client, 'pw-generated', TEST_PASSWORD);
    expect(session.mustChangePassword).toBe(true);
    await client.trpc.auth.changePassword.mutate({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect((await loginAs(stack.client(), 'pw-generated', NEW_PASSWORD)).mustChangePassword).toBe(false);
  });
});
