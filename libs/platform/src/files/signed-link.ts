import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to stored files: HMAC-SHA256 over the resource id and the expiry (unix
 * seconds) with a server secret. Whoever holds a valid link reads the file until it expires; the
 * link names nothing else (no user, no case), and a changed id or expiry breaks the signature.
 */
export function signLink(secret: string, resourceId: string, expiresAtSeconds: number): string {
  return createHmac('sha256', secret).update(`${resourceId}\n${expiresAtSeconds}`).digest('base64url');
}

/** Why a link is refused; the HTTP answer is the same for both (no hint which). */
export type LinkProblem = 'bad-signature' | 'expired';

/** Checks signature first (in constant time), then expiry against `nowSeconds`. */
export function verifyLink(secret: string, resourceId: string, expires: string, signature: string, nowSeconds: number): LinkProblem | null {
  if (!/^[0-9]{1,12}$/.test(expires) || typeof signature !== 'string' || signature.length > 100) return 'bad-signature';
  const want = Buffer.from(signLink(secret, resourceId, Number(expires)));
  const got = Buffer.from(signature);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'bad-signature';
  return Number(expires) < nowSeconds ? 'expired' : null;
}

/** The secret links are signed with: FILE_LINK_SECRET, else one derived from the JWT secret (never the JWT key itself). */
export function fileLinkSecret(config: { files: { linkSecret: string | undefined }; jwtSecret: string | undefined }): string {
  if (config.files.linkSecret) return config.files.linkSecret;
  if (!config.jwtSecret) throw new Error('no secret to sign file links with: set FILE_LINK_SECRET or JWT_SECRET');
  return createHmac('sha256', config.jwtSecret).update('srdi-match file links').digest('base64url');
}
