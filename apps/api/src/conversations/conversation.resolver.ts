import { Inject, Logger } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { CASE_MESSAGE_ADDED, type CaseMessageAddedMessage, inTransaction, PUBSUB, type PubSub } from '../../../../libs/platform/src/index.js';
import { type CaseAttachmentEntity, type CaseSubject, ConversationService, messageCursor } from '../../../../libs/conversations/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { MatchRequestModel } from '../matching/match-request.models.js';
import { ChallengeApplicationModel } from '../listings/listing.inputs.js';
import {
  CaseAttachmentLinkModel,
  CaseAttachmentModel,
  CaseContactModel,
  CaseMessageConnectionModel,
  CaseMessageModel,
  CaseSubjectEnum,
} from './conversation.models.js';
import { CaseMessageInput } from './conversation.inputs.js';
import { caseMessageFeed, toCaseMessageModel, type CaseMessageUpdate } from './case-message-feed.js';

const FIRST_DEFAULT = 20;
const LISTEN_WAIT_MS = 3_000;
const firstArg = { type: () => Int, nullable: true, defaultValue: FIRST_DEFAULT, description: '每页留言数，1–100，默认 20 (messages per page, 1–100, default 20)' };
const afterArg = { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' };

type Loaders = RequestContext['loaders'];

/**
 * Conversations on match requests and 揭榜 applications: send, read (the two sides and the
 * AUTHORITY), follow live. Attachments are uploaded over REST (POST /attachments) and read through
 * signed links (GET /attachments/<id>).
 */
@Resolver(() => CaseMessageModel)
export class ConversationResolver {
  private readonly logger = new Logger('CaseMessageSubscription');
  private readonly attachmentLoaders = new WeakMap<Loaders, DataLoader<string, CaseAttachmentEntity[]>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationService,
    @Inject(PUBSUB) private readonly pubsub: PubSub,
  ) {}

  @Mutation(() => CaseMessageModel, { description: '在对接申请中给对方留言（可带附件），仅限申请双方的成员；申请已婉拒、取消或完成后不能再留言 (members of either side; not after DECLINED, CANCELLED or COMPLETED)' })
  async sendMatchRequestMessage(
    @Args('id', { type: () => ID, description: '对接申请 ID (match request id)' }) id: string,
    @Args('input', { description: '留言 (the message)' }) input: CaseMessageInput,
    @Context() ctx: RequestContext,
  ) {
    return this.send(ctx, 'MATCH_REQUEST', id, input);
  }

  @Mutation(() => CaseMessageModel, { description: '在揭榜申请中给对方留言（可带附件），仅限申请企业和发榜企业的成员；申请被拒绝、撤回或关闭后不能再留言 (members of either side; not after REJECTED, WITHDRAWN or CLOSED_BY_OWNER)' })
  async sendChallengeApplicationMessage(
    @Args('id', { type: () => ID, description: '揭榜申请 ID (application id)' }) id: string,
    @Args('input', { description: '留言 (the message)' }) input: CaseMessageInput,
    @Context() ctx: RequestContext,
  ) {
    return this.send(ctx, 'CHALLENGE_APPLICATION', id, input);
  }

  @Query(() => CaseMessageConnectionModel, { description: '一份对接申请或揭榜申请的留言，按发送先后排列：申请双方和主管部门可见，其他人得到 NOT_FOUND (a conversation, oldest first; the two sides and the AUTHORITY)' })
  async caseMessages(
    @Args('subject', { type: () => CaseSubjectEnum, description: '申请类型 (what the id names)' }) subject: CaseSubject,
    @Args('id', { type: () => ID, description: '对接申请或揭榜申请 ID (match request or application id)' }) id: string,
    @Context() ctx: RequestContext,
    @Args('first', firstArg) first: number,
    @Args('after', afterArg) after?: string | null,
  ): Promise<CaseMessageConnectionModel> {
    const c = await this.conversations.readableCase(ctx.requireActor(), subject, id);
    return messageConnection(this.conversations, c.subjectType, c.id, first, after);
  }

  @Subscription(() => CaseMessageModel, { description: '调用者机构作为一方的对接申请和揭榜申请中的新留言，仅经 WebSocket（graphql-ws）订阅 (new messages on cases the caller\'s organization is a side of; graphql-ws only)' })
  async caseMessageAdded(@Context() ctx: RequestContext): Promise<AsyncIterableIterator<CaseMessageUpdate>> {
    const actor = ctx.requireActor();
    const source = this.pubsub.subscribe<CaseMessageAddedMessage>(CASE_MESSAGE_ADDED);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([source.ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_WAIT_MS)))]);
    clearTimeout(timer);
    return caseMessageFeed(source, {
      organizationId: actor.organizationId,
      load: (id) => this.conversations.findMessage(id),
      beforeDeliver: () => ctx.renewLoaders(),
      onError: (err, id) => this.logger.warn(`caseMessageAdded: skipped message ${id}, reading it failed: ${err.message}`),
    });
  }

  @ResolveField(() => OrganizationModel, { description: '留言的机构 (the organization that wrote it)' })
  async senderOrganization(@Parent() m: CaseMessageModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(m.senderOrganizationId);
    if (!org) throw new Error(`message ${m.id} has no sender organization`);
    return toOrganizationModel(org);
  }

  @ResolveField(() => [CaseAttachmentModel], { description: '随留言发送的附件 (files sent with the message)' })
  async attachments(@Parent() m: CaseMessageModel, @Context() ctx: RequestContext): Promise<CaseAttachmentModel[]> {
    let loader = this.attachmentLoaders.get(ctx.loaders);
    if (!loader) {
      loader = new DataLoader((ids: readonly string[]) => this.conversations.attachmentsOf(ids));
      this.attachmentLoaders.set(ctx.loaders, loader);
    }
    const rows = await loader.load(m.id);
    return rows.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, createdAt: a.createdAt, uploaderOrganizationId: a.uploaderOrganizationId }));
  }

  private async send(ctx: RequestContext, subject: CaseSubject, id: string, input: CaseMessageInput): Promise<CaseMessageModel> {
    const actor = ctx.actor;
    const { message } = await inTransaction(this.dataSource, (m) => this.conversations.send(m, actor, subject, id, input ?? {}));
    return toCaseMessageModel(message);
  }

}

/** One page of a case's messages as its connection (the caller already reads the case). */
async function messageConnection(conversations: ConversationService, subject: CaseSubject, id: string, first: number, after?: string | null): Promise<CaseMessageConnectionModel> {
  const page = await conversations.page(subject, id, first ?? FIRST_DEFAULT, after);
  return {
    edges: page.rows.map((r) => ({ cursor: messageCursor(r), node: toCaseMessageModel(r) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}

/** Links are signed per read: whoever reads the message (a side, the AUTHORITY) gets a fresh one. */
@Resolver(() => CaseAttachmentModel)
export class CaseAttachmentResolver {
  constructor(private readonly conversations: ConversationService) {}

  @ResolveField(() => CaseAttachmentLinkModel, { description: '下载链接：签名、限时（默认 10 分钟），每次读取重新签发 (a signed link, 10 minutes by default, issued at each read)' })
  async link(@Parent() a: CaseAttachmentModel, @Context() ctx: RequestContext): Promise<CaseAttachmentLinkModel> {
    const actor = ctx.actor;
    // A link issued to another organization than the uploader's is a read of its data: logged in its access log (issue 18), batched per request.
    if (actor && actor.organizationId !== a.uploaderOrganizationId) {
      await ctx.loaders.accessLog.load({
        organizationId: a.uploaderOrganizationId,
        readerOrganizationId: actor.organizationId,
        readerUserId: actor.userId,
        operation: 'CASE_ATTACHMENT',
        sections: ['ATTACHMENTS'],
        outcome: 'READ',
        subjectId: a.id,
      });
    }
    return this.conversations.link(a.id);
  }
}

/** The conversation and the contacts of a match request, for its two sides (and the AUTHORITY). */
@Resolver(() => MatchRequestModel)
export class MatchRequestConversationResolver {
  constructor(private readonly conversations: ConversationService) {}

  @ResolveField(() => CaseMessageConnectionModel, { nullable: true, description: '双方之间的留言，按发送先后排列；仅申请双方和主管部门可见 (messages between the two sides, oldest first)' })
  async messages(@Parent() r: MatchRequestModel, @Context() ctx: RequestContext, @Args('first', firstArg) first: number, @Args('after', afterArg) after?: string | null) {
    const c = await this.conversations.visibleCase(ctx.actor, 'MATCH_REQUEST', r.id);
    return c ? messageConnection(this.conversations, 'MATCH_REQUEST', c.id, first, after) : null;
  }

  @ResolveField(() => [CaseContactModel], { nullable: true, description: '双方的联系人、电话和邮箱：申请被接受（ACCEPTED/COMPLETED）后可见，此前为 null (both sides\' contacts once ACCEPTED or COMPLETED; null before)' })
  async contacts(@Parent() r: MatchRequestModel, @Context() ctx: RequestContext) {
    const c = await this.conversations.visibleCase(ctx.actor, 'MATCH_REQUEST', r.id);
    return c ? this.conversations.contacts(c) : null;
  }
}

/** The conversation and the contacts of a 揭榜 application, for its two sides (and the AUTHORITY). */
@Resolver(() => ChallengeApplicationModel)
export class ChallengeApplicationConversationResolver {
  constructor(private readonly conversations: ConversationService) {}

  @ResolveField(() => CaseMessageConnectionModel, { nullable: true, description: '申请企业与发榜企业之间的留言，按发送先后排列；仅双方和主管部门可见 (messages between the two sides, oldest first)' })
  async messages(@Parent() a: ChallengeApplicationModel, @Context() ctx: RequestContext, @Args('first', firstArg) first: number, @Args('after', afterArg) after?: string | null) {
    const c = await this.conversations.visibleCase(ctx.actor, 'CHALLENGE_APPLICATION', a.id);
    return c ? messageConnection(this.conversations, 'CHALLENGE_APPLICATION', c.id, first, after) : null;
  }

  @ResolveField(() => [CaseContactModel], { nullable: true, description: '双方的联系人、电话和邮箱：申请被接受（ACCEPTED）后可见，此前为 null (both sides\' contacts once ACCEPTED; null before)' })
  async contacts(@Parent() a: ChallengeApplicationModel, @Context() ctx: RequestContext) {
    const c = await this.conversations.visibleCase(ctx.actor, 'CHALLENGE_APPLICATION', a.id);
    return c ? this.conversations.contacts(c) : null;
  }
}

/** The organization of a contact. */
@Resolver(() => CaseContactModel)
export class CaseContactResolver {
  @ResolveField(() => OrganizationModel, { description: '该方机构 (the organization)' })
  async organization(@Parent() c: CaseContactModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(c.organizationId);
    if (!org) throw new Error(`contact of missing organization ${c.organizationId}`);
    return toOrganizationModel(org);
  }
}
