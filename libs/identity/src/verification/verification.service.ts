import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { AppError, badInput, forbidden, notFound } from '../../../platform/src/errors/app-error.js';
import { parseId } from '../../../platform/src/errors/ids.js';
import { recordEvent } from '../../../platform/src/outbox/outbox.service.js';
import { checkPageSize, fetchKeysetPage } from '../../../platform/src/pagination/keyset-cursor.js';
import { authorize } from '../access/authorize.js';
import type { Actor, MutationName } from '../access/access-policy.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../organizations/organization-kind.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { describeRegionCodeProblem, regionStem } from '../regions/region-codes.js';
import { UsccClaimConflictEntity } from './uscc-claim-conflict.entity.js';
import { VerificationDecisionEntity } from './verification-decision.entity.js';
import {
  VERIFICATION_REASON_MAX_CHARS,
  VERIFICATION_STATES,
  verificationTransition,
  type VerificationAction,
  type VerificationState,
} from './verification-state.js';

export interface OrganizationFilterCommand {
  kinds?: OrganizationKind[] | null;
  verification?: VerificationState[] | null;
  regionCodes?: string[] | null;
  query?: string | null;
  /** Only organizations whose USCC an AUTHORITY import also claimed (uscc_claim_conflicts). */
  claimConflict?: boolean | null;
}

export interface OrganizationPage {
  rows: OrganizationEntity[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ResubmitCommand {
  name?: string | null;
  regionCode?: string | null;
  note?: string | null;
}

export interface DecisionOutcome {
  organization: OrganizationEntity;
  /** Null when nothing changed (verifying a VERIFIED organization again). */
  decision: VerificationDecisionEntity | null;
}

export const DESK_QUERY_MAX_CHARS = 100;
const chars = (s: string) => Array.from(s).length;

/** Escapes LIKE's wildcards and its escape character, for `LIKE … ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A reason (or message) of a decision: required, trimmed, 1–500 characters; BAD_USER_INPUT on
 * `field` otherwise. Checked before any row is read.
 */
export function validateReason(value: unknown, field: string, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) throw badInput(`请填写原因（1–${VERIFICATION_REASON_MAX_CHARS} 字）(${field} is required)`, field);
    return null;
  }
  if (typeof value !== 'string') throw badInput(`${field} 须为文本 (${field} must be a string)`, field);
  const text = value.trim();
  const n = chars(text);
  if (n === 0 && required) throw badInput(`原因不能为空，请填写 1–${VERIFICATION_REASON_MAX_CHARS} 字 (${field} must not be empty)`, field);
  if (n > VERIFICATION_REASON_MAX_CHARS) {
    throw badInput(`原因最多 ${VERIFICATION_REASON_MAX_CHARS} 字，当前 ${n} 字 (${field} has ${n} characters; at most ${VERIFICATION_REASON_MAX_CHARS})`, field);
  }
  return n === 0 ? null : text;
}

const ACTION_MUTATION: Record<VerificationAction, MutationName> = {
  VERIFY: 'verifyOrganization',
  REJECT: 'rejectOrganization',
  REQUEST_INFO: 'requestOrganizationInfo',
  REVOKE: 'revokeVerification',
  RESUBMIT: 'resubmitOrganization',
};

/**
 * The verification desk: the AUTHORITY's decisions on organizations (verify, reject, ask for
 * information, revoke), an organization's resubmission, and the desk's list. Every change locks
 * the organization row, writes one history row and one outbox event in the caller's transaction.
 * Revocation's cascade (listings, match requests) lives in the desk service above this one.
 */
@Injectable()
export class VerificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An AUTHORITY decision on organization `id`; `reason` was validated by the caller's argument rules. */
  async decide(manager: EntityManager, actor: Actor | undefined, id: string, action: Exclude<VerificationAction, 'RESUBMIT'>, reason: string | null, reasonField = 'reason'): Promise<DecisionOutcome> {
    authorize(actor, ACTION_MUTATION[action]);
    const why = action === 'VERIFY' ? validateReason(reason, reasonField, false) : validateReason(reason, reasonField, true);
    const orgId = parseId(id, 'id');
    const org = await manager.findOne(OrganizationEntity, { where: { id: orgId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound(`机构 ${orgId} 不存在 (organization not found)`);
    if (org.kind === 'AUTHORITY' && action !== 'VERIFY') {
      throw forbidden('主管部门机构不经审核，不能驳回或撤销 (AUTHORITY organizations are not subject to verification decisions)');
    }
    return this.apply(manager, org, action, why, actor!.userId);
  }

  /** A member of a NEEDS_INFO, REJECTED or REVOKED organization corrects its data and asks again (→ PENDING). */
  async resubmit(manager: EntityManager, actor: Actor | undefined, input: ResubmitCommand): Promise<DecisionOutcome> {
    authorize(actor, 'resubmitOrganization', { ownerOrganizationId: actor?.organizationId });
    const name = input.name == null ? undefined : input.name.trim();
    if (name !== undefined && (chars(name) < 2 || chars(name) > 200)) {
      throw badInput('机构名称需 2–200 个字符 (organization name must be 2–200 characters)', 'input.name');
    }
    const regionCode = input.regionCode == null ? undefined : input.regionCode.trim();
    if (regionCode !== undefined) {
      const problem = describeRegionCodeProblem(regionCode);
      if (problem) throw badInput(problem, 'input.regionCode');
    }
    const note = validateReason(input.note, 'input.note', false);
    const org = await manager.findOne(OrganizationEntity, { where: { id: actor!.organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound('机构不存在 (organization not found)');
    const check = verificationTransition(org.verificationState, 'RESUBMIT');
    if (!check.ok) throw new AppError('CONFLICT', check.message);
    if (name !== undefined) org.name = name;
    if (regionCode !== undefined) org.regionCode = regionCode;
    return this.apply(manager, org, 'RESUBMIT', note, actor!.userId);
  }

  private async apply(manager: EntityManager, org: OrganizationEntity, action: VerificationAction, reason: string | null, userId: string): Promise<DecisionOutcome> {
    const check = verificationTransition(org.verificationState, action);
    if (!check.ok) throw new AppError('CONFLICT', check.message);
    if ('unchanged' in check) return { organization: org, decision: null };
    const from = org.verificationState;
    const now = new Date();
    org.verificationState = check.to;
    org.verified = check.to === 'VERIFIED';
    org.verifiedAt = org.verified ? now : null;
    org.verifiedBy = org.verified ? userId : null;
    org.verificationReason = reason;
    org.verificationDecidedAt = now;
    org.verificationDecidedBy = userId;
    org.verificationVersion += 1;
    await manager.save(org);
    const decision = await manager.save(
      manager.create(VerificationDecisionEntity, { organizationId: org.id, fromState: from, toState: check.to, reason, decidedBy: userId, decidedAt: now }),
    );
    if (check.to === 'VERIFIED') {
      await recordEvent(manager, {
        type: 'organization.verified',
        aggregateType: 'organization',
        aggregateId: org.id,
        data: { organizationId: org.id, verifiedByUserId: userId, decisionId: decision.id, version: org.verificationVersion },
        actorUserId: userId,
      });
    } else {
      await recordEvent(manager, {
        type: 'organization.verification-decided',
        aggregateType: 'organization',
        aggregateId: org.id,
        data: { organizationId: org.id, decisionId: decision.id, state: check.to, version: org.verificationVersion },
        actorUserId: userId,
      });
    }
    return { organization: org, decision };
  }

  /** The desk: organizations newest first (stable: created_at, id), AUTHORITY only. */
  async page(actor: Actor, filter: OrganizationFilterCommand, first: number, after?: string | null): Promise<OrganizationPage> {
    if (actor.kind !== 'AUTHORITY') throw forbidden('仅主管部门可查看机构审核台 (organizations: AUTHORITY only)');
    checkPageSize(first);
    filter.kinds?.forEach((k, i) => {
      if (!ORGANIZATION_KINDS.includes(k)) throw badInput(`未知机构类型 ${String(k)}`, `filter.kinds[${i}]`);
    });
    filter.verification?.forEach((s, i) => {
      if (!VERIFICATION_STATES.includes(s)) throw badInput(`未知审核状态 ${String(s)}`, `filter.verification[${i}]`);
    });
    if ((filter.regionCodes?.length ?? 0) > 50) throw badInput('regionCodes 最多 50 个 (at most 50 region codes)', 'filter.regionCodes');
    filter.regionCodes?.forEach((code, i) => {
      const problem = describeRegionCodeProblem(code);
      if (problem) throw badInput(problem, `filter.regionCodes[${i}]`);
    });
    const query = filter.query?.trim() ?? '';
    if (chars(query) > DESK_QUERY_MAX_CHARS) {
      throw badInput(`搜索词最多 ${DESK_QUERY_MAX_CHARS} 字 (query is longer than ${DESK_QUERY_MAX_CHARS} characters)`, 'filter.query');
    }
    const qb = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o');
    qb.where('TRUE');
    if (filter.kinds?.length) qb.andWhere('o.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.verification?.length) qb.andWhere('o.verificationState IN (:...states)', { states: filter.verification });
    if (filter.regionCodes?.length) {
      // A province or city code takes in the counties under it (330000 ⊃ 330200 ⊃ 330281).
      qb.andWhere(
        new Brackets((w) => {
          filter.regionCodes!.forEach((code, i) => w.orWhere(`o.regionCode LIKE :region${i}`, { [`region${i}`]: `${regionStem(code)}%` }));
        }),
      );
    }
    if (query) {
      const like = `%${escapeLike(query)}%`;
      qb.andWhere(`(o.name ILIKE :q ESCAPE '\\' OR o.uscc LIKE :qu ESCAPE '\\')`, { q: like, qu: like.toUpperCase() });
    }
    if (filter.claimConflict === true) qb.andWhere('EXISTS (SELECT 1 FROM uscc_claim_conflicts c WHERE c.organization_id = o.id)');
    if (filter.claimConflict === false) qb.andWhere('NOT EXISTS (SELECT 1 FROM uscc_claim_conflicts c WHERE c.organization_id = o.id)');
    const totalCount = await qb.clone().getCount();
    return { ...(await fetchKeysetPage(qb, 'o', 'organizations', first, after)), totalCount };
  }

  /** Claim conflicts of several organizations (DataLoader batch), in key order. */
  async claimConflicts(organizationIds: readonly string[]): Promise<Array<UsccClaimConflictEntity | null>> {
    const rows = await this.dataSource.getRepository(UsccClaimConflictEntity).findBy({ organizationId: In([...organizationIds]) });
    const map = new Map(rows.map((r) => [r.organizationId, r]));
    return organizationIds.map((id) => map.get(id) ?? null);
  }

  /** The decision history of one organization, newest first. */
  history(organizationId: string): Promise<VerificationDecisionEntity[]> {
    return this.dataSource.getRepository(VerificationDecisionEntity).find({ where: { organizationId }, order: { decidedAt: 'DESC', id: 'DESC' }, take: 100 });
  }
}
