import { Inject, Logger } from '@nestjs/common';
import { Args, Context, Field, Float, ID, InputType, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import {
  echoInput,
  inTransaction,
  notFound,
  PUBSUB,
  type PubSub,
  type PubSubSubscription,
  RECOMMENDATION_ADDED,
  type RecommendationAddedMessage,
} from '../../../../libs/platform/src/index.js';
import { authorizeKind, authorizeQuery, seesRow } from '../../../../libs/identity/src/index.js';
import { ListingService } from '../../../../libs/listings/src/index.js';
import {
  MatchEntity,
  RecommendationPushService,
  beijingMinute,
  formatClock,
  inQuietHours,
  reasonsWithoutProfile,
  wants,
  type ListingReach,
  type PushPreferences,
} from '../../../../libs/matching/src/index.js';
import { EnterpriseProfileService } from '../../../../libs/enterprises/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { ListingKindEnum, ListingModel } from '../listings/listing.models.js';
import { toListingModel } from '../listings/listing.mapper.js';
import { RecommendationModel } from './matching.resolver.js';

const LISTEN_WAIT_MS = 3_000;
const MAX_REMEMBERED = 5_000;

@ObjectType('RecommendationPushPreferences', { description: '本人的推荐推送设置（每位成员各自一份）(the calling member\'s own push preferences)' })
export class RecommendationPushPreferencesModel {
  @Field(() => [ListingKindEnum], { nullable: true, description: '推送哪些类别；为空表示全部类别 (kinds pushed; null: every kind)' }) kinds: string[] | null;
  @Field(() => Float, { description: '最低匹配分，0–100，低于此分的推荐不实时推送、不进邮件摘要，默认 0 (minimum score, 0–100, default 0)' }) minScore: number;
  @Field({ description: '是否接收每日推荐邮件摘要，默认否 (daily digest by mail; default off)' }) digestByMail: boolean;
  @Field(() => String, { nullable: true, description: '免打扰开始时间，HH:MM，北京时间；为空表示不设免打扰 (quiet hours start, HH:MM Beijing time; null: none)' }) quietHoursStart: string | null;
  @Field(() => String, { nullable: true, description: '免打扰结束时间，HH:MM，北京时间，可跨午夜（如 22:00–07:00）(quiet hours end, HH:MM; may wrap midnight)' }) quietHoursEnd: string | null;
}

@InputType('RecommendationPushPreferencesInput', { description: '修改本人的推荐推送设置；未给出的字段保持不变 (changes the caller\'s push preferences; absent fields keep their value)' })
export class RecommendationPushPreferencesInput {
  @Field(() => [ListingKindEnum], { nullable: true, description: '推送哪些类别，至少 1 个，最多 4 个；显式为空表示全部类别 (kinds, 1–4; explicit null: every kind)' }) kinds?: string[] | null;
  @Field(() => Float, { nullable: true, description: '最低匹配分，0–100 (minimum score, 0–100)' }) minScore?: number | null;
  @Field(() => Boolean, { nullable: true, description: '是否接收每日推荐邮件摘要 (daily digest by mail)' }) digestByMail?: boolean | null;
  @Field(() => String, { nullable: true, description: '免打扰开始时间，HH:MM（00:00–23:59，北京时间），须与结束时间同时给出；两者同为空表示取消 (quiet hours start, HH:MM; with quietHoursEnd; both null clears)' }) quietHoursStart?: string | null;
  @Field(() => String, { nullable: true, description: '免打扰结束时间，HH:MM（00:00–23:59，北京时间），不能等于开始时间 (quiet hours end, HH:MM; differs from the start)' }) quietHoursEnd?: string | null;
}

@ObjectType('ListingReach', { description: '发布信息的触达情况，仅计数、不含企业身份 (how far a listing reached: counts of firms only, never who)' })
export class ListingReachModel {
  @Field(() => Int, { description: '被推荐给的企业数（进入过其推荐集），单位：家 (firms it was recommended to)' }) recommendedTo: number;
  @Field(() => Int, { description: '被推送给的企业数，单位：家 (firms it was pushed to)' }) pushedTo: number;
  @Field(() => Int, { description: '被推荐后查看过的企业数，单位：家 (firms that opened it after it was recommended to them)' }) viewedBy: number;
  @Field(() => Int, { description: '被推荐后提出对接申请或揭榜申请的企业数，单位：家 (firms that requested it, or applied, after it was recommended to them)' }) requestedBy: number;
}

const toPreferencesModel = (p: PushPreferences): RecommendationPushPreferencesModel => ({
  kinds: p.kinds,
  minScore: p.minScore,
  digestByMail: p.digestByMail,
  quietHoursStart: p.quietFrom === null ? null : formatClock(p.quietFrom),
  quietHoursEnd: p.quietTo === null ? null : formatClock(p.quietTo),
});

type RecommendationUpdate = { recommendationAdded: RecommendationModel };

/**
 * Pushed recommendations for enterprises (issue 18): the member's push preferences, "seen"
 * records for the funnel, and the live `recommendationAdded` feed; a listing's reach for its owner.
 */
@Resolver()
export class RecommendationPushResolver {
  private readonly logger = new Logger('RecommendationSubscription');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pushes: RecommendationPushService,
    private readonly listings: ListingService,
    private readonly profiles: EnterpriseProfileService,
    @Inject(PUBSUB) private readonly pubsub: PubSub,
  ) {}

  @Query(() => RecommendationPushPreferencesModel, { description: '本人的推荐推送设置，仅限企业成员；未设置时为默认值 (the caller\'s push preferences; ENTERPRISE members; defaults until set)' })
  async recommendationPushPreferences(@Context() ctx: RequestContext): Promise<RecommendationPushPreferencesModel> {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'recommendationPushPreferences');
    return toPreferencesModel(await this.pushes.preferencesOf(actor.userId));
  }

  @Mutation(() => RecommendationPushPreferencesModel, { description: '修改本人的推荐推送设置（类别、最低匹配分、邮件摘要、免打扰时段），仅限企业成员 (changes the caller\'s own push preferences; ENTERPRISE members)' })
  async updateRecommendationPushPreferences(
    @Args('input', { description: '要修改的设置 (what to change)' }) input: RecommendationPushPreferencesInput,
    @Context() ctx: RequestContext,
  ): Promise<RecommendationPushPreferencesModel> {
    const actor = ctx.actor;
    authorizeKind(actor, 'updateRecommendationPushPreferences');
    return toPreferencesModel(await inTransaction(this.dataSource, (m) => this.pushes.updatePreferences(m, actor!.userId, input ?? {})));
  }

  @Mutation(() => DateTimeScalar, {
    description: '记录本企业已查看某条推荐的发布信息（对接漏斗的“查看”一步），重复调用不重复计数；返回首次查看时间 (records that the caller\'s firm opened a recommended listing; idempotent; returns when it first did)',
  })
  async markRecommendationSeen(
    @Args('listingId', { type: () => ID, description: '发布信息 ID (listing id)' }) listingId: string,
    @Context() ctx: RequestContext,
  ): Promise<Date> {
    const actor = ctx.actor;
    authorizeKind(actor, 'markRecommendationSeen');
    const found = await this.listings.findVisible(actor!, listingId);
    if (!found || found.listing.status !== 'PUBLISHED') throw notFound(`信息 ${echoInput(String(listingId))} 不存在或未发布 (listing not found or not published)`);
    return inTransaction(this.dataSource, (m) => this.pushes.markSeen(m, actor!.organizationId, found.listing.id));
  }

  @Subscription(() => RecommendationModel, {
    description: '推送给调用者所在企业的新推荐（WebSocket，graphql-ws 协议），按本人的推送设置过滤（类别、最低匹配分、免打扰时段）(recommendations pushed to the caller\'s firm, filtered by the member\'s own preferences; graphql-ws only)',
  })
  async recommendationAdded(@Context() ctx: RequestContext): Promise<AsyncIterableIterator<RecommendationUpdate>> {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'recommendationAdded');
    const source = this.pubsub.subscribe<RecommendationAddedMessage>(RECOMMENDATION_ADDED);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([source.ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_WAIT_MS)))]);
    clearTimeout(timer);
    // The reads are independent: issued together (one round trip's wait instead of six in a row on
    // the path publish → push delivered, ADR 0036); a push that is filtered out wasted a few reads.
    const load = async (listingId: string): Promise<RecommendationModel | null> => {
      const [push, prefs, [member], [listing], match, withhold] = await Promise.all([
        this.pushes.pushOf(actor.organizationId, listingId),
        this.pushes.preferencesOf(actor.userId),
        // Still a member of the firm, the listing still published and still in the firm's set.
        this.dataSource.query('SELECT 1 FROM users WHERE id = $1 AND organization_id = $2', [actor.userId, actor.organizationId]) as Promise<unknown[]>,
        this.listings.byIds([listingId]),
        this.dataSource.getRepository(MatchEntity).findOneBy({ enterpriseOrganizationId: actor.organizationId, listingId }),
        actor.verified ? false : this.profiles.hidesAuthorityDataFrom(actor),
      ]);
      if (!push || !wants(prefs, push.kind, push.score) || inQuietHours(prefs, beijingMinute(new Date()))) return null;
      if (!member || !listing || listing.listing.status !== 'PUBLISHED' || !match) return null;
      return { listing: toListingModel(listing), score: match.score, reasons: withhold ? reasonsWithoutProfile(match.reasons) : match.reasons, computedAt: match.computedAt };
    };
    return recommendationFeed(source, actor.organizationId, load, () => ctx.renewLoaders(), (err, id) => this.logger.warn(`recommendationAdded: skipped listing ${id}, reading it failed: ${err.message}`));
  }
}

/** A listing's reach, for its owner and the AUTHORITY (others: null). */
@Resolver(() => ListingModel)
export class ListingReachResolver {
  private readonly loaders = new WeakMap<RequestContext['loaders'], DataLoader<string, ListingReach | undefined>>();

  constructor(private readonly pushes: RecommendationPushService) {}

  @ResolveField(() => ListingReachModel, {
    nullable: true,
    description: '触达情况：被推荐、推送、查看、申请的企业数（仅计数）；仅发布方和主管部门可见，其他人为 null (reach counts; the owner and the AUTHORITY only, null for others)',
  })
  async reach(@Parent() listing: ListingModel, @Context() ctx: RequestContext): Promise<ListingReachModel | null> {
    if (!seesRow(ctx.actor, 'Listing.reach', { parties: [listing.ownerOrganizationId] })) return null;
    let loader = this.loaders.get(ctx.loaders);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const found = await this.pushes.reachOf(ids);
        return ids.map((id) => found.get(id));
      });
      this.loaders.set(ctx.loaders, loader);
    }
    const r = await loader.load(listing.id);
    return r ? { recommendedTo: r.recommendedTo, pushedTo: r.pushedTo, viewedBy: r.viewedBy, requestedBy: r.requestedBy } : { recommendedTo: 0, pushedTo: 0, viewedBy: 0, requestedBy: 0 };
  }
}

/**
 * One subscriber's `recommendationAdded` stream: listing ids pushed to the subscriber's firm, each
 * read again (the push row, the member's preferences and quiet hours, the listing, the match) and
 * delivered once. `return()` releases the channel subscription.
 */
export function recommendationFeed(
  source: PubSubSubscription<RecommendationAddedMessage>,
  organizationId: string,
  load: (listingId: string) => Promise<RecommendationModel | null>,
  beforeDeliver: () => void,
  onError: (err: Error, id: string) => void,
): AsyncIterableIterator<RecommendationUpdate> & { return(): Promise<IteratorResult<RecommendationUpdate, undefined>> } {
  const delivered = new Set<string>();
  const feed = {
    async next(): Promise<IteratorResult<RecommendationUpdate, undefined>> {
      for (;;) {
        const { value: message, done } = await source.next();
        if (done) return { value: undefined, done: true };
        if (!message || typeof message.listingId !== 'string' || !Array.isArray(message.organizationIds) || !message.organizationIds.includes(organizationId)) continue;
        if (delivered.has(message.listingId)) continue;
        let value: RecommendationModel | null;
        try {
          value = await load(message.listingId);
        } catch (err) {
          onError(err as Error, message.listingId);
          continue;
        }
        if (!value) continue;
        delivered.add(message.listingId);
        if (delivered.size > MAX_REMEMBERED) delivered.delete(delivered.values().next().value!);
        beforeDeliver();
        return { value: { recommendationAdded: value }, done: false };
      }
    },
    async return(): Promise<IteratorResult<RecommendationUpdate, undefined>> {
      await source.return();
      return { value: undefined, done: true };
    },
    async throw(): Promise<IteratorResult<RecommendationUpdate, undefined>> {
      return feed.return();
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
}
