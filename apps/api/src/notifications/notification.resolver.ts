import { Inject, Logger } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MAX_MARK_IDS, NotificationService, type Reader } from '../../../../libs/notifications/src/index.js';
import { authorizeKind } from '../../../../libs/identity/src/index.js';
import { canSeeListing, canSeeApplication } from '../../../../libs/listings/src/index.js';
import {
  badInput,
  inTransaction,
  keysetCursor,
  PUBSUB,
  type PubSub,
  NOTIFICATION_ADDED,
  type NotificationAddedMessage,
} from '../../../../libs/platform/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { toApplicationModel, toListingModel } from '../listings/listing.mapper.js';
import { toMatchRequestModel } from '../matching/match-request.mapper.js';
import { notificationFeed, type NotificationAdded } from './notification-feed.js';
import { NotificationConnectionModel, NotificationModel, NotificationTargetUnion, toNotificationModel, type TargetValue } from './notification.models.js';

/** How long a new subscription waits for the channel to be listened on before it starts anyway. */
const LISTEN_WAIT_MS = 3_000;
/** Cursors are ~70 characters; anything much longer is not one. */
const MAX_CURSOR_CHARS = 200;

const readerOf = (ctx: RequestContext): Reader => {
  const actor = ctx.requireActor();
  return { userId: actor.userId, organizationId: actor.organizationId };
};

/**
 * The caller's organization's notifications, with read state per user: the plain list of the
 * contract, a Relay connection, the unread count, marking read, the `target` they are about, and
 * a live feed over the websocket.
 */
@Resolver(() => NotificationModel)
export class NotificationResolver {
  private readonly logger = new Logger('NotificationSubscription');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly service: NotificationService,
    @Inject(PUBSUB) private readonly pubsub: PubSub,
  ) {}

  @Query(() => [NotificationModel], {
    description: '调用者所在机构的通知，最新的在前 (newest first, for the caller’s organization).',
    deprecationReason: '请使用 notificationsConnection（Relay 分页，含 totalCount 和 pageInfo）(use notificationsConnection)',
  })
  async notifications(
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 20, description: '条数，1–100 (how many, 1–100)' }) first: number,
  ): Promise<NotificationModel[]> {
    const reader = readerOf(ctx);
    if (first < 1 || first > 100) throw badInput('first 需在 1–100 之间 (first must be between 1 and 100)', 'first');
    return (await this.service.listFor(reader, first)).map(toNotificationModel);
  }

  @Query(() => NotificationConnectionModel, {
    description: '调用者所在机构的通知分页（Relay），最新的在前，可只看本人未读的 (a Relay page of the organization’s notifications, newest first; optionally only those the caller has not read).',
  })
  async notificationsConnection(
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100 (page size, 1–100)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (the previous page’s endCursor)' }) after?: string | null,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false, description: '只返回调用者本人未读的通知 (only notifications the caller has not read)' })
    unreadOnly = false,
  ): Promise<NotificationConnectionModel> {
    const reader = readerOf(ctx);
    if (after && after.length > MAX_CURSOR_CHARS) throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', 'after');
    const page = await this.service.page(reader, first ?? 20, after, unreadOnly ?? false);
    return {
      edges: page.rows.map((r) => ({ cursor: keysetCursor(r.notification), node: toNotificationModel(r) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Query(() => Int, { description: '调用者本人未读的通知数，单位：条 (how many of the organization’s notifications the caller has not read).' })
  async unreadCount(@Context() ctx: RequestContext): Promise<number> {
    return this.service.unreadCount(readerOf(ctx));
  }

  @Mutation(() => Int, {
    description:
      `为调用者本人将通知标记为已读，一次最多 ${MAX_MARK_IDS} 条；不属于本机构的 ID 被忽略。返回新标记为已读的条数 ` +
      `(marks notifications read for the calling user, at most ${MAX_MARK_IDS} ids; ids not of the caller’s organization are ignored; returns how many became read).`,
  })
  async markNotificationsRead(
    @Args('ids', { type: () => [ID], description: `通知 ID，最多 ${MAX_MARK_IDS} 个 (notification ids, at most ${MAX_MARK_IDS})` }) ids: string[],
    @Context() ctx: RequestContext,
  ): Promise<number> {
    const actor = ctx.actor;
    authorizeKind(actor, 'markNotificationsRead');
    return inTransaction(this.dataSource, (m) => this.service.markRead(m, { userId: actor!.userId, organizationId: actor!.organizationId }, ids));
  }

  @Mutation(() => Int, { description: '为调用者本人将本机构的全部通知标记为已读，返回新标记为已读的条数 (marks every notification of the organization read for the calling user; returns how many became read).' })
  async markAllNotificationsRead(@Context() ctx: RequestContext): Promise<number> {
    const actor = ctx.actor;
    authorizeKind(actor, 'markAllNotificationsRead');
    return inTransaction(this.dataSource, (m) => this.service.markAllRead(m, { userId: actor!.userId, organizationId: actor!.organizationId }));
  }

  /**
   * Over graphql-ws only (authenticated at connection). Notify workers announce new rows' ids on
   * the pub/sub channel after they are committed; this process keeps those of the caller's
   * organization and delivers each row, read again as the caller sees it.
   */
  @Subscription(() => NotificationModel, { description: '调用者所在机构的新通知（WebSocket，graphql-ws 协议）(new notifications of the caller’s organization, over the websocket).' })
  async notificationAdded(@Context() ctx: RequestContext): Promise<AsyncIterableIterator<NotificationAdded>> {
    const reader = readerOf(ctx);
    const source = this.pubsub.subscribe<NotificationAddedMessage>(NOTIFICATION_ADDED);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([source.ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_WAIT_MS)))]);
    clearTimeout(timer);
    return notificationFeed(source, {
      organizationId: reader.organizationId,
      load: (id) => this.service.findFor(reader, id),
      beforeDeliver: () => ctx.renewLoaders(),
      onError: (err, id) => this.logger.warn(`notificationAdded: skipped ${id}, reading it failed: ${err.message}`),
    });
  }

  @ResolveField(() => NotificationTargetUnion, {
    nullable: true,
    description: '通知所涉及的对象；调用者无权查看（或对象已不存在、旧通知未记录）时为 null (what it is about; null when the caller may not read it, it is gone, or an old notification did not record it).',
  })
  async target(@Parent() n: NotificationModel, @Context() ctx: RequestContext): Promise<TargetValue | null> {
    if (!n.targetType || !n.targetId) return null;
    const actor = ctx.requireActor();
    switch (n.targetType) {
      case 'LISTING': {
        const full = await ctx.loaders.listing.load(n.targetId);
        return full && canSeeListing(actor, full.listing) ? { ...toListingModel(full), __target: 'LISTING' } : null;
      }
      case 'MATCH_REQUEST': {
        const r = await ctx.loaders.matchRequest.load(n.targetId);
        const side = r && (r.enterpriseOrganizationId === actor.organizationId || r.ownerOrganizationId === actor.organizationId);
        return side ? { ...toMatchRequestModel(r), __target: 'MATCH_REQUEST' } : null;
      }
      case 'CHALLENGE_APPLICATION': {
        const a = await ctx.loaders.challengeApplication.load(n.targetId);
        const challenge = a && (await ctx.loaders.listing.load(a.challengeId));
        return a && challenge && canSeeApplication(actor, challenge.listing.ownerOrganizationId, a) ? { ...toApplicationModel(a), __target: 'CHALLENGE_APPLICATION' } : null;
      }
      case 'ORGANIZATION': {
        // Organizations are registry facts any signed-in user may read (Query.organization).
        const org = await ctx.loaders.organization.load(n.targetId);
        return org ? { ...toOrganizationModel(org), __target: 'ORGANIZATION' } : null;
      }
    }
  }
}
