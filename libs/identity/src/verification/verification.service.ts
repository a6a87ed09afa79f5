import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import {
  AppError,
  badInput,
  conflict,
  echoInput,
  forbidden,
  isUniqueViolation,
  notFound,
  parseId,
  recordEvent,
  checkPageSize,
  fetchKeysetPage,
} from '../../../platform/src/index.js';
import { normalizeUscc, validateUscc } from '../uscc/uscc.js';
import { authorizeKind, authorizeQuery } from '../access/authorize.js';
import type { Actor, MutationName } from '../access/access-policy.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../organizations/organization-kind.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { actorChanged } from '../auth/actor-cache.js';
import { describeRegionCodeProblem, regionStem } from '../../../codes/src/index.js';
import { UsccClaimConflictEntity } from './uscc-claim-conflict.entity.js';
import { VerificationDecisionEntity } from './verification-decision.entity.js';
import {
  VERIFICATION_REASON_MAX_CHARS,
  VERIFICATION_STATES,
  USCC_CLAIM_OUTCOMES,
  verificationTransition,
  type UsccClaimOutcome,
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
  /** A corrected USCC (check digit verified; not held by another organization); required once released. */
  uscc?: string | null;
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

const usccTaken = () =>
  conflict(
    '该统一社会信用代码已由其他机构持有，请核对本机构的代码；如确属本机构，请联系主管部门 (this USCC is held by another organization; check your code or contact the AUTHORITY)',
    'input.uscc',
  );

const ACTION_MUTATION: Record<VerificationAction, MutationName> = {
  VERIFY: 'verifyOrganization',
  REJECT: 'rejectOrganization',
  REQUEST_INFO: 'requestOrganizationInfo',
  REVOKE: 'revokeVerification',
  RESUBMIT: 'resubmitOrganization',
  RELEASE_USCC: 'resolveUsccClaim',
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
  async decide(manager: EntityManager, actor: Actor | undefined, id: string, action: Exclude<VerificationAction, 'RESUBMIT' | 'RELEASE_USCC'>, reason: string | null, reasonField = 'reason'): Promise<DecisionOutcome> {
    authorizeKind(actor, ACTION_MUTATION[action]);
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
    authorizeKind(actor, 'resubmitOrganization');
    const name = input.name == null ? undefined : input.name.trim();
    if (name !== undefined && (chars(name) < 2 || chars(name) > 200)) {
      throw badInput('机构名称需 2–200 个字符 (organization name must be 2–200 characters)', 'input.name');
    }
    const regionCode = input.regionCode == null ? undefined : input.regionCode.trim();
    if (regionCode !== undefined) {
      const problem = describeRegionCodeProblem(regionCode);
      if (problem) throw badInput(problem, 'input.regionCode');
    }
    let uscc: string | undefined;
    if (input.uscc != null) {
      if (typeof input.uscc !== 'string' || Array.from(input.uscc).length > 40) throw badInput('统一社会信用代码应为 18 位 (uscc must be 18 characters)', 'input.uscc');
      uscc = normalizeUscc(input.uscc);
      const usccCheck = validateUscc(uscc);
      if (!usccCheck.ok) throw badInput(usccCheck.reason, 'input.uscc');
    }
    const note = validateReason(input.note, 'input.note', false);
    const org = await manager.findOne(OrganizationEntity, { where: { id: actor!.organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound('机构不存在 (organization not found)');
    const check = verificationTransition(org.verificationState, 'RESUBMIT');
    if (!check.ok) throw new AppError('CONFLICT', check.message);
    if (org.uscc === null && uscc === undefined) {
      throw badInput(
        '主管部门已释放本机构申领的统一社会信用代码，重新提交审核时须填写本机构正确的统一社会信用代码 (your USCC was released by the AUTHORITY; resubmit with your own USCC)',
        'input.uscc',
      );
    }
    if (uscc !== undefined && uscc !== org.uscc) {
      const holder = await manager.createQueryBuilder(OrganizationEntity, 'o').where('o.uscc = :uscc AND o.id <> :id', { uscc, id: org.id }).getExists();
      if (holder) throw usccTaken();
      org.uscc = uscc;
    }
    if (name !== undefined) org.name = name;
    if (regionCode !== undefined) org.regionCode = regionCode;
    try {
      return await this.apply(manager, org, 'RESUBMIT', note, actor!.userId);
    } catch (err) {
      // Another organization took the code between the check and this write.
      if (isUniqueViolation(err)) throw usccTaken();
      throw err;
    }
  }

  /**
   * The AUTHORITY decides a USCC claimed twice (an open row of `uscc_claim_conflicts`):
   * CLAIMANT_CONFIRMED verifies the registrant (the VERIFY path; the conflict is closed there);
   * CLAIM_RELEASED rejects it (RELEASE_USCC, a REJECTED decision with the reason) and frees the USCC
   * (`organizations.uscc` → null, kept in `released_uscc`), so that an import creates the real firm.
   * Its members keep their accounts. Checks run before any write; refusals write nothing.
   */
  async resolveClaim(manager: EntityManager, actor: Actor | undefined, id: string, outcome: UsccClaimOutcome, reason: string): Promise<DecisionOutcome> {
    authorizeKind(actor, 'resolveUsccClaim');
    if (!USCC_CLAIM_OUTCOMES.includes(outcome)) throw badInput(`未知的处理结果 ${echoInput(outcome)} (unknown outcome)`, 'outcome');
    const why = validateReason(reason, 'reason', true)!;
    const orgId = parseId(id, 'organizationId');
    const org = await manager.findOne(OrganizationEntity, { where: { id: orgId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw notFound(`机构 ${orgId} 不存在 (organization not found)`);
    const [open] = await manager.query('SELECT id FROM uscc_claim_conflicts WHERE organization_id = $1 AND outcome IS NULL FOR UPDATE', [org.id]);
    if (!open) {
      throw conflict('该机构没有待处理的统一社会信用代码申领冲突 (this organization has no open USCC claim conflict)', 'organizationId');
    }
    if (outcome === 'CLAIMANT_CONFIRMED') {
      const result = await this.apply(manager, org, 'VERIFY', why, actor!.userId);
      // Verifying closes open conflicts; an organization verified meanwhile still gets its conflict decided here.
      await this.closeConflicts(manager, org.id, 'CLAIMANT_CONFIRMED', why, actor!.userId);
      return result;
    }
    const check = verificationTransition(org.verificationState, 'RELEASE_USCC');
    if (!check.ok) throw new AppError('CONFLICT', check.message);
    org.releasedUscc = org.uscc;
    org.uscc = null;
    const result = await this.apply(manager, org, 'RELEASE_USCC', why, actor!.userId);
    await this.closeConflicts(manager, org.id, 'CLAIM_RELEASED', why, actor!.userId);
    return result;
  }

  private async closeConflicts(manager: EntityManager, organizationId: string, outcome: UsccClaimOutcome, reason: string | null, userId: string): Promise<void> {
    await manager.query(
      'UPDATE uscc_claim_conflicts SET outcome = $2, reason = $3, decided_by = $4, decided_at = now() WHERE organization_id = $1 AND outcome IS NULL',
      [organizationId, outcome, reason, userId],
    );
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
    // The actor carries `verified`: cached actors of the organization's members go (ADR 0041).
    await actorChanged(manager, { organizationIds: [org.id] });
    const decision = await manager.save(
      manager.create(VerificationDecisionEntity, { organizationId: org.id, fromState: from, toState: check.to, reason, decidedBy: userId, decidedAt: now }),
    );
    if (check.to === 'VERIFIED') {
      // Verifying the registrant confirms its claim: an open USCC claim conflict is decided with it.
      await this.closeConflicts(manager, org.id, 'CLAIMANT_CONFIRMED', reason, userId);
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
        data: {
          organizationId: org.id,
          decisionId: decision.id,
          state: check.to,
          version: org.verificationVersion,
          ...(action === 'RELEASE_USCC' ? { usccReleased: true } : {}),
        },
        actorUserId: userId,
      });
    }
    return { organization: org, decision };
  }

  /** The desk: organizations newest first (stable: created_at, id), AUTHORITY only. */
  async page(actor: Actor, filter: OrganizationFilterCommand, first: number, after?: string | null): Promise<OrganizationPage> {
    authorizeQuery(actor, 'organizations');
    checkPageSize(first);
    filter.kinds?.forEach((k, i) => {
      if (!ORGANIZATION_KINDS.includes(k)) throw badInput(`未知机构类型 ${echoInput(k)} (unknown organization kind)`, `filter.kinds[${i}]`);
    });
    filter.verification?.forEach((s, i) => {
      if (!VERIFICATION_STATES.includes(s)) throw badInput(`未知审核状态 ${echoInput(s)} (unknown verification state)`, `filter.verification[${i}]`);
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
    // Open conflicts only: a decided one (resolveUsccClaim, or verifying the registrant) leaves the desk's queue.
    if (filter.claimConflict === true) qb.andWhere('EXISTS (SELECT 1 FROM uscc_claim_conflicts c WHERE c.organization_id = o.id AND c.outcome IS NULL)');
    if (filter.claimConflict === false) qb.andWhere('NOT EXISTS (SELECT 1 FROM uscc_claim_conflicts c WHERE c.organization_id = o.id AND c.outcome IS NULL)');
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
