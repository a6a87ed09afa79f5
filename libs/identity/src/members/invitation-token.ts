import { createHash, randomBytes } from 'node:crypto';

/** How long an invitation can be accepted. */
export const INVITATION_TTL_DAYS = 7;
const TOKEN_BYTES = 32;
/** base64url of 32 bytes is 43 characters; anything far longer is not one of ours. */
export const MAX_TOKEN_LENGTH = 100;

/** A fresh raw token (for the mail only) and the hash that is stored. */
export function newInvitationToken(): { raw: string; hash: string } {
  const raw = randomBytes(TOKEN_BYTES).toString('base64url');
  return { raw, hash: hashInvitationToken(raw) };
}

/** hex SHA-256: the token is 256 random bits, so a fast hash is enough (nothing to brute-force). */
export function hashInvitationToken(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

export function invitationExpiry(now = new Date()): Date {
  return new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
}
