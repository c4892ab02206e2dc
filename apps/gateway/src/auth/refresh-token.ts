import { createHash, randomBytes } from 'node:crypto';

/** The raw token only ever lives in the client's cookie; the database keeps its sha256. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function newRefreshToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashRefreshToken(token) };
}
