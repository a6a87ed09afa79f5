import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { type EnterpriseTier } from '../../../../libs/enterprises/src/enterprise-tier.js';
import { DateScalar, DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum } from '../enterprises/enterprise.models.js';
import { CreditProductTypeEnum, ListingKindEnum, PageInfoModel } from '../listings/listing.models.js';
import { OrganizationModel } from '../identity/identity.models.js';


@InputType('InsightsPeriod', { description: 'Inclusive dates in Beijing time; at most 5 years.' })
export class InsightsPeriodInput {
  @Field(() => DateScalar) from: Date;
  @Field(() => DateScalar) to: Date;
}

@ObjectType('TierCount')
export class TierCountModel {
  @Field(() => EnterpriseTierEnum) tier: EnterpriseTier;
  @Field(() => Int) count: number;
}

@ObjectType('TierPipelineRow', { description: 'Enterprises of one county-level region by certified tier and by the higher tier they already qualify for.' })
export class TierPipelineRowModel {
  @Field() regionCode: string;
  @Field(() => String, { nullable: true }) regionName: string | null;
  @Field(() => Int) enterprises: number;
  @Field(() => [TierCountModel], { description: 'By the tier the firm holds, confirmed or imported by the AUTHORITY (NONE included; a lapsed title or one the firm only claims counts as NONE).' }) certified: TierCountModel[];
  @Field(() => [TierCountModel], { description: 'Eligible (latest assessment, rules in force) for a tier above the one held, by that tier.' })
  eligibleNotCertified: TierCountModel[];
  @Field(() => Int, { description: 'Titles at 复核 risk.' }) atRisk: number;
  @Field(() => Int, {
    description: '称号已失效的企业数：认定满3年、未续期且无待定复核（已计入 certified 的 NONE）。Lapsed titles, counted under NONE in certified.',
  })
  lapsed: number;
}

@ObjectType('MatchmakingInsightRow', { description: 'Match requests made in one month by enterprises of one region for one listing kind.' })
export class MatchmakingRowModel {
  @Field({ description: 'YYYY-MM, Beijing time.' }) month: string;
  @Field({ description: "The requesting enterprise's region." }) regionCode: string;
  @Field(() => ListingKindEnum) listingKind: string;
  @Field(() => Int) requests: number;
  @Field(() => Int) pending: number;
  @Field(() => Int) accepted: number;
  @Field(() => Int) declined: number;
  @Field(() => Int) completed: number;
  @Field(() => Int) successful: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Float, { nullable: true, description: '(accepted + completed) / responded' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: 'successful / completed' }) successRate: number | null;
  @Field(() => Float, { nullable: true }) medianFirstResponseHours: number | null;
}

@ObjectType('FinancingInsightRow', { description: 'Match requests for credit products of one product type.' })
export class FinancingRowModel {
  @Field(() => CreditProductTypeEnum) productType: string;
  @Field(() => Int) requests: number;
  @Field(() => Int) completed: number;
  @Field(() => Int) successful: number;
  @Field(() => SafeIntScalar, { description: 'Yuan requested in completed matches.' }) completedAmount: number;
  @Field(() => SafeIntScalar, { description: 'Yuan requested in matches completed with SUCCESS.' }) successfulAmount: number;
}

@ObjectType('ChallengeInsightRow')
export class ChallengeInsightRowModel {
  @Field(() => ID) anchorOrganizationId: string;
  @Field() anchorName: string;
  @Field(() => Int) challengesPublished: number;
  @Field(() => Int) applications: number;
  @Field(() => Int) acceptedSolvers: number;
}

@ObjectType('RankingComponent')
export class RankingComponentModel {
  @Field({ description: 'volume, acceptance, responsiveness, completion, success or satisfaction' }) input: string;
  @Field(() => Float, { description: 'Normalised input 0..1.' }) value: number;
  @Field(() => Float, { description: 'Weighted share of the score; shares sum to the score.' }) contribution: number;
}

@ObjectType('ServiceInstitutionRank')
export class ServiceInstitutionRankModel {
  @Field(() => Int) rank: number;
  @Field(() => OrganizationModel) organization: OrganizationModel;
  @Field(() => Float, { description: '0..100' }) score: number;
  @Field(() => Int) requests: number;
  @Field(() => Int) completed: number;
  @Field(() => Float, { nullable: true }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true }) completionRate: number | null;
  @Field(() => Float, { nullable: true }) successRate: number | null;
  @Field(() => Float, { nullable: true }) averageRating: number | null;
  @Field(() => Int) ratingCount: number;
  @Field(() => Float, { nullable: true }) medianResponseHours: number | null;
  @Field(() => [RankingComponentModel]) components: RankingComponentModel[];
  organizationId: string;
}

@InputType('AuditLogFilter')
export class AuditLogFilterInput {
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => String, { nullable: true, description: 'A mutation name, e.g. requestMatch.' }) operation?: string | null;
  @Field(() => String, { nullable: true, description: 'OK or an error code.' }) outcome?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) to?: Date | null;
}

@ObjectType('AuditEntry')
export class AuditEntryModel {
  @Field(() => ID) id: string;
  @Field(() => DateTimeScalar) at: Date;
  @Field(() => ID, { nullable: true }) userId: string | null;
  @Field(() => ID, { nullable: true }) organizationId: string | null;
  @Field(() => String, { nullable: true }) organizationKind: string | null;
  @Field() operation: string;
  @Field(() => String, { nullable: true }) targetId: string | null;
  @Field({ description: 'OK or the error code returned.' }) outcome: string;
  @Field(() => String, { nullable: true }) requestId: string | null;
}

@ObjectType('AuditEntryEdge')
export class AuditEntryEdgeModel {
  @Field() cursor: string;
  @Field(() => AuditEntryModel) node: AuditEntryModel;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnectionModel {
  @Field(() => [AuditEntryEdgeModel]) edges: AuditEntryEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
}
