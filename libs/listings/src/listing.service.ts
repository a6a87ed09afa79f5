import { Injectable } from '@nestjs/common';
import {
  checkPageSize,
  decodeKeysetCursor,
  fetchKeysetPage,
  keysetCursor,
  AppError,
  asPatchError,
  badInput,
  conflict,
  mergePatch,
  type Patch,
  notFound,
  parseId,
  recordEvent,
  todayInShanghai,
} from '../../platform/src/index.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { ChallengeTermsChangedData, DomainEventType } from '../../platform/src/index.js';
import { authorizeKind, authorizeQuery, authorizeRow, lockStanding, describeRegionCodeProblem, regionStem } from '../../identity/src/index.js';
import type { Actor, MutationName } from '../../identity/src/index.js';
import { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from './entities/listing-details.entity.js';
import { ListingEntity } from './entities/listing.entity.js';
import { ParkEntity } from './entities/park.entity.js';
import { TakedownAppealEntity } from './entities/takedown-appeal.entity.js';
import type { ListingKind, ListingStatus } from './listing-enums.js';
import { closeOpenApplications, recordChallengeEdited, type ChallengeTermField } from './challenges/challenge-closure.js';
import { recordTimeline } from '../../timeline/src/index.js';
import {
  canSeeListing,
  fullListings,
  loadListingPage,
  loadListingRows,
  type FullListing,
  type ListingDetails,
  type ListingPageFilter,
  type ListingReadPage,
  type ListingReadShape,
} from './listing-rows.read-model.js';
import {
  CHALLENGE_REQUIRED,
  CREDIT_PRODUCT_REQUIRED,
  PARK_REQUIRED,
  PARK_VACANCY_REQUIRED,
  SERVICE_OFFERING_REQUIRED,
  type ChallengePatchCommand,
  type CreditProductPatchCommand,
  type ParkPatchCommand,
  type ParkVacancyPatchCommand,
  type ServiceOfferingPatchCommand,
  validateChallenge,
  validateCreditProduct,
  validatePark,
  validateParkVacancy,
  validateServiceOffering,
  type ChallengeInputCommand,
  type CreditProductInputCommand,
  type ParkInputCommand,
  type ParkVacancyInputCommand,
  type ServiceOfferingInputCommand,
} from './listing-input.js';

export { canSeeListing };
export type { FullListing, ListingDetails };

const DETAIL_ENTITY = {
  SERVICE_OFFERING: ServiceOfferingEntity,
  CREDIT_PRODUCT: CreditProductEntity,
  CHALLENGE: ChallengeEntity,
  PARK_VACANCY: ParkVacancyEntity,
} as const;

const KIND_LABEL: Record<ListingKind, string> = {
  SERVICE_OFFERING: '服务产品',
  CREDIT_PRODUCT: '金融产品',
  CHALLENGE: '揭榜榜单',
  PARK_VACANCY: '园区房源',
};

export interface ListingFilterCommand {
  kinds?: ListingKind[] | null;
  ownerId?: string | null;
  status?: ListingStatus | null;
  regionCodes?: string[] | null;
  /** Vacancies of this park only (Park.vacancies). */
  parkId?: string | null;
}


/** What changed in a challenge's terms that its applicants answered: budget (元), dates and indicators. Pure. */
export function challengeTermChanges(
  before: Pick<ChallengeEntity, 'budget' | 'applyBy' | 'completionDeadline'> & Partial<Pick<ChallengeEntity, 'indicators'>>,
  after: Pick<ChallengeEntity, 'budget' | 'applyBy' | 'completionDeadline'> & Partial<Pick<ChallengeEntity, 'indicators'>>,
): ChallengeTermsChangedData['changes'] {
  const changes: ChallengeTermsChangedData['changes'] = {};
  if (Number(before.budget) !== Number(after.budget)) changes.budget = { from: Number(before.budget), to: Number(after.budget) };
  if (before.applyBy !== after.applyBy) changes.applyBy = { from: before.applyBy, to: after.applyBy };
  if ((before.completionDeadline ?? null) !== (after.completionDeadline ?? null)) {
    changes.completionDeadline = { from: before.completionDeadline ?? null, to: after.completionDeadline ?? null };
  }
  const [was, now] = [before.indicators ?? [], after.indicators ?? []];
  if (was.length !== now.length || was.some((v, i) => v !== now[i])) changes.indicators = { from: [...was], to: [...now] };
  return changes;
}

/** The fields every listing input has, read back from the row (the base a partial update merges onto). */
function commonOf(l: ListingEntity) {
  return { title: l.title, description: l.description, regionCodes: l.regionCodes, industryCodes: l.industryCodes, tags: l.tags };
}

/** An update takes the whole listing (`input`) or a partial one (`patch`): exactly one. */
function oneForm(input: unknown, patch: unknown): 'input' | 'patch' {
  if ((input == null) === (patch == null)) {
    throw badInput('请只提供 input（整体替换）或 patch（部分修改）之一 (give exactly one of input, the whole listing, or patch, the fields to change)', input == null ? 'input' : 'patch');
  }
  return input != null ? 'input' : 'patch';
}

/** The owner's appeal message and the AUTHORITY's notes: bounded, never blank. */
function note(value: string, field: string, max: number, label: string): string {
  const v = (value ?? '').trim();
  if (!v) throw badInput(`${label}不能为空 (${field} is required)`, field);
  if (Array.from(v).length > max) throw badInput(`${label}最多 ${max} 字 (${field} at most ${max} characters)`, field);
  return v;
}

export interface AppealPage {
  rows: TakedownAppealEntity[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ParkPage {
  rows: ParkEntity[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The Relay cursor of a listing in the newest-first order. */
export const listingCursor = (l: ListingEntity): string => keysetCursor(l);

/**
 * The four listing kinds (services, credit products, 揭榜 challenges, park vacancies) and parks:
 * create, update, publish and close, each with its outbox event in the caller's transaction.
 */
@Injectable()
export class ListingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async event(manager: EntityManager, type: DomainEventType, l: ListingEntity, actor: Actor | undefined) {
    await recordEvent(manager, {
      type: type as 'listing.created',
      aggregateType: 'listing',
      aggregateId: l.id,
      data: { listingId: l.id, kind: l.kind, ownerOrganizationId: l.ownerOrganizationId, status: l.status, version: l.version },
      actorUserId: actor?.userId ?? null,
    });
  }

  private async insert(manager: EntityManager, actor: Actor, kind: ListingKind, common: Partial<ListingEntity>, details: object): Promise<FullListing> {
    const listing = await manager.save(manager.create(ListingEntity, { ...common, kind, ownerOrganizationId: actor.organizationId, status: 'DRAFT', version: 1 }));
    const saved = await manager.save(manager.create(DETAIL_ENTITY[kind] as typeof ServiceOfferingEntity, { ...details, listingId: listing.id }));
    await this.event(manager, 'listing.created', listing, actor);
    return { listing, details: saved as ListingDetails };
  }

  /** Loads a listing for change: locked, of the expected kind, owned by the caller. */
  private async lockOwned(manager: EntityManager, actor: Actor | undefined, id: string, kind: ListingKind | undefined, mutation: MutationName): Promise<ListingEntity> {
    authorizeKind(actor, mutation);
    const listingId = parseId(id, 'id');
    const listing = await manager.findOne(ListingEntity, { where: { id: listingId }, lock: { mode: 'pessimistic_write' } });
    if (!listing || !canSeeListing(actor!, listing)) throw notFound(`${kind ? KIND_LABEL[kind] : '信息'} ${id} 不存在 (listing not found)`);
    if (kind && listing.kind !== kind) {
      throw badInput(`该信息是${KIND_LABEL[listing.kind]}，不能用此操作修改 (listing ${id} is a ${listing.kind}, not a ${kind})`, 'id');
    }
    authorizeRow(actor, mutation, { ownerOrganizationId: listing.ownerOrganizationId });
    return listing;
  }

  /**
   * Changes a listing in the caller's transaction. `build` runs on the locked row and its current
   * details (a partial update merges onto them, ADR 0031) and returns the validated whole; `check`
   * then runs before anything is written (e.g. a published challenge's applyBy).
   */
  private async update(
    manager: EntityManager,
    actor: Actor | undefined,
    id: string,
    kind: ListingKind,
    mutation: MutationName,
    build: (current: ListingEntity, details: ListingDetails) => Promise<{ common: Partial<ListingEntity>; details: object }> | { common: Partial<ListingEntity>; details: object },
    check?: (current: ListingEntity, details: object) => void,
  ): Promise<FullListing> {
    const listing = await this.lockOwned(manager, actor, id, kind, mutation);
    const entity = DETAIL_ENTITY[kind] as typeof ServiceOfferingEntity;
    const current = (await manager.findOneByOrFail(entity, { listingId: listing.id })) as ListingDetails;
    const { common, details } = await build(listing, current);
    check?.(listing, details);
    const before = kind === 'CHALLENGE' && listing.status === 'PUBLISHED' ? { ...current } : null;
    Object.assign(listing, common, { version: listing.version + 1 });
    await manager.save(listing);
    await manager.update(entity, { listingId: listing.id }, details as never);
    await this.event(manager, 'listing.updated', listing, actor);
    const after = (await manager.findOneByOrFail(entity, { listingId: listing.id })) as ListingDetails;
    if (before) {
      // Applicants answered the old terms: tell them what changed (the old values are gone after this).
      const changes = challengeTermChanges(before as ChallengeEntity, after as ChallengeEntity);
      if (Object.keys(changes).length > 0) {
        await recordChallengeEdited(manager, listing, { userId: actor!.userId, organizationId: actor!.organizationId }, Object.keys(changes) as ChallengeTermField[]);
        await recordEvent(manager, {
          type: 'challenge.terms-changed',
          aggregateType: 'listing',
          aggregateId: listing.id,
          data: { challengeId: listing.id, ownerOrganizationId: listing.ownerOrganizationId, version: listing.version, changes },
          actorUserId: actor?.userId ?? null,
        });
      }
    }
    return { listing, details: after };
  }

  /** Validates a merged patch, reporting its problems under `patch.<field>`. */
  private static merged<T>(validate: () => T): T {
    try {
      return validate();
    } catch (err) {
      throw asPatchError(err);
    }
  }

  createServiceOffering(manager: EntityManager, actor: Actor | undefined, input: ServiceOfferingInputCommand) {
    authorizeKind(actor, 'createServiceOffering');
    const { common, details } = validateServiceOffering(input);
    return this.insert(manager, actor!, 'SERVICE_OFFERING', common, details);
  }

  /** Whole replacement (`input`) or partial update (`patch`, ADR 0031): exactly one of them. */
  updateServiceOffering(manager: EntityManager, actor: Actor | undefined, id: string, input: ServiceOfferingInputCommand | null | undefined, patch?: ServiceOfferingPatchCommand | null) {
    authorizeKind(actor, 'updateServiceOffering');
    const whole = oneForm(input, patch) === 'input' ? validateServiceOffering(input!) : null;
    return this.update(manager, actor, id, 'SERVICE_OFFERING', 'updateServiceOffering', (l, d) =>
      whole ?? ListingService.merged(() => validateServiceOffering(mergePatch<ServiceOfferingInputCommand>({ ...commonOf(l), ...(d as ServiceOfferingEntity) }, patch, SERVICE_OFFERING_REQUIRED))),
    );
  }

  createCreditProduct(manager: EntityManager, actor: Actor | undefined, input: CreditProductInputCommand) {
    authorizeKind(actor, 'createCreditProduct');
    const { common, details } = validateCreditProduct(input);
    return this.insert(manager, actor!, 'CREDIT_PRODUCT', common, details);
  }

  updateCreditProduct(manager: EntityManager, actor: Actor | undefined, id: string, input: CreditProductInputCommand | null | undefined, patch?: CreditProductPatchCommand | null) {
    authorizeKind(actor, 'updateCreditProduct');
    const whole = oneForm(input, patch) === 'input' ? validateCreditProduct(input!) : null;
    return this.update(manager, actor, id, 'CREDIT_PRODUCT', 'updateCreditProduct', (l, d) => {
      if (whole) return whole;
      const c = d as CreditProductEntity;
      const current: CreditProductInputCommand = {
        ...commonOf(l),
        ...c,
        eligibility: { tiers: c.eligibleTiers, minAnnualRevenue: c.minAnnualRevenue, minInventionPatents: c.minInventionPatents, minYearsInBusiness: c.minYearsInBusiness, maxDebtRatio: c.maxDebtRatio },
      };
      const { eligibility, ...rest } = patch ?? {};
      const merged = mergePatch<CreditProductInputCommand>(current, rest as Patch<CreditProductInputCommand>, CREDIT_PRODUCT_REQUIRED);
      if (eligibility === null) throw badInput('eligibility 为必填项，不能清空 (eligibility cannot be cleared; omit it to keep it)', 'patch.eligibility');
      merged.eligibility = mergePatch(current.eligibility, eligibility, ['tiers'], 'patch.eligibility');
      return ListingService.merged(() => validateCreditProduct(merged));
    });
  }

  createChallenge(manager: EntityManager, actor: Actor | undefined, input: ChallengeInputCommand) {
    authorizeKind(actor, 'createChallenge');
    const { common, details } = validateChallenge(input);
    return this.insert(manager, actor!, 'CHALLENGE', common, details);
  }

  updateChallenge(manager: EntityManager, actor: Actor | undefined, id: string, input: ChallengeInputCommand | null | undefined, patch?: ChallengePatchCommand | null) {
    authorizeKind(actor, 'updateChallenge');
    const whole = oneForm(input, patch) === 'input' ? validateChallenge(input!) : null;
    return this.update(
      manager,
      actor,
      id,
      'CHALLENGE',
      'updateChallenge',
      (l, d) => whole ?? ListingService.merged(() => validateChallenge(mergePatch<ChallengeInputCommand>({ ...commonOf(l), ...(d as ChallengeEntity) }, patch, CHALLENGE_REQUIRED))),
      (current, details) => {
        if (current.status === 'PUBLISHED') this.assertApplyByOpen((details as ChallengeEntity).applyBy);
      },
    );
  }

  private assertApplyByOpen(applyBy: string) {
    const today = todayInShanghai();
    if (applyBy < today) {
      throw badInput(`揭榜截止日期 ${applyBy} 已过（今天 ${today}），请先修改截止日期 (applyBy is in the past)`, 'input.applyBy');
    }
  }

  async createPark(manager: EntityManager, actor: Actor | undefined, input: ParkInputCommand): Promise<ParkEntity> {
    authorizeKind(actor, 'createPark');
    const park = validatePark(input);
    return manager.save(manager.create(ParkEntity, { ...park, operatorOrganizationId: actor!.organizationId }));
  }

  private async ownPark(manager: EntityManager, actor: Actor | undefined, mutation: MutationName, parkId: string, field = 'input.parkId', lock = false): Promise<ParkEntity> {
    authorizeKind(actor, mutation);
    const park = await manager.findOne(ParkEntity, { where: { id: parseId(parkId, field) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!park) throw notFound(`园区 ${parkId} 不存在 (park not found)`);
    authorizeRow(actor, mutation, { ownerOrganizationId: park.operatorOrganizationId });
    return park;
  }

  async createParkVacancy(manager: EntityManager, actor: Actor | undefined, input: ParkVacancyInputCommand) {
    authorizeKind(actor, 'createParkVacancy');
    const { common, details } = validateParkVacancy(input);
    const park = await this.ownPark(manager, actor, 'createParkVacancy', input.parkId);
    return this.insert(manager, actor!, 'PARK_VACANCY', { ...common, regionCodes: [park.regionCode] }, { ...details, parkId: park.id });
  }

  async updateParkVacancy(manager: EntityManager, actor: Actor | undefined, id: string, input: ParkVacancyInputCommand | null | undefined, patch?: ParkVacancyPatchCommand | null) {
    authorizeKind(actor, 'updateParkVacancy');
    const whole = oneForm(input, patch) === 'input' ? validateParkVacancy(input!) : null;
    return this.update(manager, actor, id, 'PARK_VACANCY', 'updateParkVacancy', async (l, d) => {
      const merged = whole ? input! : mergePatch<ParkVacancyInputCommand>({ ...commonOf(l), ...(d as ParkVacancyEntity) }, patch, PARK_VACANCY_REQUIRED);
      const { common, details } = whole ?? ListingService.merged(() => validateParkVacancy(merged));
      const park = await this.ownPark(manager, actor, 'updateParkVacancy', merged.parkId, whole ? 'input.parkId' : 'patch.parkId');
      return { common: { ...common, regionCodes: [park.regionCode] }, details: { ...details, parkId: park.id } };
    });
  }

  /** DRAFT or CLOSED → PUBLISHED, by a verified owner. Publishing a published listing changes nothing. */
  async publish(manager: EntityManager, actor: Actor | undefined, id: string): Promise<FullListing> {
    const listing = await this.lockOwned(manager, actor, id, undefined, 'publishListing');
    // The policy read `verified` when the request began; a revocation since then must win.
    if (!(await lockStanding(manager, listing.ownerOrganizationId)).verified) authorizeKind({ ...actor!, verified: false }, 'publishListing');
    const details = (await manager.findOneByOrFail(DETAIL_ENTITY[listing.kind] as typeof ServiceOfferingEntity, { listingId: listing.id })) as ListingDetails;
    if (listing.status === 'PUBLISHED') return { listing, details };
    // Who closed it decides who reopens it (ADR 0031): the owner's own close, with a reason or not, is its to undo.
    if (listing.status === 'CLOSED' && listing.closedByAuthority) {
      throw new AppError(
        'FORBIDDEN',
        `该信息已被主管部门下架（原因：${listing.closedReason ?? '未说明'}），不能自行重新发布；请按要求修改后通过“申诉”（appealTakedown）提交说明，由主管部门恢复 (publishListing: taken down by the AUTHORITY, which alone reinstates it; appeal with appealTakedown)`,
        { field: 'id' },
      );
    }
    if (listing.kind === 'CHALLENGE') this.assertApplyByOpen((details as ChallengeEntity).applyBy);
    Object.assign(listing, { status: 'PUBLISHED', publishedAt: new Date(), closedAt: null, closedReason: null, closedByUserId: null, closedByAuthority: false, version: listing.version + 1 });
    await manager.save(listing);
    await this.event(manager, 'listing.published', listing, actor);
    if (listing.kind === 'CHALLENGE') {
      await recordTimeline(manager, { subjectType: 'CHALLENGE', subjectId: listing.id, kind: 'STATUS_CHANGED', status: 'PUBLISHED', actorOrganizationId: actor!.organizationId, actorUserId: actor!.userId });
    }
    return { listing, details };
  }

  /** The owner closes its listing; the AUTHORITY can close any (下架) and must say why. */
  async close(manager: EntityManager, actor: Actor | undefined, id: string, reason?: string | null): Promise<FullListing> {
    const listing = await this.lockOwned(manager, actor, id, undefined, 'closeListing');
    const details = (await manager.findOneByOrFail(DETAIL_ENTITY[listing.kind] as typeof ServiceOfferingEntity, { listingId: listing.id })) as ListingDetails;
    const byAuthority = actor!.kind === 'AUTHORITY' && listing.ownerOrganizationId !== actor!.organizationId;
    const why = reason?.trim() || null;
    if (byAuthority && !why) throw badInput('主管部门下架时必须填写原因 (reason is required when the AUTHORITY closes a listing)', 'reason');
    if (why && why.length > 500) throw badInput('下架原因最多 500 字 (reason at most 500 characters)', 'reason');
    // Closed already: nothing changes, except that the AUTHORITY taking down a listing its owner had
    // closed makes it a takedown (the owner could otherwise re-publish what the AUTHORITY took down).
    if (listing.status === 'CLOSED' && !(byAuthority && !listing.closedByAuthority)) return { listing, details };
    const wasClosed = listing.status === 'CLOSED';
    Object.assign(listing, { status: 'CLOSED', closedAt: wasClosed ? listing.closedAt : new Date(), closedReason: why, closedByUserId: actor!.userId, closedByAuthority: byAuthority, version: listing.version + 1 });
    await manager.save(listing);
    await this.event(manager, 'listing.closed', listing, actor);
    if (wasClosed) return { listing, details };
    // Its open applications must not hang: they end with it, each applicant told (ADR 0028).
    if (listing.kind === 'CHALLENGE') await closeOpenApplications(manager, listing, { userId: actor!.userId, organizationId: actor!.organizationId }, byAuthority);
    return { listing, details };
  }

  /**
   * The owner appeals (申诉) the AUTHORITY's takedown of its listing, with a message for the
   * AUTHORITY's desk (ADR 0031). One open appeal per listing; both sides are notified.
   */
  async appealTakedown(manager: EntityManager, actor: Actor | undefined, id: string, message: string): Promise<TakedownAppealEntity> {
    authorizeKind(actor, 'appealTakedown');
    const text = note(message, 'message', 1_000, '申诉说明');
    const listing = await this.lockOwned(manager, actor, id, undefined, 'appealTakedown');
    if (listing.status !== 'CLOSED' || !listing.closedByAuthority) {
      throw conflict(`该${KIND_LABEL[listing.kind]}未被主管部门下架，无需申诉${listing.status === 'CLOSED' ? '：您自行关闭的信息可直接重新发布' : ''} (appealTakedown: the listing is not taken down by the AUTHORITY)`, 'id');
    }
    const open = await manager.findOneBy(TakedownAppealEntity, { listingId: listing.id, status: 'OPEN' });
    if (open) throw conflict(`该信息已有待主管部门处理的申诉（${open.createdAt.toISOString().slice(0, 10)} 提交），请等待处理结果 (appealTakedown: an appeal is already open)`, 'id');
    const appeal = await manager.save(
      manager.create(TakedownAppealEntity, { listingId: listing.id, ownerOrganizationId: listing.ownerOrganizationId, message: text, takedownReason: listing.closedReason, status: 'OPEN', createdByUserId: actor!.userId }),
    );
    await recordEvent(manager, {
      type: 'listing.takedown-appealed',
      aggregateType: 'listing',
      aggregateId: listing.id,
      data: { listingId: listing.id, kind: listing.kind, ownerOrganizationId: listing.ownerOrganizationId, status: listing.status, version: listing.version, appealId: appeal.id },
      actorUserId: actor!.userId,
    });
    return appeal;
  }

  /**
   * The AUTHORITY lifts its takedown (恢复), saying why (ADR 0031). The listing is published again
   * when it can be (its owner verified, a challenge's applyBy not past); otherwise it stays closed,
   * now by its owner, who may edit and re-publish it. An open appeal ends REINSTATED.
   */
  async reinstate(manager: EntityManager, actor: Actor | undefined, id: string, noteText: string): Promise<FullListing> {
    authorizeKind(actor, 'reinstateListing');
    const why = note(noteText, 'note', 500, '恢复说明');
    const listing = await this.lockOwned(manager, actor, id, undefined, 'reinstateListing');
    if (listing.status !== 'CLOSED' || !listing.closedByAuthority) {
      throw conflict(`该${KIND_LABEL[listing.kind]}当前未处于主管部门下架状态，无需恢复 (reinstateListing: the listing is not taken down)`, 'id');
    }
    const details = (await manager.findOneByOrFail(DETAIL_ENTITY[listing.kind] as typeof ServiceOfferingEntity, { listingId: listing.id })) as ListingDetails;
    const standing = await lockStanding(manager, listing.ownerOrganizationId);
    const republish = standing.verified && (listing.kind !== 'CHALLENGE' || (details as ChallengeEntity).applyBy >= todayInShanghai());
    const takedownReason = listing.closedReason;
    if (republish) {
      Object.assign(listing, { status: 'PUBLISHED', publishedAt: new Date(), closedAt: null, closedReason: null, closedByUserId: null, closedByAuthority: false });
    } else {
      listing.closedByAuthority = false;
    }
    listing.version += 1;
    await manager.save(listing);
    const appeal = await manager.findOneBy(TakedownAppealEntity, { listingId: listing.id, status: 'OPEN' });
    if (appeal) await manager.update(TakedownAppealEntity, { id: appeal.id }, { status: 'REINSTATED', resolutionNote: why, resolvedAt: new Date() });
    await recordEvent(manager, {
      type: 'listing.reinstated',
      aggregateType: 'listing',
      aggregateId: listing.id,
      data: { listingId: listing.id, kind: listing.kind, ownerOrganizationId: listing.ownerOrganizationId, status: listing.status, version: listing.version, appealId: appeal?.id ?? null, takedownReason, note: why },
      actorUserId: actor!.userId,
    });
    if (republish && listing.kind === 'CHALLENGE') {
      await recordTimeline(manager, { subjectType: 'CHALLENGE', subjectId: listing.id, kind: 'STATUS_CHANGED', status: 'PUBLISHED', actorOrganizationId: actor!.organizationId, actorUserId: actor!.userId });
    }
    return { listing, details };
  }

  /** The AUTHORITY's desk of takedown appeals, newest first; `status` OPEN (default) or all. */
  async appealsPage(actor: Actor, openOnly: boolean, first: number, after?: string | null): Promise<AppealPage> {
    authorizeQuery(actor, 'takedownAppeals');
    checkPageSize(first);
    const qb = this.dataSource.getRepository(TakedownAppealEntity).createQueryBuilder('a');
    if (openOnly) qb.where("a.status = 'OPEN'");
    const totalCount = await qb.clone().getCount();
    const page = await fetchKeysetPage(qb, 'a', 'listing_takedown_appeals', first, after);
    return { ...page, totalCount };
  }

  /**
   * The owner deletes a listing it never published (a draft, or a draft it closed). Anything once
   * published is closed instead, never deleted: others saw it, requested it, applied to it.
   */
  async deleteDraft(manager: EntityManager, actor: Actor | undefined, id: string): Promise<string> {
    const listing = await this.lockOwned(manager, actor, id, undefined, 'deleteListing');
    if (listing.publishedAt !== null || listing.status === 'PUBLISHED') {
      throw conflict(
        `该${KIND_LABEL[listing.kind]}已发布过，不能删除；如不再对外展示，请关闭（closeListing）(deleteListing: only a listing never published can be deleted; close it instead)`,
        'id',
      );
    }
    await this.event(manager, 'listing.deleted', listing, actor);
    await manager.delete(ListingEntity, { id: listing.id });
    return listing.id;
  }

  /**
   * The operator changes its park (partial, ADR 0031). A new region moves its vacancies with it
   * (a vacancy's region is its park's): each is updated and re-indexed in the same transaction.
   */
  async updatePark(manager: EntityManager, actor: Actor | undefined, id: string, patch: ParkPatchCommand): Promise<ParkEntity> {
    const park = await this.ownPark(manager, actor, 'updatePark', id, 'id', true);
    const current = { name: park.name, regionCode: park.regionCode, starRating: park.starRating, industries: park.industries, address: park.address };
    const next = ListingService.merged(() => validatePark(mergePatch<ParkInputCommand>(current, patch, PARK_REQUIRED)));
    const moved = next.regionCode !== park.regionCode;
    Object.assign(park, next);
    const saved = await manager.save(park);
    if (moved) {
      const vacancies = await manager
        .getRepository(ListingEntity)
        .createQueryBuilder('l')
        .innerJoin(ParkVacancyEntity, 'v', 'v.listing_id = l.id')
        .where('v.park_id = :park', { park: park.id })
        .setLock('pessimistic_write', undefined, ['l'])
        .getMany();
      for (const l of vacancies) {
        Object.assign(l, { regionCodes: [park.regionCode], version: l.version + 1 });
        await manager.save(l);
        await this.event(manager, 'listing.updated', l, actor);
      }
    }
    return saved;
  }

  /** The caller's own parks, newest first (a PARK_OPERATOR's; refused to other kinds). */
  async myParks(actor: Actor, first: number, after?: string | null): Promise<ParkPage> {
    authorizeQuery(actor, 'myParks');
    checkPageSize(first);
    const qb = this.dataSource.getRepository(ParkEntity).createQueryBuilder('p').where('p.operatorOrganizationId = :me', { me: actor.organizationId });
    const totalCount = await qb.clone().getCount();
    const page = await fetchKeysetPage(qb, 'p', 'parks', first, after);
    return { ...page, totalCount };
  }

  /** Published and closed listings are visible to every signed-in user; drafts only to their owner. */
  async findVisible(actor: Actor, id: string): Promise<FullListing | null> {
    const [row] = await loadListingRows(this.dataSource, { ids: [parseId(id, 'id')] });
    if (!row || !canSeeListing(actor, row.listing)) return null;
    const [full] = fullListings([row]);
    return full ?? null;
  }

  /**
   * A Relay page, newest first, of the columns `shape` asks for, in one prepared statement (ADR 0040).
   * Drafts only for their owner (visibleListingSql, the read model's twin of canSeeListing).
   */
  async read(actor: Actor, shape: ListingReadShape, filter: ListingFilterCommand, first: number, after?: string | null): Promise<ListingReadPage & { endCursor: string | null }> {
    checkPageSize(first);
    // Checked in the order the TypeORM page checked them: the first bad input named is the same.
    const ownerId = filter.ownerId ? parseId(filter.ownerId, 'filter.ownerId') : undefined;
    filter.regionCodes?.forEach((code, i) => {
      const problem = describeRegionCodeProblem(code);
      if (problem) throw badInput(problem, `filter.regionCodes[${i}]`);
    });
    const page = await loadListingPage(this.dataSource, shape, {
      viewerOrganizationId: actor.organizationId,
      kinds: filter.kinds ?? undefined,
      ownerId,
      status: filter.status ?? undefined,
      parkId: filter.parkId ?? undefined,
      regionStems: filter.regionCodes?.length ? filter.regionCodes.map(regionStem) : undefined,
      after: after ? decodeKeysetCursor(after) : undefined,
      first,
    });
    const last = page.rows[page.rows.length - 1];
    return { ...page, endCursor: last ? listingCursor(last.listing) : null };
  }

  /** One listing the actor may see, of the columns `shape` asks for, in one prepared statement; null if none. */
  async readVisible(actor: Actor, id: string, shape: Omit<ListingReadShape, 'totalCount'>): Promise<ListingReadPage['rows'][number] | null> {
    const filter: ListingPageFilter = { viewerOrganizationId: actor.organizationId, ids: [parseId(id, 'id')], first: 1 };
    const page = await loadListingPage(this.dataSource, { ...shape, totalCount: false }, filter);
    return page.rows[0] ?? null;
  }

  /** The PUBLISHED listings among `ids` (at most 100), of the columns `shape` asks for, in one prepared statement (search hits). */
  async readPublished(actor: Actor, ids: readonly string[], shape: Omit<ListingReadShape, 'totalCount'>): Promise<ListingReadPage['rows']> {
    const filter: ListingPageFilter = { viewerOrganizationId: actor.organizationId, ids, publishedOnly: true, first: ids.length };
    return (await loadListingPage(this.dataSource, { ...shape, totalCount: false }, filter)).rows;
  }

  /** Listings with details by id, no visibility check (DataLoader batch). */
  async byIds(ids: readonly string[]): Promise<FullListing[]> {
    return fullListings(await loadListingRows(this.dataSource, { ids }));
  }

  parksByIds(ids: readonly string[]): Promise<ParkEntity[]> {
    return this.dataSource.getRepository(ParkEntity).findBy({ id: In([...ids]) });
  }

  async requirePark(id: string): Promise<ParkEntity | null> {
    return this.dataSource.getRepository(ParkEntity).findOneBy({ id: parseId(id, 'id') });
  }
}
