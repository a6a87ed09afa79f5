import { Args, Context, Field, Float, ID, Info, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PageInfoModel } from '../listings/listing.models.js';
import { checkPageSize, notFound, offsetAfter, offsetConnection } from '../../../../libs/platform/src/index.js';
import { MatchRequestService, MatchSetService, reasonsWithin, reasonsWithoutProfile } from '../../../../libs/matching/src/index.js';
import { ConsentService, EnterpriseProfileService, hidesAuthorityData, PROFILE_SECTIONS, type AccessRecord, type ProfileSection } from '../../../../libs/enterprises/src/index.js';
import { toProfileModel } from '../enterprises/profile.mapper.js';
import { authorizeQuery, seesRow } from '../../../../libs/identity/src/index.js';
import { ChallengeApplicationService, ListingService, type ListingReadShape } from '../../../../libs/listings/src/index.js';
import { activeConsents, consentCovering, sectionsOfSelection, snapshotFinancials, subSelections } from '../enterprises/shared-profiles.js';
import type { RequestContext } from '../graphql/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { ListingKindEnum, ListingModel } from '../listings/listing.models.js';
import { nestedOrganization, nestedShape, organizationOf, toListingModelFromRow } from '../listings/listing-selection.js';
import { EnterpriseProfileModel } from '../enterprises/profile.models.js';

@ObjectType('MatchReason', { description: '匹配得分的一条理由 (one reason behind a match score)' })
export class MatchReasonModel {
  @Field({ description: '理由的稳定代码 (stable code of the reason)' }) code: string;
  @Field({ description: '中文说明，如“发明专利 5 件 ≥ 产品要求 2 件” (label a person reads)' }) label: string;
  @Field(() => Float, { description: '该理由贡献的分数；各理由之和等于总分 (this reason\'s share of the score; contributions sum to the score)' }) contribution: number;
}

@ObjectType('Recommendation', { description: '为企业推荐的一条发布信息 (a listing recommended to the enterprise)' })
export class RecommendationModel {
  @Field(() => ListingModel, { description: '推荐的发布信息 (the listing)' }) listing: ListingModel;
  @Field(() => Float, { description: '匹配得分，0–100 (match score, 0..100)' }) score: number;
  @Field(() => [MatchReasonModel], { description: '得分理由 (reasons)' }) reasons: MatchReasonModel[];
  @Field(() => DateTimeScalar, { description: '计算时间 (when the match was computed)' }) computedAt: Date;
}

@ObjectType('Lead', { description: '与某条发布信息匹配的企业（商机）(an enterprise that matches a listing)' })
export class LeadModel {
  @Field(() => OrganizationModel, { description: '匹配的企业 (the enterprise)' }) enterprise: OrganizationModel;
  @Field(() => Float, { description: '匹配得分，0–100 (match score, 0..100)' }) score: number;
  @Field(() => [MatchReasonModel], {
    description: '得分理由；引用企业自身数据（营业收入、资产负债率、融资需求等）的理由在企业向发布方授权查看画像前不显示具体数值 (reasons quoting the firm\'s own figures carry a figure-free label until it shares its profile with the owner)',
  })
  reasons: MatchReasonModel[];
  @Field(() => EnterpriseProfileModel, {
    nullable: true,
    description: '企业画像：仅当企业通过对接申请向发布方授权查看时提供，否则为空 (only when the enterprise shared its profile with this listing’s owner through a match request)',
  })
  profile: EnterpriseProfileModel | null;
}

@ObjectType('RecommendationEdge', { description: '推荐分页中的一项 (one recommendation of a page)' })
export class RecommendationEdgeModel {
  @Field({ description: '游标，传给 after 以取下一页 (cursor; pass to after for the next page)' }) cursor: string;
  @Field(() => RecommendationModel, { description: '推荐 (the recommendation)' }) node: RecommendationModel;
}

@ObjectType('RecommendationConnection', { description: '推荐分页，得分高的在前 (a page of recommendations, best first)' })
export class RecommendationConnectionModel {
  @Field(() => [RecommendationEdgeModel], { description: '本页 (this page)' }) edges: RecommendationEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '推荐总数，单位：条（只计已发布的信息）(how many recommendations in all)' }) totalCount: number;
}

@ObjectType('LeadEdge', { description: '商机分页中的一项 (one lead of a page)' })
export class LeadEdgeModel {
  @Field({ description: '游标，传给 after 以取下一页 (cursor; pass to after for the next page)' }) cursor: string;
  @Field(() => LeadModel, { description: '商机 (the lead)' }) node: LeadModel;
}

@ObjectType('LeadConnection', { description: '商机分页，得分高的在前 (a page of leads, best first)' })
export class LeadConnectionModel {
  @Field(() => [LeadEdgeModel], { description: '本页 (this page)' }) edges: LeadEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '匹配的企业总数，单位：家 (how many enterprises match, in all)' }) totalCount: number;
}

const FIRST_DESCRIPTION = '每页条数，1–100，默认 20 (page size, 1–100, default 20)';
const AFTER_DESCRIPTION = '上一页的 endCursor；排名列表最多翻到第 10000 条 (the previous page’s endCursor; ranked lists page through the first 10,000 rows)';

/** Recommendations for enterprises and leads for listing owners, read from the maintained match sets. */
@Resolver()
export class MatchingResolver {
  constructor(
    private readonly matches: MatchSetService,
    private readonly listings: ListingService,
    private readonly requests: MatchRequestService,
    private readonly profiles: EnterpriseProfileService,
    private readonly applications: ChallengeApplicationService,
    private readonly consents: ConsentService,
  ) {}

  @Query(() => [RecommendationModel], {
    description: '为调用者所在企业推荐的已发布信息，得分高的在前，仅限企业账号 (recommendations for the caller\'s enterprise, best first)',
    deprecationReason: '请使用 recommendationsConnection（Relay 分页，含 totalCount 和 pageInfo）(use recommendationsConnection)',
  })
  async recommendations(
    @Context() ctx: RequestContext,
    @Args('kinds', { type: () => [ListingKindEnum], nullable: true, description: '只推荐这些类别；不填表示全部 (only these kinds)' }) kinds?: string[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '最多返回条数，1–100，默认 20 (how many, 1–100, default 20)' }) first = 20,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<RecommendationModel[]> {
    return (await this.recommendationPage(ctx, 'recommendations', { ...nestedShape(info!, ['listing']), totalCount: false }, kinds, first ?? 20, 0)).nodes;
  }

  @Query(() => RecommendationConnectionModel, { description: '为调用者所在企业推荐的已发布信息（Relay 分页），得分高的在前，仅限企业账号 (a Relay page of recommendations for the caller\'s enterprise, best first)' })
  async recommendationsConnection(
    @Context() ctx: RequestContext,
    @Args('kinds', { type: () => [ListingKindEnum], nullable: true, description: '只推荐这些类别；不填表示全部 (only these kinds)' }) kinds?: string[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: FIRST_DESCRIPTION }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: AFTER_DESCRIPTION }) after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<RecommendationConnectionModel> {
    const offset = offsetAfter(after);
    // Counted only when totalCount is selected; hasNextPage otherwise comes from the one row read past the page.
    const shape = { ...nestedShape(info!, ['edges', 'node', 'listing']), totalCount: subSelections(info!, 'totalCount').selected };
    const { nodes, totalCount, hasMore } = await this.recommendationPage(ctx, 'recommendationsConnection', shape, kinds, first ?? 20, offset);
    return offsetConnection(nodes, offset, totalCount ?? offset + nodes.length + (hasMore ? 1 : 0));
  }

  /**
   * One page of recommendations with their listings in one prepared statement (ADR 0040): the
   * listing columns `shape` asks for (owner joined when only its public fields are), the count
   * when `shape.totalCount`.
   */
  private async recommendationPage(
    ctx: RequestContext,
    query: 'recommendations' | 'recommendationsConnection',
    shape: ListingReadShape,
    kinds: string[] | null | undefined,
    first: number,
    offset: number,
  ): Promise<{ nodes: RecommendationModel[]; totalCount: number | null; hasMore: boolean }> {
    const actor = ctx.requireActor();
    authorizeQuery(actor, query);
    checkPageSize(first);
    // An unverified firm's own profile's imported_at comes in the same statement (hidesAuthorityData's input).
    const page = await this.matches.readRecommendations(shape, actor.organizationId, kinds ?? undefined, first, offset, !actor.verified);
    // Reasons quote the profile's figures: withheld, like the profile itself, when they came from the AUTHORITY and the firm is not verified.
    const withhold = !actor.verified && page.rows.length > 0 && hidesAuthorityData(actor, { organizationId: actor.organizationId, importedAt: page.profileImportedAt ?? null });
    const nodes = page.rows.flatMap((r) => {
      const listing = toListingModelFromRow(r.listing);
      return listing ? [{ listing, score: r.score, reasons: withhold ? reasonsWithoutProfile(r.reasons) : r.reasons, computedAt: r.computedAt }] : [];
    });
    return { nodes, totalCount: page.totalCount, hasMore: page.hasMore };
  }

  @Query(() => [LeadModel], {
    description: '与发布信息匹配的企业，得分高的在前；仅限该信息的发布方（及主管部门）；信息不存在或不可见时返回 NOT_FOUND（契约规定）(for the listing\'s owner or the AUTHORITY: enterprises that match it, best first; NOT_FOUND for an unknown listing)',
    deprecationReason: '请使用 leadsConnection（Relay 分页，含 totalCount 和 pageInfo）(use leadsConnection)',
  })
  async leads(
    @Args('listingId', { type: () => ID, description: '发布信息 ID (listing id)' }) listingId: string,
    @Context() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '最多返回条数，1–100，默认 20 (how many, 1–100, default 20)' }) first = 20,
  ): Promise<LeadModel[]> {
    return (await this.leadPage(ctx, info, [], 'leads', listingId, first ?? 20, 0, false)).nodes;
  }

  @Query(() => LeadConnectionModel, {
    description: '与发布信息匹配的企业（Relay 分页），得分高的在前；仅限该信息的发布方（及主管部门）；信息不存在或不可见时返回 NOT_FOUND (a Relay page of the enterprises that match a listing, best first; NOT_FOUND for an unknown listing)',
  })
  async leadsConnection(
    @Args('listingId', { type: () => ID, description: '发布信息 ID (listing id)' }) listingId: string,
    @Context() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: FIRST_DESCRIPTION }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: AFTER_DESCRIPTION }) after?: string | null,
  ): Promise<LeadConnectionModel> {
    const offset = offsetAfter(after);
    const { nodes, totalCount, hasMore } = await this.leadPage(ctx, info, ['edges', 'node'], 'leadsConnection', listingId, first ?? 20, offset, subSelections(info, 'totalCount').selected);
    // Counted only when totalCount is selected; hasNextPage otherwise comes from the one row read past the page.
    return offsetConnection(nodes, offset, totalCount ?? offset + nodes.length + (hasMore ? 1 : 0));
  }

  /**
   * `nodePath`: where a lead sits under the query's field (none for `leads`, edges.node for `leadsConnection`): the sections asked for are read there.
   * The leads, the enterprises' public columns (when only those are selected) and the count (when `totalCount`) come in one statement (ADR 0040).
   */
  private async leadPage(
    ctx: RequestContext,
    info: GraphQLResolveInfo,
    nodePath: readonly string[],
    query: 'leads' | 'leadsConnection',
    listingId: string,
    first: number,
    offset: number,
    totalCount: boolean,
  ): Promise<{ nodes: LeadModel[]; totalCount: number | null; hasMore: boolean }> {
    const actor = ctx.requireActor();
    checkPageSize(first);
    // Only what the checks need (id, owner): the same visibility rule, in SQL (ADR 0040).
    const found = await this.listings.readVisible(actor, listingId, { columns: [] });
    if (!found) throw notFound(`信息 ${listingId} 不存在 (listing not found)`);
    authorizeQuery(actor, query, { parties: [found.listing.ownerOrganizationId] });
    const page = await this.matches.readLeads({ enterprise: nestedOrganization(info, [...nodePath, 'enterprise']), totalCount }, found.listing.id, first, offset);
    const rows = page.rows;
    const enterpriseIds = rows.map((r) => r.enterpriseOrganizationId);
    // The enterprises the statement did not bring (a non-public field selected) come from the loader, as before.
    const orgs = await Promise.all(rows.map((r) => (r.enterprise ? organizationOf(r.enterprise) : ctx.loaders.organization.load(r.enterpriseOrganizationId).then((o) => toOrganizationModel(o!)))));
    // The AUTHORITY reads every profile; an owner reads a firm's profile and the figures in its reasons through
    // the firm's consent (ADR 0035): the profile when the consent covers every section asked for, each figure when it covers its section.
    const authority = seesRow(actor, 'Lead.reasons', { parties: [], granted: false });
    const profileAsked = subSelections(info, [...nodePath, 'profile']);
    const asked = [...sectionsOfSelection(profileAsked.sets, info)];
    const reasonsAsked = subSelections(info, [...nodePath, 'reasons']).selected;
    const consents = authority ? new Map() : await activeConsents({ consents: this.consents, requests: this.requests, applications: this.applications }, found.listing.ownerOrganizationId, enterpriseIds);
    const consentFor = (id: string) => (authority ? null : consentCovering(consents.get(id), asked));
    const profileIds = profileAsked.selected ? enterpriseIds.filter((id) => authority || consentFor(id)) : [];
    const profiles = new Map((await this.profiles.loadMany(profileIds)).map((p) => [p.organizationId, p]));
    const log: AccessRecord[] = [];
    const nodes = rows.map((r, i) => {
      const id = r.enterpriseOrganizationId;
      const profile = profiles.get(id);
      const profileConsent = consentFor(id);
      // Figures in reasons: under the newest consent (the one the profile was read under, when there is one).
      const reasonConsent = profileConsent ?? consents.get(id)?.[0] ?? null;
      const granted: readonly ProfileSection[] = authority ? PROFILE_SECTIONS : (reasonConsent?.sections ?? []);
      const within = reasonsAsked ? reasonsWithin(r.reasons, granted) : { reasons: reasonsWithoutProfile(r.reasons), read: [] };
      const read = new Set<ProfileSection>([...within.read, ...(profile ? asked : [])]);
      if (read.size > 0) {
        const consent = profile ? profileConsent : reasonConsent;
        const years = read.has('FINANCIALS') ? (consent ? consent.financialYears : (profile?.financials ?? []).map((y) => y.year)) : [];
        log.push({ organizationId: id, readerOrganizationId: actor.organizationId, readerUserId: actor.userId, operation: 'LEAD', sections: [...read], financialYears: years, outcome: 'READ', consentId: consent?.id ?? null, subjectId: found.listing.id });
      }
      let model = profile ? toProfileModel(profile) : null;
      if (model && profileConsent) model = { ...model, financials: snapshotFinancials(profileConsent) };
      return { enterprise: orgs[i]!, score: r.score, reasons: within.reasons, profile: model };
    });
    // No figures leave unlogged: a failed write fails the read.
    const failed = (await ctx.loaders.accessLog.loadMany(log)).find((r) => r instanceof Error);
    if (failed) throw failed;
    return { nodes, totalCount: page.totalCount, hasMore: page.hasMore };
  }
}
