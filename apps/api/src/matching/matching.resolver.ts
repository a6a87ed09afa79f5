import { Args, Context, Field, Float, ID, Info, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { checkPageSize, notFound } from '../../../../libs/platform/src/index.js';
import { MatchRequestService, MatchSetService, reasonsWithin, reasonsWithoutProfile } from '../../../../libs/matching/src/index.js';
import { ConsentService, EnterpriseProfileService, PROFILE_SECTIONS, type AccessRecord, type ProfileSection } from '../../../../libs/enterprises/src/index.js';
import { toProfileModel } from '../enterprises/profile.mapper.js';
import { authorizeQuery, seesRow } from '../../../../libs/identity/src/index.js';
import { ChallengeApplicationService, ListingService } from '../../../../libs/listings/src/index.js';
import { activeConsents, consentCovering, sectionsOfSelection, snapshotFinancials, subSelections } from '../enterprises/shared-profiles.js';
import type { RequestContext } from '../graphql/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { ListingKindEnum, ListingModel } from '../listings/listing.models.js';
import { toListingModel } from '../listings/listing.mapper.js';
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

  @Query(() => [RecommendationModel], { description: '为调用者所在企业推荐的已发布信息，得分高的在前，仅限企业账号 (recommendations for the caller\'s enterprise, best first)' })
  async recommendations(
    @Context() ctx: RequestContext,
    @Args('kinds', { type: () => [ListingKindEnum], nullable: true, description: '只推荐这些类别；不填表示全部 (only these kinds)' }) kinds?: string[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '最多返回条数，1–100，默认 20 (how many, 1–100, default 20)' }) first = 20,
  ): Promise<RecommendationModel[]> {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'recommendations');
    checkPageSize(first ?? 20);
    const rows = await this.matches.recommendationsFor(actor.organizationId, kinds ?? undefined, first ?? 20);
    const listings = new Map((await this.listings.byIds(rows.map((r) => r.listingId))).map((l) => [l.listing.id, l]));
    // Reasons quote the profile's figures: withheld, like the profile itself, when they came from the AUTHORITY and the firm is not verified.
    const withhold = !actor.verified && rows.length > 0 && (await this.profiles.hidesAuthorityDataFrom(actor));
    return rows
      .filter((r) => listings.get(r.listingId)?.listing.status === 'PUBLISHED')
      .map((r) => ({ listing: toListingModel(listings.get(r.listingId)!), score: r.score, reasons: withhold ? reasonsWithoutProfile(r.reasons) : r.reasons, computedAt: r.computedAt }));
  }

  @Query(() => [LeadModel], { description: '与发布信息匹配的企业，得分高的在前；仅限该信息的发布方（及主管部门）(for the listing\'s owner or the AUTHORITY: enterprises that match it, best first)' })
  async leads(
    @Args('listingId', { type: () => ID, description: '发布信息 ID (listing id)' }) listingId: string,
    @Context() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '最多返回条数，1–100，默认 20 (how many, 1–100, default 20)' }) first = 20,
  ): Promise<LeadModel[]> {
    const actor = ctx.requireActor();
    checkPageSize(first ?? 20);
    const found = await this.listings.findVisible(actor, listingId);
    if (!found) throw notFound(`信息 ${listingId} 不存在 (listing not found)`);
    authorizeQuery(actor, 'leads', { parties: [found.listing.ownerOrganizationId] });
    const rows = await this.matches.leadsFor(found.listing.id, first ?? 20);
    const enterpriseIds = rows.map((r) => r.enterpriseOrganizationId);
    const orgs = await Promise.all(enterpriseIds.map((id) => ctx.loaders.organization.load(id)));
    // The AUTHORITY reads every profile; an owner reads a firm's profile and the figures in its reasons through
    // the firm's consent (ADR 0035): the profile when the consent covers every section asked for, each figure when it covers its section.
    const authority = seesRow(actor, 'Lead.reasons', { parties: [], granted: false });
    const profileAsked = subSelections(info, 'profile');
    const asked = [...sectionsOfSelection(profileAsked.sets, info)];
    const reasonsAsked = subSelections(info, 'reasons').selected;
    const consents = authority ? new Map() : await activeConsents({ consents: this.consents, requests: this.requests, applications: this.applications }, found.listing.ownerOrganizationId, enterpriseIds);
    const consentFor = (id: string) => (authority ? null : consentCovering(consents.get(id), asked));
    const profileIds = profileAsked.selected ? enterpriseIds.filter((id) => authority || consentFor(id)) : [];
    const profiles = new Map((await this.profiles.loadMany(profileIds)).map((p) => [p.organizationId, p]));
    const log: AccessRecord[] = [];
    const leads = rows.map((r, i) => {
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
      return { enterprise: toOrganizationModel(orgs[i]!), score: r.score, reasons: within.reasons, profile: model };
    });
    // No figures leave unlogged: a failed write fails the read.
    const failed = (await ctx.loaders.accessLog.loadMany(log)).find((r) => r instanceof Error);
    if (failed) throw failed;
    return leads;
  }
}
