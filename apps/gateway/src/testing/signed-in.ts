import type { Role } from '@strikedesk/domain';
import { loginAs, type GatewayClient } from './gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from './test-users.ts';
import { TEST_ADMIN, type TestStack } from './test-stack.ts';

/** A new user of this role, and a client of the stack signed in as them. */
export async function signedInUser(stack: TestStack, username: string, role: Role): Promise<GatewayClient> {
  await createTestUser(stack.gateway.identity, username, role);
  const client = stack.client();
  await loginAs(client, username, TEST_PASSWORD);
  return client;
}

/** A client of the stack signed in as its first-start admin. */
export async function signedInAdmin(stack: TestStack): Promise<GatewayClient> {
  const client = stack.client();
  await loginAs(client, TEST_ADMIN.username, TEST_ADMIN.password);
  return client;
}
