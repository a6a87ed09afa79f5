import { Args, Context, Field, Float, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { checkPageSize } from '../../../../libs/platform/src/pagination/keyset-cursor.js';
import { MatchRequestService } from '../../../../libs/matching/src/requests/match-request.service.js';
import { EnterpriseProfileService } from '../../../../libs/enterprises/src/enterprise-profile.service.js';
import { toProfileModel } from '../enterprises/profile.mapper.js';
import { AppError, notFound } from '../../../../libs/platform/src/errors/app-error.js';
import { MatchSetService } from '../../../../libs/matching/src/sets/match-set.service.js';
import { ListingService } from '../../../../libs/listings/src/listing.service.js';
import { reasonsWithoutProfile } from '../../../../libs/matching/src/lead-privacy.js';
import type { RequestContext } from '../graphql/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { ListingKindEnum, ListingModel } from '../listings/listing.models.js';
import { toListingModel } from '../listings/listing.mapper.js';
import { EnterpriseProfileModel } from '../enterprises/profile.models.js';

@ObjectType('MatchReason')
export class MatchReasonModel {
  @Field() code: string;
  @Field({ description: 'Human-readable, e.g. 发明专利 5 件 ≥ 产品要求 2 件.' }) label: string;
  @Field(() => Float, { description: "This reason's share of the score; contributions sum to the score." }) contribution: number;
}

@ObjectType('Recommendation')
export class RecommendationModel {
  @Field(() => ListingModel) listing: ListingModel;
  @Field(() => Float, { description: '0..100' }) score: number;
  @Field(() => [MatchReasonModel]) reasons: MatchReasonModel[];
  @Field(() => DateTimeScalar) computedAt: Date;
}

@ObjectType('Lead')
export class LeadModel {
  @Field(() => OrganizationModel) enterprise: OrganizationModel;
  @Field(() => Float) score: number;
  @Field(() => [MatchReasonModel], {
    description: "Reasons quoting the enterprise's own figures (revenue, debt ratio, financing need, …) keep their code and contribution but carry a figure-free label until the enterprise shares its profile with this listing's owner.",
  })
  reasons: MatchReasonModel[];
  @Field(() => EnterpriseProfileModel, {
    nullable: true,
    description: 'Only when the enterprise shared its profile with this listing’s owner (through a match request).',
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
  ) {}

  @Query(() => [RecommendationModel], { description: "For the caller's enterprise, best first." })
  async recommendations(
    @Context() ctx: RequestContext,
    @Args('kinds', { type: () => [ListingKindEnum], nullable: true }) kinds?: string[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first = 20,
  ): Promise<RecommendationModel[]> {
    const actor = ctx.requireActor();
    if (actor.kind !== 'ENTERPRISE') throw new AppError('FORBIDDEN', `推荐仅面向企业 (recommendations are for ENTERPRISE organizations; yours is ${actor.kind})`);
    checkPageSize(first ?? 20);
    const rows = await this.matches.recommendationsFor(actor.organizationId, kinds ?? undefined, first ?? 20);
    const listings = new Map((await this.listings.byIds(rows.map((r) => r.listingId))).map((l) => [l.listing.id, l]));
    // Reasons quote the profile's figures: withheld, like the profile itself, when they came from the AUTHORITY and the firm is not verified.
    const withhold = !actor.verified && rows.length > 0 && (await this.profiles.hidesAuthorityDataFrom(actor));
    return rows
      .filter((r) => listings.get(r.listingId)?.listing.status === 'PUBLISHED')
      .map((r) => ({ listing: toListingModel(listings.get(r.listingId)!), score: r.score, reasons: withhold ? reasonsWithoutProfile(r.reasons) : r.reasons, computedAt: r.computedAt }));
  }

  @Query(() => [LeadModel], { description: 'For the owner of a published listing: enterprises that match it, best first.' })
  async leads(
    @Args('listingId', { type: () => ID }) listingId: string,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first = 20,
  ): Promise<LeadModel[]> {
    const actor = ctx.requireActor();
    checkPageSize(first ?? 20);
    const found = await this.listings.findVisible(actor, listingId);
    if (!found) throw notFound(`信息 ${listingId} 不存在 (listing not found)`);
    if (found.listing.ownerOrganizationId !== actor.organizationId && actor.kind !== 'AUTHORITY') {
      throw new AppError('FORBIDDEN', '只有该信息的发布机构可以查看匹配企业 (leads: only the listing owner may see its leads)');
    }
    const rows = await this.matches.leadsFor(found.listing.id, first ?? 20);
    const enterpriseIds = rows.map((r) => r.enterpriseOrganizationId);
    const orgs = await Promise.all(enterpriseIds.map((id) => ctx.loaders.organization.load(id)));
    // Profiles only of enterprises that shared theirs with this listing's owner (a match request with shareProfile).
    const shared = await this.requests.sharedProfiles(found.listing.ownerOrganizationId, enterpriseIds);
    const profiles = new Map((await this.profiles.loadMany(enterpriseIds.filter((id) => shared.has(id)))).map((p) => [p.organizationId, p]));
    // The AUTHORITY reads every profile; an owner sees the firm's figures in the reasons only once it shared them.
    const seesFigures = (id: string) => actor.kind === 'AUTHORITY' || shared.has(id);
    return rows.map((r, i) => {
      const profile = profiles.get(r.enterpriseOrganizationId);
      const reasons = seesFigures(r.enterpriseOrganizationId) ? r.reasons : reasonsWithoutProfile(r.reasons);
      return { enterprise: toOrganizationModel(orgs[i]!), score: r.score, reasons, profile: profile ? toProfileModel(profile) : null };
    });
  }
}
