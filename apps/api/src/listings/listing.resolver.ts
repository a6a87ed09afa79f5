import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/index.js';
import { ListingService, listingCursor, type FullListing, type TakedownAppealEntity } from '../../../../libs/listings/src/index.js';
import { keysetCursor } from '../../../../libs/platform/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import {
  ChallengeModel,
  CreditProductModel,
  ListingConnectionModel,
  ListingModel,
  ListingStatusEnum,
  ParkModel,
  ParkVacancyModel,
  ServiceOfferingModel,
} from './listing.models.js';
import {
  ChallengeInput,
  ChallengePatchInput,
  CreditProductInput,
  CreditProductPatchInput,
  ListingFilterInput,
  ParkInput,
  ParkPatchInput,
  ParkVacancyInput,
  ParkVacancyPatchInput,
  ServiceOfferingInput,
  ServiceOfferingPatchInput,
} from './listing.inputs.js';
import { ParkConnectionModel, TakedownAppealConnectionModel, TakedownAppealModel } from './lifecycle.models.js';
import { toListingModel, toParkModel } from './listing.mapper.js';
import { connectionShape, singleShape, toListingModelFromRow } from './listing-selection.js';

/** A listings connection from a page read with a shape (rows whose kind details are missing are left out, as before). */
function listingConnection(page: Awaited<ReturnType<ListingService['read']>>): ListingConnectionModel {
  return {
    totalCount: page.totalCount ?? 0,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    edges: page.rows.flatMap((row) => {
      const node = toListingModelFromRow(row);
      // The cursor is encoded only when the edge's cursor is selected.
      const { listing } = row;
      return node ? [{ get cursor() { return listingCursor(listing); }, node }] : [];
    }),
  };
}

const PATCH_NOTE = '部分修改：不传的字段保持不变，null 清空可选字段，校验按合并后的整体进行 (fields to change; absent keeps, null clears an optional field; the merged whole is validated)';
const INPUT_NOTE = '整体替换；与 patch 二选一 (the whole listing, replacing it; give either input or patch)';

export function toAppealModel(a: TakedownAppealEntity): TakedownAppealModel {
  return {
    id: a.id,
    message: a.message,
    takedownReason: a.takedownReason,
    status: a.status,
    resolutionNote: a.resolutionNote,
    resolvedAt: a.resolvedAt,
    createdAt: a.createdAt,
    listingId: a.listingId,
    ownerOrganizationId: a.ownerOrganizationId,
  };
}

/** Listings of the four kinds: thin resolvers over ListingService, one transaction per mutation. */
@Resolver(() => ListingModel)
export class ListingResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly service: ListingService,
  ) {}

  private run(work: (manager: import('typeorm').EntityManager) => Promise<FullListing>) {
    return inTransaction(this.dataSource, work).then(toListingModel);
  }

  @Query(() => ListingModel, { nullable: true, description: '查看一条发布信息：已发布或已关闭的，或自己的草稿；不可见或不存在时为空 (published and closed listings, or your own drafts)' })
  async listing(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const found = await this.service.readVisible(ctx.requireActor(), id, singleShape(info));
    return found ? toListingModelFromRow(found) : null;
  }

  @Query(() => ListingConnectionModel, { description: '发布信息列表，新的在前：已发布的，以及调用者自己的草稿和已关闭的 (published listings, plus the caller\'s own drafts and closed ones)' })
  async listings(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => ListingFilterInput, nullable: true, description: '筛选条件 (filter)' }) filter?: ListingFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor；不传从头开始 (endCursor of the previous page)' }) after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ListingConnectionModel> {
    return listingConnection(await this.service.read(ctx.requireActor(), connectionShape(info!), filter ?? {}, first ?? 20, after));
  }

  @Mutation(() => ServiceOfferingModel, { description: '创建服务产品，仅限服务机构；新建的发布信息为草稿 (SERVICE_PROVIDER only; new listings start as DRAFT)' })
  createServiceOffering(@Args('input', { description: '服务产品 (the service offering)' }) input: ServiceOfferingInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createServiceOffering(m, actor, input));
  }

  @Mutation(() => ServiceOfferingModel, { description: '修改自己的服务产品：input 整体替换，或 patch 只改传入的字段 (change one of your service offerings: replace it whole with input, or change some fields with patch)' })
  updateServiceOffering(
    @Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string,
    @Context() ctx: RequestContext,
    @Args('input', { type: () => ServiceOfferingInput, nullable: true, description: `服务产品：${INPUT_NOTE}` }) input?: ServiceOfferingInput | null,
    @Args('patch', { type: () => ServiceOfferingPatchInput, nullable: true, description: `服务产品的${PATCH_NOTE}` }) patch?: ServiceOfferingPatchInput | null,
  ) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateServiceOffering(m, actor, id, input, patch));
  }

  @Mutation(() => CreditProductModel, { description: '创建金融产品，仅限银行；新建为草稿 (BANK only; starts as DRAFT)' })
  createCreditProduct(@Args('input', { description: '金融产品 (the credit product)' }) input: CreditProductInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createCreditProduct(m, actor, input));
  }

  @Mutation(() => CreditProductModel, { description: '修改自己的金融产品：input 整体替换，或 patch 只改传入的字段 (change one of your credit products: whole with input, or some fields with patch)' })
  updateCreditProduct(
    @Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string,
    @Context() ctx: RequestContext,
    @Args('input', { type: () => CreditProductInput, nullable: true, description: `金融产品：${INPUT_NOTE}` }) input?: CreditProductInput | null,
    @Args('patch', { type: () => CreditProductPatchInput, nullable: true, description: `金融产品的${PATCH_NOTE}` }) patch?: CreditProductPatchInput | null,
  ) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateCreditProduct(m, actor, id, input, patch));
  }

  @Mutation(() => ChallengeModel, { description: '发布揭榜榜单，仅限链主企业；新建为草稿 (ANCHOR_ENTERPRISE only; starts as DRAFT)' })
  createChallenge(@Args('input', { description: '揭榜榜单 (the challenge)' }) input: ChallengeInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createChallenge(m, actor, input));
  }

  @Mutation(() => ChallengeModel, { description: '修改自己的揭榜榜单：input 整体替换，或 patch 只改传入的字段；已发布的榜单截止日期不能早于今天 (change one of your challenges, whole or in part; a published one needs applyBy not in the past)' })
  updateChallenge(
    @Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string,
    @Context() ctx: RequestContext,
    @Args('input', { type: () => ChallengeInput, nullable: true, description: `揭榜榜单：${INPUT_NOTE}` }) input?: ChallengeInput | null,
    @Args('patch', { type: () => ChallengePatchInput, nullable: true, description: `揭榜榜单的${PATCH_NOTE}` }) patch?: ChallengePatchInput | null,
  ) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateChallenge(m, actor, id, input, patch));
  }

  @Mutation(() => ParkVacancyModel, { description: '创建园区房源，仅限园区运营方且须在其运营的园区；新建为草稿 (PARK_OPERATOR only, in its own parks; starts as DRAFT)' })
  createParkVacancy(@Args('input', { description: '园区房源 (the vacancy)' }) input: ParkVacancyInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createParkVacancy(m, actor, input));
  }

  @Mutation(() => ParkVacancyModel, { description: '修改自己的园区房源：input 整体替换，或 patch 只改传入的字段 (change one of your park vacancies, whole or in part)' })
  updateParkVacancy(
    @Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string,
    @Context() ctx: RequestContext,
    @Args('input', { type: () => ParkVacancyInput, nullable: true, description: `园区房源：${INPUT_NOTE}` }) input?: ParkVacancyInput | null,
    @Args('patch', { type: () => ParkVacancyPatchInput, nullable: true, description: `园区房源的${PATCH_NOTE}` }) patch?: ParkVacancyPatchInput | null,
  ) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateParkVacancy(m, actor, id, input, patch));
  }

  @Mutation(() => ListingModel, { description: '发布，仅限发布方，且其机构须已通过审核 (owner only; the owner\'s organization must be verified)' })
  publishListing(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.publish(m, actor, id));
  }

  @Mutation(() => ListingModel, { description: '关闭：发布方关闭自己的信息，或主管部门下架任何信息（须填写原因）(the owner, or the AUTHORITY with a reason)' })
  closeListing(
    @Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string,
    @Context() ctx: RequestContext,
    @Args('reason', { type: () => String, nullable: true, description: '关闭原因，最多 500 字；主管部门下架他人信息时必填 (reason, at most 500 characters; required when the AUTHORITY closes another organization’s listing)' })
    reason?: string | null,
  ) {
    const actor = ctx.actor;
    return this.run((m) => this.service.close(m, actor, id, reason));
  }

  @Mutation(() => ID, { description: '删除从未发布过的草稿，仅限发布方；发布过的信息不能删除，只能关闭（CONFLICT）。返回被删除的 ID (deletes a listing never published, owner only; one ever published is closed instead; returns the deleted id)' })
  deleteListing(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return inTransaction(this.dataSource, (m) => this.service.deleteDraft(m, actor, id));
  }

  @Mutation(() => TakedownAppealModel, { description: '发布方对主管部门的下架提出申诉，每条信息同时只能有一个待处理的申诉；双方都会收到通知 (the owner appeals the AUTHORITY\'s takedown; one open appeal per listing; both sides are notified)' })
  async appealTakedown(
    @Args('id', { type: () => ID, description: '被下架的发布信息 ID (the listing taken down)' }) id: string,
    @Args('message', { description: '申诉说明：已作的修改和理由，1–1000 字 (what was corrected and why, 1–1000 characters)' }) message: string,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    return toAppealModel(await inTransaction(this.dataSource, (m) => this.service.appealTakedown(m, actor, id, message)));
  }

  @Mutation(() => ListingModel, {
    description:
      '仅限主管部门：解除下架。发布方已通过审核（揭榜榜单截止日期未过）时直接恢复发布，否则解除下架后由发布方修改并重新发布；待处理的申诉随之结束，双方都会收到通知 (AUTHORITY only: lifts a takedown; republished when possible, else left closed for the owner to re-publish; an open appeal ends; both sides are notified)',
  })
  reinstateListing(
    @Args('id', { type: () => ID, description: '被下架的发布信息 ID (the listing taken down)' }) id: string,
    @Args('note', { description: '恢复说明，1–500 字，会告知发布方 (why it is reinstated, 1–500 characters; the owner is told)' }) note: string,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    return this.run((m) => this.service.reinstate(m, actor, id, note));
  }

  @Query(() => TakedownAppealConnectionModel, { description: '仅限主管部门：下架申诉台账，新的在前；默认只列待处理的 (AUTHORITY only: appeals against takedowns, newest first; open ones unless openOnly is false)' })
  async takedownAppeals(
    @Context() ctx: RequestContext,
    @Args('openOnly', { type: () => Boolean, nullable: true, defaultValue: true, description: '只列待处理的申诉，默认 true (only open appeals; default true)' }) openOnly = true,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor；不传从头开始 (endCursor of the previous page)' }) after?: string | null,
  ): Promise<TakedownAppealConnectionModel> {
    const page = await this.service.appealsPage(ctx.requireActor(), openOnly ?? true, first ?? 20, after);
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      edges: page.rows.map((row) => ({ cursor: keysetCursor(row), node: toAppealModel(row) })),
    };
  }

  @ResolveField(() => OrganizationModel, { description: '发布方机构 (the organization that posted it)' })
  async owner(@Parent() listing: ListingModel, @Context() ctx: RequestContext) {
    if (listing.prefetchedOwner) return listing.prefetchedOwner;
    const org = await ctx.loaders.organization.load(listing.ownerOrganizationId);
    if (!org) throw new Error(`listing ${listing.id} has no owner`);
    return toOrganizationModel(org);
  }
}

@Resolver(() => ParkVacancyModel)
export class ParkVacancyResolver {
  @ResolveField(() => ParkModel, { description: '所属园区 (the park)' })
  async park(@Parent() vacancy: ParkVacancyModel, @Context() ctx: RequestContext) {
    if (vacancy.prefetchedPark) return vacancy.prefetchedPark;
    const park = await ctx.loaders.park.load(vacancy.parkId);
    if (!park) throw new Error(`vacancy ${vacancy.id} has no park`);
    return toParkModel(park);
  }
}

@Resolver(() => ParkModel)
export class ParkResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listings: ListingService,
  ) {}

  @Query(() => ParkModel, { nullable: true, description: '查看一个园区 (one park)' })
  async park(@Args('id', { type: () => ID, description: '园区 ID (park id)' }) id: string, @Context() ctx: RequestContext) {
    ctx.requireActor();
    const park = await this.listings.requirePark(id);
    return park ? toParkModel(park) : null;
  }

  @Mutation(() => ParkModel, { description: '创建园区，仅限园区运营方 (PARK_OPERATOR only)' })
  async createPark(@Args('input', { description: '园区信息 (the park)' }) input: ParkInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toParkModel(await inTransaction(this.dataSource, (m) => this.listings.createPark(m, actor, input)));
  }

  @Mutation(() => ParkModel, { description: '修改自己运营的园区（部分修改：不传的字段不变，null 清空可选字段）；改地区时其房源的地区随之改变 (PARK_OPERATOR, own parks; partial; a new region moves its vacancies)' })
  async updatePark(
    @Args('id', { type: () => ID, description: '园区 ID (park id)' }) id: string,
    @Args('patch', { type: () => ParkPatchInput, description: '要修改的字段 (the fields to change)' }) patch: ParkPatchInput,
    @Context() ctx: RequestContext,
  ) {
    const actor = ctx.actor;
    return toParkModel(await inTransaction(this.dataSource, (m) => this.listings.updatePark(m, actor, id, patch)));
  }

  @Query(() => ParkConnectionModel, { description: '调用者运营的园区，新的在前，仅限园区运营方 (the parks the caller operates, newest first; PARK_OPERATOR only)' })
  async myParks(
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor；不传从头开始 (endCursor of the previous page)' }) after?: string | null,
  ): Promise<ParkConnectionModel> {
    const page = await this.listings.myParks(ctx.requireActor(), first ?? 20, after);
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      edges: page.rows.map((row) => ({ cursor: keysetCursor(row), node: toParkModel(row) })),
    };
  }

  @ResolveField(() => ListingConnectionModel, { description: '园区的房源，新的在前：已发布和已关闭的；运营方还能看到自己的草稿 (the park\'s vacancies, newest first: published and closed ones, plus drafts for the operator)' })
  async vacancies(
    @Parent() park: ParkModel,
    @Context() ctx: RequestContext,
    @Args('status', { type: () => ListingStatusEnum, nullable: true, description: '只看该状态；不填表示全部可见的 (only this status)' }) status?: keyof typeof ListingStatusEnum | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor；不传从头开始 (endCursor of the previous page)' }) after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ListingConnectionModel> {
    const filter = { kinds: ['PARK_VACANCY' as const], parkId: park.id, status: status ?? null };
    return listingConnection(await this.listings.read(ctx.requireActor(), connectionShape(info!), filter, first ?? 20, after));
  }

  @ResolveField(() => OrganizationModel, { description: '园区运营方 (the park operator)' })
  async operator(@Parent() park: ParkModel, @Context() ctx: RequestContext) {
    if (park.prefetchedOperator) return park.prefetchedOperator;
    const org = await ctx.loaders.organization.load(park.operatorOrganizationId);
    if (!org) throw new Error(`park ${park.id} has no operator`);
    return toOrganizationModel(org);
  }
}

@Resolver(() => TakedownAppealModel)
export class TakedownAppealResolver {
  @ResolveField(() => ListingModel, { nullable: true, description: '被下架的发布信息 (the listing taken down)' })
  async listing(@Parent() appeal: TakedownAppealModel, @Context() ctx: RequestContext) {
    const found = await ctx.loaders.listing.load(appeal.listingId);
    return found ? toListingModel(found) : null;
  }

  @ResolveField(() => OrganizationModel, { description: '提出申诉的发布方 (the owner that appealed)' })
  async owner(@Parent() appeal: TakedownAppealModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(appeal.ownerOrganizationId);
    if (!org) throw new Error(`appeal ${appeal.id} has no owner`);
    return toOrganizationModel(org);
  }
}
