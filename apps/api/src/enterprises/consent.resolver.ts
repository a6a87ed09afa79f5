import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, checkPageSize, inTransaction, keysetCursor, notFound, parseId } from '../../../../libs/platform/src/index.js';
import { authorizeKind, authorizeQuery } from '../../../../libs/identity/src/index.js';
import { AccessLogService, ConsentService, type ConsentPurpose, type ConsentRole, type ProfileAccessEntity, type ProfileConsentEntity } from '../../../../libs/enterprises/src/index.js';
import { MatchRequestService, OPEN_MATCH_REQUEST_STATUSES } from '../../../../libs/matching/src/index.js';
import { ChallengeApplicationService, OPEN_APPLICATION_STATUSES } from '../../../../libs/listings/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import {
  ConsentRoleEnum,
  GrantProfileConsentInput,
  ProfileAccessEntryConnectionModel,
  ProfileAccessEntryModel,
  ProfileConsentConnectionModel,
  ProfileConsentModel,
} from './consent.models.js';
import { consentStates } from './shared-profiles.js';

const FIRST_DEFAULT = 20;

/** Consents to read a firm's profile, and the firm's access log (issue 18, ADR 0035). */
@Resolver(() => ProfileConsentModel)
export class ProfileConsentResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentService,
    private readonly requests: MatchRequestService,
    private readonly applications: ChallengeApplicationService,
  ) {}

  private async toModels(rows: readonly ProfileConsentEntity[]): Promise<ProfileConsentModel[]> {
    const states = await consentStates({ consents: this.consents, requests: this.requests, applications: this.applications }, rows, this.consents.now());
    return rows.map((c) => {
      const state = states.get(c.id)!;
      return {
        id: c.id,
        grantorOrganizationId: c.grantorOrganizationId,
        granteeOrganizationId: c.granteeOrganizationId,
        purpose: c.purpose,
        matchRequestId: c.matchRequestId,
        challengeApplicationId: c.challengeApplicationId,
        sections: c.sections,
        financialYears: [...c.financialYears].sort((a, b) => b - a),
        startsAt: c.startsAt,
        endsAt: state.endsAt,
        expiresAt: c.expiresAt,
        status: state.status,
        revokedAt: c.revokedAt,
        createdAt: c.createdAt,
      };
    });
  }

  @Mutation(() => ProfileConsentModel, {
    description:
      '仅限企业的负责人、管理员（ENTERPRISE OWNER/ADMIN）：授权其他机构查看本企业画像的指定部分——长期授权，或针对本企业的一项对接申请、揭榜申请（被授权方为其发布方）。财务数据为授权时所选年度的快照。' +
      'Grants a consent; nothing is written when any part is refused.',
  })
  async grantProfileConsent(@Args('input', { description: '授权内容 (the consent)' }) input: GrantProfileConsentInput, @Context() ctx: RequestContext): Promise<ProfileConsentModel> {
    const actor = ctx.actor;
    authorizeKind(actor, 'grantProfileConsent');
    const firm = actor!;
    if (input.matchRequestId && input.challengeApplicationId) {
      throw badInput('matchRequestId 与 challengeApplicationId 只能填一个 (a consent is for one case at most)', 'input.challengeApplicationId');
    }
    let purpose: ConsentPurpose = 'STANDING';
    let caseId: string | null = null;
    let grantee = input.granteeOrganizationId ?? null;
    let owner: string | null = null;
    if (input.matchRequestId) {
      caseId = parseId(input.matchRequestId, 'input.matchRequestId');
      const r = await this.requests.findById(caseId);
      if (!r || r.enterpriseOrganizationId !== firm.organizationId) throw notFound(`找不到本企业发出的对接申请 ${caseId} (no match request of yours with this id)`);
      if (!(OPEN_MATCH_REQUEST_STATUSES as readonly string[]).includes(r.status)) {
        throw badInput('该对接申请已结束（已婉拒、已完成或已取消），不能再为其授权 (the match request has ended)', 'input.matchRequestId');
      }
      purpose = 'MATCH_REQUEST';
      owner = r.ownerOrganizationId;
    } else if (input.challengeApplicationId) {
      caseId = parseId(input.challengeApplicationId, 'input.challengeApplicationId');
      const a = await ctx.loaders.challengeApplication.load(caseId);
      if (!a || a.applicantOrganizationId !== firm.organizationId) throw notFound(`找不到本企业提交的揭榜申请 ${caseId} (no 揭榜 application of yours with this id)`);
      if (!(OPEN_APPLICATION_STATUSES as readonly string[]).includes(a.status)) {
        throw badInput('该揭榜申请已有结果或已结束，不能再为其授权 (the 揭榜 application is decided or ended)', 'input.challengeApplicationId');
      }
      const challenge = await ctx.loaders.listing.load(a.challengeId);
      if (!challenge) throw new Error(`application ${a.id} has no challenge`);
      purpose = 'CHALLENGE_APPLICATION';
      owner = challenge.listing.ownerOrganizationId;
    }
    if (owner) {
      if (grantee && parseId(grantee, 'input.granteeOrganizationId') !== owner) {
        throw badInput('针对申请的授权只能给该申请的发布方：granteeOrganizationId 可省略 (a case consent goes to the case\'s listing owner)', 'input.granteeOrganizationId');
      }
      grantee = owner;
    }
    if (!grantee) throw badInput('长期授权须填写被授权机构 granteeOrganizationId (a standing consent needs granteeOrganizationId)', 'input.granteeOrganizationId');
    const saved = await inTransaction(this.dataSource, (manager) =>
      this.consents.grant(manager, firm, { granteeOrganizationId: grantee, purpose, caseId, sections: input.sections, financialYears: input.financialYears, expiresAt: input.expiresAt }),
    );
    return (await this.toModels([saved]))[0]!;
  }

  @Mutation(() => ProfileConsentModel, { description: '仅限企业的负责人、管理员（ENTERPRISE OWNER/ADMIN）：撤销本企业给出的授权，立即生效；已撤销的再撤销为 CONFLICT。Revokes a consent the firm gave.' })
  async revokeProfileConsent(@Args('id', { type: () => ID, description: '授权 ID (the consent)' }) id: string, @Context() ctx: RequestContext): Promise<ProfileConsentModel> {
    const actor = ctx.actor;
    const saved = await inTransaction(this.dataSource, (manager) => this.consents.revoke(manager, actor, id));
    return (await this.toModels([saved]))[0]!;
  }

  @Query(() => ProfileConsentConnectionModel, { description: '本机构给出的（企业）或收到的授权，新的在前。The caller\'s organization\'s consents, given or received, newest first.' })
  async profileConsents(
    @Args('role', { type: () => ConsentRoleEnum, description: '给出的还是收到的 (given or received)' }) role: ConsentRole,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: FIRST_DEFAULT, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = FIRST_DEFAULT,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<ProfileConsentConnectionModel> {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'profileConsents');
    checkPageSize(first ?? FIRST_DEFAULT);
    const page = await this.consents.page(actor, role, first ?? FIRST_DEFAULT, after);
    const models = await this.toModels(page.rows);
    return {
      edges: page.rows.map((r, i) => ({ cursor: keysetCursor(r), node: models[i]! })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => OrganizationModel, { description: '授权的企业 (the firm that gave it)' })
  async grantor(@Parent() c: ProfileConsentModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(c.grantorOrganizationId);
    if (!org) throw new Error(`consent ${c.id} has no grantor`);
    return toOrganizationModel(org);
  }

  @ResolveField(() => OrganizationModel, { description: '被授权机构 (the organization that may read)' })
  async grantee(@Parent() c: ProfileConsentModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(c.granteeOrganizationId);
    if (!org) throw new Error(`consent ${c.id} has no grantee`);
    return toOrganizationModel(org);
  }
}

@Resolver(() => ProfileAccessEntryModel)
export class ProfileAccessLogResolver {
  constructor(private readonly log: AccessLogService) {}

  @Query(() => ProfileAccessEntryConnectionModel, {
    description:
      '企业受保护数据（画像各部分、leads 中的数据、申请附件）被其他机构查看及被拒绝的记录，新的在前：企业查看本企业的；主管部门可指定企业或查看全部。保留期见 ACCESS_LOG_RETENTION_DAYS。' +
      'The access log: the firm\'s own; the AUTHORITY any firm\'s, or all.',
  })
  async profileAccessLog(
    @Context() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, nullable: true, description: '企业机构 ID：企业只能查看本企业（可省略）；主管部门省略为全部企业。The firm.' }) organizationId?: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: FIRST_DEFAULT, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = FIRST_DEFAULT,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' }) after?: string | null,
  ): Promise<ProfileAccessEntryConnectionModel> {
    const actor = ctx.requireActor();
    const firm = organizationId ? parseId(organizationId, 'organizationId') : actor.kind === 'AUTHORITY' ? null : actor.organizationId;
    authorizeQuery(actor, 'profileAccessLog', { parties: [firm ?? actor.organizationId] });
    checkPageSize(first ?? FIRST_DEFAULT);
    const page = await this.log.page(firm, first ?? FIRST_DEFAULT, after);
    return {
      edges: page.rows.map((r) => ({ cursor: keysetCursor(r), node: toEntry(r) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => OrganizationModel, { nullable: true, description: '数据被查看的企业；被拒绝的查看所指机构不存在时为空 (the firm whose data was read)' })
  async organization(@Parent() e: ProfileAccessEntryModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(e.organizationId);
    return org ? toOrganizationModel(org) : null;
  }

  @ResolveField(() => OrganizationModel, { description: '查看的机构 (the reading organization)' })
  async reader(@Parent() e: ProfileAccessEntryModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(e.readerOrganizationId);
    if (!org) throw new Error(`access entry ${e.id} has no reader`);
    return toOrganizationModel(org);
  }
}

function toEntry(r: ProfileAccessEntity): ProfileAccessEntryModel {
  return {
    id: r.id,
    organizationId: r.organizationId,
    readerOrganizationId: r.readerOrganizationId,
    readerUserId: r.readerUserId,
    operation: r.operation,
    sections: r.sections,
    financialYears: r.financialYears,
    outcome: r.outcome,
    consentId: r.consentId,
    subjectId: r.subjectId,
    createdAt: r.createdAt,
  };
}
