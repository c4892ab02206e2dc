/** The seeded admin for the e2e stack (passed to scripts/start.ts by playwright.config.ts). */
export const E2E_ADMIN_USERNAME = 'admin';
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-123';

/** Password for users the specs create (≥ 10 characters). */
export const E2E_USER_PASSWORD = 'e2e-user-password-456';

/** A fresh, valid username per call (lowercase letters and digits, ≤ 32 characters). */
export const uniqueUsername = (prefix: string): string =>
  `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
