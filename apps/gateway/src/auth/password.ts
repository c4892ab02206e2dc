import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

const HASH_OPTIONS = { type: argon2.argon2id } as const;

/**
 * A real argon2id hash (same parameters as new hashes) of a throwaway string. Verifying against it
 * when the username is unknown makes a failed login take as long as a wrong password, so response
 * times don't reveal which usernames exist.
 */
const TIMING_DECOY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$v5K3snw/l637AvdW7vojDQ$VewOZyUj43Df9R+2fkHIeb0KNJxeqFGWg6GybH4JifY';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, HASH_OPTIONS);

/** False for a wrong password, a missing user (decoy) or a malformed stored hash. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    const matches = await argon2.verify(hash ?? TIMING_DECOY_HASH, password);
    return hash !== null && matches;
  } catch {
    return false;
  }
}

/**
 * A password the server makes up (first-start admin, an admin's reset): 18 random bytes → 24
 * base64url characters (~144 bits), strong and safe to copy from a terminal or a dialog.
 */
export const generatePassword = (): string => randomBytes(18).toString('base64url');
