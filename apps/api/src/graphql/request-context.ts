import type { Request } from 'express';
import DataLoader from 'dataloader';
import { AppError } from '../../../../libs/platform/src/index.js';
import type { Actor, OrganizationEntity, UserEntity, UsccClaimConflictEntity } from '../../../../libs/identity/src/index.js';
import type { TierAssessmentEntity } from '../../../../libs/tier-assessments/src/index.js';
import type { ParkEntity, FullListing, ChallengeApplicationEntity } from '../../../../libs/listings/src/index.js';
import type { ProviderMatchStats, MatchRequestEntity } from '../../../../libs/matching/src/index.js';
import type { AccessRecord } from '../../../../libs/enterprises/src/index.js';

/** Per-request DataLoaders; created fresh for every request so nothing is cached across users. */
export interface Loaders {
  organization: DataLoader<string, OrganizationEntity | null>;
  /** Users by id (the verification desk's deciding users). */
  user: DataLoader<string, UserEntity | null>;
  /** USCC claim conflicts by organization id (verification desk). */
  claimConflict: DataLoader<string, UsccClaimConflictEntity | null>;
  /** Key `organizationId|ruleSet` (ruleSet empty: the rule set in force per tier). */
  assessments: DataLoader<string, TierAssessmentEntity[]>;
  park: DataLoader<string, ParkEntity | null>;
  /** Any listing by id with its details; no visibility check (used for relations the caller may already see). */
  listing: DataLoader<string, FullListing | null>;
  applicationsByChallenge: DataLoader<string, ChallengeApplicationEntity[]>;
  /** Match-request figures of an organization as the receiving side. */
  providerStats: DataLoader<string, ProviderMatchStats>;
  /** Match requests by id; no access check (only either side may read one). */
  matchRequest: DataLoader<string, MatchRequestEntity | null>;
  /** 揭榜 applications by id; no access check (see canSeeApplication). */
  challengeApplication: DataLoader<string, ChallengeApplicationEntity | null>;
  /**
   * Rows of the access log (issue 18): every resolver's reads of a tick go into ONE insert. Not cached;
   * a resolver awaits its rows before it answers (a refusal is logged before the error is thrown).
   */
  accessLog: DataLoader<AccessRecord, true>;
}

export interface Authentication {
  actor?: Actor;
  /** Why a presented token was refused; reported when the operation needs a signed-in caller. */
  problem?: string;
  /** When the accepted token expires (epoch ms); a websocket connection is closed then. */
  expiresAt?: number;
}

/**
 * The GraphQL context of one request: an HTTP request, or one subscription over the websocket
 * (`req` is then the upgrade request and `auth` what the connection authenticated with).
 */
export class RequestContext {
  private current: Loaders;

  constructor(
    readonly req: Request,
    readonly auth: Authentication,
    loaders: Loaders,
    /** Builds fresh loaders; a subscription takes new ones for every event it delivers. */
    private readonly newLoaders?: () => Loaders,
  ) {
    this.current = loaders;
  }

  get loaders(): Loaders {
    return this.current;
  }

  /** Drops what the loaders cached (a subscription lives long; each event reads fresh rows). */
  renewLoaders(): void {
    if (this.newLoaders) this.current = this.newLoaders();
  }

  /** The caller, or undefined for anonymous operations; a bad token is still an error. */
  get actor(): Actor | undefined {
    if (this.auth.problem) throw new AppError('UNAUTHENTICATED', this.auth.problem);
    return this.auth.actor;
  }

  /** The caller; UNAUTHENTICATED when there is none. */
  requireActor(): Actor {
    const actor = this.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录 (sign in first: send "Authorization: Bearer <token>")');
    return actor;
  }

  /** The caller's account, read through the request's user loader (the actor alone is cached across requests). */
  async requireUser(): Promise<UserEntity> {
    const actor = this.requireActor();
    const user = await this.loaders.user.load(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', '该账号已不存在，请重新登录 (the account behind this token no longer exists)');
    return user;
  }
}

/** Builds a loader that returns rows in key order, null where missing. */
export function byIdLoader<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await fetch(ids);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}
