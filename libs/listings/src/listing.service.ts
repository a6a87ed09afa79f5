import { Injectable } from '@nestjs/common';
import {
  checkPageSize,
  fetchKeysetPage,
  keysetCursor,
  AppError,
  badInput,
  notFound,
  parseId,
  recordEvent,
  todayInShanghai,
} from '../../platform/src/index.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import type { ChallengeTermsChangedData, DomainEventType } from '../../platform/src/index.js';
import { authorizeKind, authorizeRow, lockStanding, describeRegionCodeProblem, regionStem } from '../../identity/src/index.js';
import type { Actor, MutationName } from '../../identity/src/index.js';
import { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from './entities/listing-details.entity.js';
import { ListingEntity } from './entities/listing.entity.js';
import { ParkEntity } from './entities/park.entity.js';
import type { ListingKind, ListingStatus } from './listing-enums.js';
import { closeOpenApplications, recordChallengeEdited, type ChallengeTermField } from './challenges/challenge-closure.js';
import { recordTimeline } from '../../timeline/src/index.js';
import { fullListings, loadListingRows, type FullListing, type ListingDetails } from './listing-rows.read-model.js';
import {
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

/**
 * Who sees a listing: its owner always; everyone signed in once it has been published (also after
 * it was closed). A draft, or a draft closed without ever being published, stays with its owner.
 */
export function canSeeListing(actor: Pick<Actor, 'organizationId'>, listing: Pick<ListingEntity, 'ownerOrganizationId' | 'status' | 'publishedAt'>): boolean {
  if (listing.ownerOrganizationId === actor.organizationId) return true;
  return listing.status === 'PUBLISHED' || (listing.status === 'CLOSED' && listing.publishedAt !== null);
}

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
}

export interface ListingPage {
  rows: FullListing[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
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

  /** `check` runs on the locked row before anything is written (e.g. a published challenge's applyBy). */
  private async update(
    manager: EntityManager,
    actor: Actor | undefined,
    id: string,
    kind: ListingKind,
    mutation: MutationName,
    common: Partial<ListingEntity>,
    details: object,
    check?: (current: ListingEntity) => void,
  ): Promise<FullListing> {
    const listing = await this.lockOwned(manager, actor, id, kind, mutation);
    check?.(listing);
    const entity = DETAIL_ENTITY[kind] as typeof ServiceOfferingEntity;
    const before = kind === 'CHALLENGE' && listing.status === 'PUBLISHED' ? ((await manager.findOneByOrFail(entity, { listingId: listing.id })) as ListingDetails) : null;
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

  createServiceOffering(manager: EntityManager, actor: Actor | undefined, input: ServiceOfferingInputCommand) {
    authorizeKind(actor, 'createServiceOffering');
    const { common, details } = validateServiceOffering(input);
    return this.insert(manager, actor!, 'SERVICE_OFFERING', common, details);
  }

  updateServiceOffering(manager: EntityManager, actor: Actor | undefined, id: string, input: ServiceOfferingInputCommand) {
    authorizeKind(actor, 'updateServiceOffering');
    const { common, details } = validateServiceOffering(input);
    return this.update(manager, actor, id, 'SERVICE_OFFERING', 'updateServiceOffering', common, details);
  }

  createCreditProduct(manager: EntityManager, actor: Actor | undefined, input: CreditProductInputCommand) {
    authorizeKind(actor, 'createCreditProduct');
    const { common, details } = validateCreditProduct(input);
    return this.insert(manager, actor!, 'CREDIT_PRODUCT', common, details);
  }

  updateCreditProduct(manager: EntityManager, actor: Actor | undefined, id: string, input: CreditProductInputCommand) {
    authorizeKind(actor, 'updateCreditProduct');
    const { common, details } = validateCreditProduct(input);
    return this.update(manager, actor, id, 'CREDIT_PRODUCT', 'updateCreditProduct', common, details);
  }

  createChallenge(manager: EntityManager, actor: Actor | undefined, input: ChallengeInputCommand) {
    authorizeKind(actor, 'createChallenge');
    const { common, details } = validateChallenge(input);
    return this.insert(manager, actor!, 'CHALLENGE', common, details);
  }

  updateChallenge(manager: EntityManager, actor: Actor | undefined, id: string, input: ChallengeInputCommand) {
    authorizeKind(actor, 'updateChallenge');
    const { common, details } = validateChallenge(input);
    return this.update(manager, actor, id, 'CHALLENGE', 'updateChallenge', common, details, (current) => {
      if (current.status === 'PUBLISHED') this.assertApplyByOpen(details.applyBy);
    });
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

  private async ownPark(manager: EntityManager, actor: Actor | undefined, mutation: MutationName, parkId: string): Promise<ParkEntity> {
    authorizeKind(actor, mutation);
    const park = await manager.findOneBy(ParkEntity, { id: parseId(parkId, 'input.parkId') });
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

  async updateParkVacancy(manager: EntityManager, actor: Actor | undefined, id: string, input: ParkVacancyInputCommand) {
    authorizeKind(actor, 'updateParkVacancy');
    const { common, details } = validateParkVacancy(input);
    const park = await this.ownPark(manager, actor, 'updateParkVacancy', input.parkId);
    return this.update(manager, actor, id, 'PARK_VACANCY', 'updateParkVacancy', { ...common, regionCodes: [park.regionCode] }, { ...details, parkId: park.id });
  }

  /** DRAFT or CLOSED → PUBLISHED, by a verified owner. Publishing a published listing changes nothing. */
  async publish(manager: EntityManager, actor: Actor | undefined, id: string): Promise<FullListing> {
    const listing = await this.lockOwned(manager, actor, id, undefined, 'publishListing');
    // The policy read `verified` when the request began; a revocation since then must win.
    if (!(await lockStanding(manager, listing.ownerOrganizationId)).verified) authorizeKind({ ...actor!, verified: false }, 'publishListing');
    const details = (await manager.findOneByOrFail(DETAIL_ENTITY[listing.kind] as typeof ServiceOfferingEntity, { listingId: listing.id })) as ListingDetails;
    if (listing.status === 'PUBLISHED') return { listing, details };
    if (listing.status === 'CLOSED' && listing.closedReason) {
      throw new AppError('FORBIDDEN', `该信息已被主管部门下架（原因：${listing.closedReason}），不能自行重新发布，请联系主管部门 (publishListing: taken down by the AUTHORITY)`);
    }
    if (listing.kind === 'CHALLENGE') this.assertApplyByOpen((details as ChallengeEntity).applyBy);
    Object.assign(listing, { status: 'PUBLISHED', publishedAt: new Date(), closedAt: null, closedReason: null, closedByUserId: null, version: listing.version + 1 });
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
    if (listing.status === 'CLOSED') return { listing, details };
    Object.assign(listing, { status: 'CLOSED', closedAt: new Date(), closedReason: why, closedByUserId: actor!.userId, version: listing.version + 1 });
    await manager.save(listing);
    await this.event(manager, 'listing.closed', listing, actor);
    // Its open applications must not hang: they end with it, each applicant told (ADR 0028).
    if (listing.kind === 'CHALLENGE') await closeOpenApplications(manager, listing, { userId: actor!.userId, organizationId: actor!.organizationId }, byAuthority);
    return { listing, details };
  }

  /** Published and closed listings are visible to every signed-in user; drafts only to their owner. */
  async findVisible(actor: Actor, id: string): Promise<FullListing | null> {
    const [row] = await loadListingRows(this.dataSource, { ids: [parseId(id, 'id')] });
    if (!row || !canSeeListing(actor, row.listing)) return null;
    const [full] = fullListings([row]);
    return full ?? null;
  }

  /**
   * Attaches kind details with one statement of the read model whatever the kinds present (the
   * listings' ids joined to the four detail tables). It was one statement per kind, run one after
   * the other (up to four round trips for a mixed page); bench:load found statements per request,
   * each paying TypeORM's query building and a socket write, the largest server cost.
   */
  async withDetails(listings: ListingEntity[]): Promise<FullListing[]> {
    if (listings.length === 0) return [];
    const rows = await loadListingRows(this.dataSource, { ids: listings.map((l) => l.id) });
    const details = new Map(rows.map((r) => [r.listing.id, r.details]));
    return listings.flatMap((l) => {
      const found = details.get(l.id);
      return found ? [{ listing: l, details: found }] : [];
    });
  }

  /** Relay-style page, newest first (stable: created_at, id). Drafts only for their owner. */
  async page(actor: Actor, filter: ListingFilterCommand, first: number, after?: string | null): Promise<ListingPage> {
    checkPageSize(first);
    const qb = this.dataSource.getRepository(ListingEntity).createQueryBuilder('l');
    // canSeeListing, in SQL.
    qb.where(
      new Brackets((w) =>
        w
          .where("l.status = 'PUBLISHED'")
          .orWhere("(l.status = 'CLOSED' AND l.publishedAt IS NOT NULL)")
          .orWhere('l.ownerOrganizationId = :me', { me: actor.organizationId }),
      ),
    );
    if (filter.kinds?.length) qb.andWhere('l.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.ownerId) qb.andWhere('l.ownerOrganizationId = :owner', { owner: parseId(filter.ownerId, 'filter.ownerId') });
    if (filter.status) qb.andWhere('l.status = :status', { status: filter.status });
    filter.regionCodes?.forEach((code, i) => {
      const problem = describeRegionCodeProblem(code);
      if (problem) throw badInput(problem, `filter.regionCodes[${i}]`);
    });
    if (filter.regionCodes?.length) {
      // Regions nest (330000 ⊃ 330200 ⊃ 330281): a listing matches when one of its regions contains a
      // filter region or lies within one. A listing with no regions serves anywhere.
      qb.andWhere(
        `(l.regionCodes = '{}' OR EXISTS (
           SELECT 1 FROM unnest(l.region_codes) AS r(code), unnest(:regions::text[]) AS f(prefix)
            WHERE r.code LIKE f.prefix || '%' OR f.prefix LIKE regexp_replace(r.code, '(00)+$', '') || '%'))`,
        { regions: filter.regionCodes.map(regionStem) },
      );
    }
    const totalCount = await qb.clone().getCount();
    const page = await fetchKeysetPage(qb, 'l', 'listings', first, after);
    return { ...page, rows: await this.withDetails(page.rows), totalCount };
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
