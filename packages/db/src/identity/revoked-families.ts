import { UserIdSchema } from '@strikedesk/domain';
import type { RevokedFamily } from './types.ts';

/**
 * The families a revoking update touched, once each: a family has a row per rotation, and the
 * gateway needs to hear of each family (the `sid` of its access tokens) only once.
 */
export function toRevokedFamilies(rows: readonly { familyId: string; userId: string }[], at: Date): RevokedFamily[] {
  const families = new Map<string, RevokedFamily>();
  for (const row of rows) {
    if (!families.has(row.familyId)) families.set(row.familyId, { familyId: row.familyId, userId: UserIdSchema.parse(row.userId), revokedAt: at.getTime() });
  }
  return [...families.values()];
}
