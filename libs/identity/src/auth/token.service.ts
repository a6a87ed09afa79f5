import { SignJWT, jwtVerify, errors } from 'jose';

export interface AccessTokenClaims {
  userId: string;
  organizationId: string;
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: string };

const ISSUER = 'srdi-match';
const AUDIENCE = 'srdi-match-api';

/** Issues and verifies HS256 access tokens; any other algorithm (including `none`) is refused. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ org: claims.organizationId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') {
        return { ok: false, reason: '访问令牌内容无效，请重新登录 (access token is malformed; sign in again)' };
      }
      return { ok: true, claims: { userId: payload.sub, organizationId: payload.org } };
    } catch (err) {
      if (err instanceof errors.JWTExpired) {
        return { ok: false, reason: '访问令牌已过期，请重新登录 (access token expired; sign in again)' };
      }
      return { ok: false, reason: '访问令牌无效，请重新登录 (access token is invalid; sign in again)' };
    }
  }
}
