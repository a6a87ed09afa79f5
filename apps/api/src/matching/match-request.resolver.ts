import { Inject, Logger } from '@nestjs/common';
import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  inTransaction,
  keysetCursor,
  PUBSUB,
  type PubSub,
  MATCH_REQUEST_UPDATED,
  type MatchRequestUpdatedMessage,
} from '../../../../libs/platform/src/index.js';
import { MatchRequestService, type MatchRequestPageRow } from '../../../../libs/matching/src/index.js';
import type { MatchOutcome, MatchRequestRole, MatchRequestStatus } from '../../../../libs/matching/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { ListingModel } from '../listings/listing.models.js';
import { toListingModel } from '../listings/listing.mapper.js';
import { nestedOrganization, nestedShape, organizationOf, toListingModelFromRow } from '../listings/listing-selection.js';
import { subSelections } from '../enterprises/shared-profiles.js';
import {
  MatchOutcomeEnum,
  MatchRequestConnectionModel,
  MatchRequestModel,
  MatchRequestRoleEnum,
  MatchRequestStatusEnum,
  ProviderMatchStatsModel,
} from './match-request.models.js';
import { MatchRequestInput } from './match-request.inputs.js';
import { toMatchRequestModel } from './match-request.mapper.js';
import { matchRequestFeed, type MatchRequestUpdate } from './match-request-feed.js';
import { TimelineConnectionModel } from '../timeline/timeline.models.js';
import { TIMELINE_FIRST_DEFAULT, timelineConnection } from '../timeline/timeline.mapper.js';

/** A request's model with the listing and enterprise its page's statement brought (the field resolvers use them, else their loaders). */
function withPrefetched(model: MatchRequestModel, row: MatchRequestPageRow): MatchRequestModel {
  if (row.listing) model.prefetchedListing = toListingModelFromRow(row.listing);
  if (row.enterprise) model.prefetchedEnterprise = organizationOf(row.enterprise);
  return model;
}

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
  @Subscription(() => MatchRequestModel, { description: '调用者发出或收到的对接申请的变化，仅经 WebSocket（graphql-ws）订阅 (changes to match requests the caller sent or received; graphql-ws only)' })
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

  @Mutation(() => MatchRequestModel, { description: '对已发布信息发起对接申请，仅限企业账号；同一企业对同一信息只能有一份未结束的申请 (ENTERPRISE only, on a published listing; one open request per listing)' })
  async requestMatch(@Args('input', { description: '对接申请 (the request)' }) input: MatchRequestInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.request(m, actor, input)));
  }

  @Mutation(() => MatchRequestModel, { description: '回复对接申请：待回复 → 已接受或已婉拒，仅限发布方 (the listing\'s owner only; PENDING to ACCEPTED or DECLINED)' })
  async respondToMatchRequest(
    @Args('id', { type: () => ID, description: '对接申请 ID (match request id)' }) id: string,
    @Args('accept', { description: 'true 接受，false 婉拒 (true accepts, false declines)' }) accept: boolean,
    @Context() ctx: RequestContext,
    @Args('message', { type: () => String, nullable: true, description: '回复留言，最多 2000 字 (reply, at most 2,000 characters)' }) message?: string | null,
    @Args('reasonCode', { type: () => String, nullable: true, description: '婉拒理由代码，取自该信息类别的理由列表（declineReasons）；婉拒时必填，「其他」须同时填写 message；接受时不填 (a reason code of the listing kind\'s list; required when declining, *_OTHER needs a message; omitted when accepting)' }) reasonCode?: string | null,
  ) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.respond(m, actor, id, accept, message, reasonCode)));
  }

  @Mutation(() => MatchRequestModel, { description: '完成对接：已接受 → 已完成，并填写结果与评分，仅限发起企业 (the requesting enterprise only; ACCEPTED to COMPLETED)' })
  async completeMatchRequest(
    @Args('id', { type: () => ID, description: '对接申请 ID (match request id)' }) id: string,
    @Args('outcome', { type: () => MatchOutcomeEnum, description: '对接结果 (outcome)' }) outcome: MatchOutcome,
    @Context() ctx: RequestContext,
    @Args('rating', { type: () => Int, nullable: true, description: '对发布方的评分，1–5 的整数，可不填 (rating of the listing owner, whole number 1–5, optional)' }) rating?: number | null,
  ) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.complete(m, actor, id, outcome, rating)));
  }

  @Mutation(() => MatchRequestModel, { description: '取消对接申请，仅限发起企业，且申请待回复 (the requesting enterprise only, while PENDING)' })
  async cancelMatchRequest(@Args('id', { type: () => ID, description: '对接申请 ID (match request id)' }) id: string, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toMatchRequestModel(await inTransaction(this.dataSource, (m) => this.requests.cancel(m, actor, id)));
  }

  @Query(() => MatchRequestConnectionModel, { description: '调用者的对接申请，新的在前：发出的或收到的 (the caller\'s match requests, sent or received, newest first)' })
  async matchRequests(
    @Args('role', { type: () => MatchRequestRoleEnum, description: '查看发出的还是收到的 (sent or received)' }) role: MatchRequestRole,
    @Context() ctx: RequestContext,
    @Args('status', { type: () => MatchRequestStatusEnum, nullable: true, description: '只看该状态 (only this status)' }) status?: MatchRequestStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<MatchRequestConnectionModel> {
    // One statement (ADR 0040): the requests, their listings and enterprises as selected, the count only when selected.
    const listingSelected = subSelections(info!, ['edges', 'node', 'listing']).selected;
    const shape = {
      listing: listingSelected ? nestedShape(info!, ['edges', 'node', 'listing']) : undefined,
      enterprise: nestedOrganization(info!, ['edges', 'node', 'enterprise']),
      totalCount: subSelections(info!, 'totalCount').selected,
    };
    const page = await this.requests.read(ctx.requireActor(), shape, role, status, first ?? 20, after);
    return {
      edges: page.rows.map((r) => ({ cursor: keysetCursor(r.request), node: withPrefetched(toMatchRequestModel(r.request), r) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount ?? 0,
    };
  }

  @ResolveField(() => ListingModel, { description: '对接的发布信息 (the listing)' })
  async listing(@Parent() request: MatchRequestModel, @Context() ctx: RequestContext) {
    if (request.prefetchedListing !== undefined) {
      if (!request.prefetchedListing) throw new Error(`match request ${request.id} has no listing`);
      return request.prefetchedListing;
    }
    const full = await ctx.loaders.listing.load(request.listingId);
    if (!full) throw new Error(`match request ${request.id} has no listing`);
    return toListingModel(full);
  }

  @ResolveField(() => TimelineConnectionModel, { description: '申请的时间线，按发生先后排列：提交、回复、完成、取消等每一步 (the request\'s timeline, oldest first: every step)' })
  async timeline(
    @Parent() request: MatchRequestModel,
    @Args('first', { type: () => Int, nullable: true, defaultValue: TIMELINE_FIRST_DEFAULT, description: '每页步骤数，1–100，默认 50 (steps per page, 1–100, default 50)' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<TimelineConnectionModel> {
    return timelineConnection(this.dataSource.manager, 'MATCH_REQUEST', request.id, first ?? TIMELINE_FIRST_DEFAULT, after);
  }

  @ResolveField(() => OrganizationModel, { description: '发起申请的企业 (the requesting enterprise)' })
  async enterprise(@Parent() request: MatchRequestModel, @Context() ctx: RequestContext) {
    if (request.prefetchedEnterprise) return request.prefetchedEnterprise;
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
    description: '该机构发布信息收到的对接申请及结果统计；企业和主管部门为空 (match requests received for this organization’s listings and how they ended; null for enterprises and the authority)',
  })
  async matchStats(@Parent() org: OrganizationModel, @Context() ctx: RequestContext) {
    if (org.kind === 'ENTERPRISE' || org.kind === 'AUTHORITY') return null;
    return ctx.loaders.providerStats.load(org.id);
  }
}
