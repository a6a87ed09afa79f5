import { SignJWT, jwtVerify, errors } from 'jose';

export interface AccessTokenClaims {
  userId: string;
  organizationId: string;
  /** The session (`sid` claim, a user_sessions row); tokens issued before sessions existed have none and are refused. */
  sessionId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TokenCheck =
  /** `expiresAt`: the token's exp in epoch milliseconds, when it has one. */
  | { ok: true; claims: AccessTokenClaims; expiresAt?: number }
  | { ok: false; reason: string };

const ISSUER = 'srdi-match';
const AUDIENCE = 'srdi-match-api';

/** Verified tokens remembered per process; a client sends the same token for hours. */
const VERIFIED_CACHE_SIZE = 10_000;

/** Issues and verifies HS256 access tokens; any other algorithm (including `none`) is refused. */
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * Token string → its claims and expiry, for tokens that passed the full check. Verifying the
   * HMAC through WebCrypto is a few percent of the server's CPU under load (bench:load profile),
   * and the answer for the same string and key can only change with time: a hit re-checks the
   * expiry exactly as jose does (valid while now < exp). Failures are never remembered. The
   * account behind the token is still loaded on every request (authenticateHeader).
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; exp: number }>();

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Seconds a token lives; a session row expires with its token. */
  get lifetimeSeconds(): number {
    return this.ttlSeconds;
  }

  async issue(claims: AccessTokenClaims & { sessionId: string; expiresAt?: Date }): Promise<string> {
    return new SignJWT({ org: claims.organizationId, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(claims.expiresAt ? Math.floor(claims.expiresAt.getTime() / 1000) : `${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<TokenCheck> {
    const known = this.verified.get(token);
    if (known && Date.now() / 1000 < known.exp) return { ok: true, claims: known.claims, expiresAt: known.exp * 1000 };
    if (known) this.verified.delete(token); // expired: the full check below says so
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') {
        return { ok: false, reason: '访问令牌内容无效，请重新登录 (access token is malformed; sign in again)' };
      }
      if (payload.sid !== undefined && (typeof payload.sid !== 'string' || !UUID.test(payload.sid))) {
        return { ok: false, reason: '访问令牌内容无效，请重新登录 (access token is malformed; sign in again)' };
      }
      const claims: AccessTokenClaims = { userId: payload.sub, organizationId: payload.org, ...(payload.sid ? { sessionId: payload.sid } : {}) };
      // issue() always sets exp; a token without one (signed elsewhere with our key) is not cached.
      if (typeof payload.exp === 'number') {
        if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!); // oldest first
        this.verified.set(token, { claims, exp: payload.exp });
        return { ok: true, claims, expiresAt: payload.exp * 1000 };
      }
      return { ok: true, claims };
    } catch (err) {
      if (err instanceof errors.JWTExpired) {
        return { ok: false, reason: '访问令牌已过期，请重新登录 (access token expired; sign in again)' };
      }
      return { ok: false, reason: '访问令牌无效，请重新登录 (access token is invalid; sign in again)' };
    }
  }
}
