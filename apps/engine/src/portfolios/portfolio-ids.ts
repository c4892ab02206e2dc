import { randomBytes } from 'node:crypto';
import { PortfolioIdSchema, type PortfolioId } from '@strikedesk/domain';

/** `pf` + 10 random base-36 characters: short enough for logs and the order blotter's book column. */
export function newPortfolioId(): PortfolioId {
  const digits = [...randomBytes(10)].map((byte) => (byte % 36).toString(36)).join('');
  return PortfolioIdSchema.parse(`pf${digits}`);
}
