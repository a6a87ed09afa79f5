import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/database/data-source.js';
import { ListingService, listingCursor, type FullListing } from '../../../../libs/listings/src/listing.service.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import {
  ChallengeModel,
  CreditProductModel,
  ListingConnectionModel,
  ListingFilterInput,
  ListingModel,
  ParkModel,
  ParkVacancyModel,
  ServiceOfferingModel,
} from './listing.models.js';
import { ChallengeInput, CreditProductInput, ParkInput, ParkVacancyInput, ServiceOfferingInput } from './listing.inputs.js';
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

  @Query(() => ListingModel, { nullable: true, description: 'Published and closed listings, or your own drafts.' })
  async listing(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    const found = await this.service.findVisible(ctx.requireActor(), id);
    return found ? toListingModel(found) : null;
  }

  @Query(() => ListingConnectionModel, { description: "Published listings, plus the caller's own drafts and closed ones." })
  async listings(
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => ListingFilterInput, nullable: true }) filter?: ListingFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ListingConnectionModel> {
    const page = await this.service.page(ctx.requireActor(), filter ?? {}, first ?? 20, after);
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      edges: page.rows.map((row) => ({ cursor: listingCursor(row.listing), node: toListingModel(row) })),
    };
  }

  @Mutation(() => ServiceOfferingModel, { description: 'SERVICE_PROVIDER only. New listings start as DRAFT.' })
  createServiceOffering(@Args('input') input: ServiceOfferingInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createServiceOffering(m, actor, input));
  }

  @Mutation(() => ServiceOfferingModel)
  updateServiceOffering(@Args('id', { type: () => ID }) id: string, @Args('input') input: ServiceOfferingInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateServiceOffering(m, actor, id, input));
  }

  @Mutation(() => CreditProductModel, { description: 'BANK only.' })
  createCreditProduct(@Args('input') input: CreditProductInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createCreditProduct(m, actor, input));
  }

  @Mutation(() => CreditProductModel)
  updateCreditProduct(@Args('id', { type: () => ID }) id: string, @Args('input') input: CreditProductInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateCreditProduct(m, actor, id, input));
  }

  @Mutation(() => ChallengeModel, { description: 'ANCHOR_ENTERPRISE only.' })
  createChallenge(@Args('input') input: ChallengeInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createChallenge(m, actor, input));
  }

  @Mutation(() => ChallengeModel)
  updateChallenge(@Args('id', { type: () => ID }) id: string, @Args('input') input: ChallengeInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateChallenge(m, actor, id, input));
  }

  @Mutation(() => ParkVacancyModel, { description: 'PARK_OPERATOR only, in its own parks.' })
  createParkVacancy(@Args('input') input: ParkVacancyInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.createParkVacancy(m, actor, input));
  }

  @Mutation(() => ParkVacancyModel)
  updateParkVacancy(@Args('id', { type: () => ID }) id: string, @Args('input') input: ParkVacancyInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.updateParkVacancy(m, actor, id, input));
  }

  @Mutation(() => ListingModel, { description: "Owner only; the owner's organization must be verified." })
  publishListing(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return this.run((m) => this.service.publish(m, actor, id));
  }

  @Mutation(() => ListingModel, { description: 'The owner, or the AUTHORITY (下架, with a reason).' })
  closeListing(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
    @Args('reason', { type: () => String, nullable: true, description: 'Required when the AUTHORITY closes another organization’s listing.' })
    reason?: string | null,
  ) {
    const actor = ctx.actor;
    return this.run((m) => this.service.close(m, actor, id, reason));
  }

  @ResolveField(() => OrganizationModel)
  async owner(@Parent() listing: ListingModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(listing.ownerOrganizationId);
    if (!org) throw new Error(`listing ${listing.id} has no owner`);
    return toOrganizationModel(org);
  }
}

@Resolver(() => ParkVacancyModel)
export class ParkVacancyResolver {
  @ResolveField(() => ParkModel)
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

  @Query(() => ParkModel, { nullable: true })
  async park(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    ctx.requireActor();
    const park = await this.listings.requirePark(id);
    return park ? toParkModel(park) : null;
  }

  @Mutation(() => ParkModel, { description: 'PARK_OPERATOR only.' })
  async createPark(@Args('input') input: ParkInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toParkModel(await inTransaction(this.dataSource, (m) => this.listings.createPark(m, actor, input)));
  }

  @ResolveField(() => OrganizationModel)
  async operator(@Parent() park: ParkModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(park.operatorOrganizationId);
    if (!org) throw new Error(`park ${park.id} has no operator`);
    return toOrganizationModel(org);
  }
}
