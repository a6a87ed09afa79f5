import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/index.js';
import { ListingService, listingCursor, type FullListing } from '../../../../libs/listings/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import {
  ChallengeModel,
  CreditProductModel,
  ListingConnectionModel,
  ListingModel,
  ParkModel,
  ParkVacancyModel,
  ServiceOfferingModel,
} from './listing.models.js';
import { ChallengeInput, CreditProductInput, ListingFilterInput, ParkInput, ParkVacancyInput, ServiceOfferingInput } from './listing.inputs.js';
import { toListingModel, toParkModel } from './listing.mapper.js';

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
  async listing(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Context() ctx: RequestContext) {
    const found = await this.service.findVisible(ctx.requireActor(), id);
    return found ? toListingModel(found) : null;
  }

  @Query(() => ListingConnectionModel, { description: '发布信息列表，新的在前：已发布的，以及调用者自己的草稿和已关闭的 (published listings, plus the caller\'s own drafts and closed ones)' })
  async listings(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => ListingFilterInput, nullable: true, description: '筛选条件 (filter)' }) filter?: ListingFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor；不传从头开始 (endCursor of the previous page)' }) after?: string | null,
  ): Promise<ListingConnectionModel> {
    const page = await this.service.page(ctx.requireActor(), filter ?? {}, first ?? 20, after);
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      edges: page.rows.map((row) => ({ cursor: listingCursor(row.listing), node: toListingModel(row) })),
    };
  }

  @Mutation(() => ServiceOfferingModel, { description: '创建服务产品，仅限服务机构；新建的发布信息为草稿 (SERVICE_PROVIDER only; new listings start as DRAFT)' })
  createServiceOffering(@Args('input', { description: '服务产品 (the service offering)' }) input: ServiceOfferingInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createServiceOffering(m, actor, input));
  }

  @Mutation(() => ServiceOfferingModel, { description: '修改自己的服务产品（整体替换）(replace one of your service offerings)' })
  updateServiceOffering(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Args('input', { description: '服务产品 (the service offering)' }) input: ServiceOfferingInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateServiceOffering(m, actor, id, input));
  }

  @Mutation(() => CreditProductModel, { description: '创建金融产品，仅限银行；新建为草稿 (BANK only; starts as DRAFT)' })
  createCreditProduct(@Args('input', { description: '金融产品 (the credit product)' }) input: CreditProductInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createCreditProduct(m, actor, input));
  }

  @Mutation(() => CreditProductModel, { description: '修改自己的金融产品（整体替换）(replace one of your credit products)' })
  updateCreditProduct(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Args('input', { description: '金融产品 (the credit product)' }) input: CreditProductInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateCreditProduct(m, actor, id, input));
  }

  @Mutation(() => ChallengeModel, { description: '发布揭榜榜单，仅限链主企业；新建为草稿 (ANCHOR_ENTERPRISE only; starts as DRAFT)' })
  createChallenge(@Args('input', { description: '揭榜榜单 (the challenge)' }) input: ChallengeInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createChallenge(m, actor, input));
  }

  @Mutation(() => ChallengeModel, { description: '修改自己的揭榜榜单（整体替换）；已发布的榜单截止日期不能早于今天 (replace one of your challenges; a published one needs applyBy not in the past)' })
  updateChallenge(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Args('input', { description: '揭榜榜单 (the challenge)' }) input: ChallengeInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateChallenge(m, actor, id, input));
  }

  @Mutation(() => ParkVacancyModel, { description: '创建园区房源，仅限园区运营方且须在其运营的园区；新建为草稿 (PARK_OPERATOR only, in its own parks; starts as DRAFT)' })
  createParkVacancy(@Args('input', { description: '园区房源 (the vacancy)' }) input: ParkVacancyInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createParkVacancy(m, actor, input));
  }

  @Mutation(() => ParkVacancyModel, { description: '修改自己的园区房源（整体替换）(replace one of your park vacancies)' })
  updateParkVacancy(@Args('id', { type: () => ID, description: '发布信息 ID (listing id)' }) id: string, @Args('input', { description: '园区房源 (the vacancy)' }) input: ParkVacancyInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateParkVacancy(m, actor, id, input));
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

  @ResolveField(() => OrganizationModel, { description: '发布方机构 (the organization that posted it)' })
  async owner(@Parent() listing: ListingModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(listing.ownerOrganizationId);
    if (!org) throw new Error(`listing ${listing.id} has no owner`);
    return toOrganizationModel(org);
  }
}

@Resolver(() => ParkVacancyModel)
export class ParkVacancyResolver {
  @ResolveField(() => ParkModel, { description: '所属园区 (the park)' })
  async park(@Parent() vacancy: ParkVacancyModel, @Context() ctx: RequestContext) {
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

  @ResolveField(() => OrganizationModel, { description: '园区运营方 (the park operator)' })
  async operator(@Parent() park: ParkModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(park.operatorOrganizationId);
    if (!org) throw new Error(`park ${park.id} has no operator`);
    return toOrganizationModel(org);
  }
}
