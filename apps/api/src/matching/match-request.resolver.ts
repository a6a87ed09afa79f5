import { Inject, Logger } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/database/data-source.js';
import { keysetCursor } from '../../../../libs/platform/src/pagination/keyset-cursor.js';
import { MatchRequestService } from '../../../../libs/matching/src/requests/match-request.service.js';
import type { MatchOutcome, MatchRequestRole, MatchRequestStatus } from '../../../../libs/matching/src/requests/match-request-enums.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { ListingModel } from '../listings/listing.models.js';
import { toListingModel } from '../listings/listing.mapper.js';
import {
  MatchOutcomeEnum,
  MatchRequestConnectionModel,
  MatchRequestInput,
  MatchRequestModel,
  MatchRequestRoleEnum,
  MatchRequestStatusEnum,
  ProviderMatchStatsModel,
} from './match-request.models.js';
import { toMatchRequestModel } from './match-request.mapper.js';
import { PUBSUB, type PubSub } from '../../../../libs/platform/src/pubsub/pubsub.js';
import { MATCH_REQUEST_UPDATED, type MatchRequestUpdatedMessage } from '../../../../libs/platform/src/pubsub/channels.js';
import { matchRequestFeed, type MatchRequestUpdate } from './match-request-feed.js';

/** How long a new subscription waits for the channel to be listened on before it starts anyway. */
const LISTEN_WAIT_MS = 3_000;

/** 对接申请: request, respond, complete, cancel; each side lists its own and follows them live. */
@Resolver(() => MatchRequestModel)
export class MatchRequestResolver {
  private readonly logger = new Logger('MatchRequestSubscription');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: MatchRequestService,
    @Inject(PUBSUB) private readonly pubsub: PubSub,
  ) {}

  /**
   * Over graphql-ws only (authenticated at connection). Workers publish every transition's ids on
   * the pub/sub channel; this process keeps the caller's own requests (its enterprise sent them or
   * its listings received them) and delivers each request's current row.
   */
  @Subscription(() => MatchRequestModel, { description: 'Changes to match requests the caller sent or received.' })
  async matchRequestUpdated(@Context() ctx: RequestContext): Promise<AsyncIterableIterator<MatchRequestUpdate>> {
    const actor = ctx.requireActor();
    const source = this.pubsub.subscribe<MatchRequestUpdatedMessage>(MATCH_REQUEST_UPDATED);
    // Listening before the first event is sent; if pub/sub is down, the feed starts and fills once it is back.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([source.ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_WAIT_MS)))]);
    clearTimeout(timer);
    return matchRequestFeed(source, {
      organizationId: actor.organizationId,
      load: (id) => this.requests.findById(id),
      beforeDeliver: () => ctx.renewLoaders(),
      onError: (err, message) =>
        this.logger.warn(`matchRequestUpdated: skipped ${message.matchRequestId} v${message.version}, reading it failed: ${err.message}`),
    });
  }

  @Mutation(() => MatchRequestModel, { description: 'ENTERPRISE only, on a published listing.' })
  async requestMatch(@Args('input') input: MatchRequestInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.request(m, actor, input)));
  }

  @Mutation(() => MatchRequestModel, { description: "The listing's owner only; PENDING to ACCEPTED or DECLINED." })
  async respondToMatchRequest(
    @Args('id', { type: () => ID }) id: string,
    @Args('accept') accept: boolean,
    @Context() ctx: RequestContext,
    @Args('message', { type: () => String, nullable: true }) message?: string | null,
  ) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.respond(m, actor, id, accept, message)));
  }

  @Mutation(() => MatchRequestModel, { description: 'The requesting enterprise only; ACCEPTED to COMPLETED.' })
  async completeMatchRequest(
    @Args('id', { type: () => ID }) id: string,
    @Args('outcome', { type: () => MatchOutcomeEnum }) outcome: MatchOutcome,
    @Context() ctx: RequestContext,
    @Args('rating', { type: () => Int, nullable: true }) rating?: number | null,
  ) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.complete(m, actor, id, outcome, rating)));
  }

  @Mutation(() => MatchRequestModel, { description: 'The requesting enterprise only, while PENDING.' })
  async cancelMatchRequest(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.cancel(m, actor, id)));
  }

  @Query(() => MatchRequestConnectionModel)
  async matchRequests(
    @Args('role', { type: () => MatchRequestRoleEnum }) role: MatchRequestRole,
    @Context() ctx: RequestContext,
    @Args('status', { type: () => MatchRequestStatusEnum, nullable: true }) status?: MatchRequestStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<MatchRequestConnectionModel> {
    const page = await this.requests.page(ctx.requireActor(), role, status, first ?? 20, after);
    return {
      edges: page.rows.map((r) => ({ cursor: keysetCursor(r), node: toMatchRequestModel(r) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => ListingModel)
  async listing(@Parent() request: MatchRequestModel, @Context() ctx: RequestContext) {
    const full = await ctx.loaders.listing.load(request.listingId);
    if (!full) throw new Error(`match request ${request.id} has no listing`);
    return toListingModel(full);
  }

  @ResolveField(() => OrganizationModel)
  async enterprise(@Parent() request: MatchRequestModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(request.enterpriseOrganizationId);
    if (!org) throw new Error(`match request ${request.id} has no enterprise`);
    return toOrganizationModel(org);
  }
}

/** Public figures of an organization as the receiving side of match requests (feeds the service ranking). */
@Resolver(() => OrganizationModel)
export class ProviderStatsResolver {
  @ResolveField(() => ProviderMatchStatsModel, {
    nullable: true,
    description: 'Match requests received for this organization’s listings and how they ended; null for enterprises and the authority.',
  })
  async matchStats(@Parent() org: OrganizationModel, @Context() ctx: RequestContext) {
    if (org.kind === 'ENTERPRISE' || org.kind === 'AUTHORITY') return null;
    return ctx.loaders.providerStats.load(org.id);
  }
}
