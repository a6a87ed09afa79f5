import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  MATCH_OUTCOMES,
  MATCH_REQUEST_ROLES,
  MATCH_REQUEST_STATUSES,
  type MatchOutcome,
  type MatchRequestStatus,
} from '../../../../libs/matching/src/requests/match-request-enums.js';
import { DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import { PageInfoModel } from '../listings/listing.models.js';

export const MatchRequestStatusEnum = asEnum(MATCH_REQUEST_STATUSES);
registerEnumType(MatchRequestStatusEnum, { name: 'MatchRequestStatus' });
export const MatchOutcomeEnum = asEnum(MATCH_OUTCOMES);
registerEnumType(MatchOutcomeEnum, { name: 'MatchOutcome' });
export const MatchRequestRoleEnum = asEnum(MATCH_REQUEST_ROLES);
registerEnumType(MatchRequestRoleEnum, {
  name: 'MatchRequestRole',
  valuesMap: {
    SENT: { description: "Requests the caller's enterprise sent." },
    RECEIVED: { description: "Requests for the caller's organization's listings." },
  },
});

@InputType('MatchRequestInput')
export class MatchRequestInput {
  @Field(() => ID) listingId: string;
  @Field(() => String, { nullable: true, description: 'At most 2,000 characters.' }) message?: string | null;
  @Field({ description: 'Consent to show the enterprise profile (financials included) to the listing\'s owner.' }) shareProfile: boolean;
  @Field(() => SafeIntScalar, { nullable: true, description: 'Amount applied for, in yuan; for a credit product it defaults to the profile\'s financing need.' })
  requestedAmount?: number | null;
}

@ObjectType('MatchRequest')
export class MatchRequestModel {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field() shareProfile: boolean;
  @Field(() => SafeIntScalar, { nullable: true, description: 'Amount applied for, in yuan.' }) requestedAmount: number | null;
  @Field(() => MatchRequestStatusEnum) status: MatchRequestStatus;
  @Field(() => String, { nullable: true }) responseMessage: string | null;
  @Field(() => MatchOutcomeEnum, { nullable: true }) outcome: MatchOutcome | null;
  @Field(() => Int, { nullable: true, description: '1..5, given by the enterprise on completion.' }) rating: number | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
  /** Resolved through the per-request loaders. */
  listingId: string;
  enterpriseOrganizationId: string;
}

@ObjectType('MatchRequestEdge')
export class MatchRequestEdgeModel {
  @Field() cursor: string;
  @Field(() => MatchRequestModel) node: MatchRequestModel;
}

@ObjectType('MatchRequestConnection')
export class MatchRequestConnectionModel {
  @Field(() => [MatchRequestEdgeModel]) edges: MatchRequestEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@ObjectType('ProviderMatchStats', { description: 'An organization as the receiving side of match requests (DOMAIN.md §4.4 inputs).' })
export class ProviderMatchStatsModel {
  @Field(() => Int) requestsReceived: number;
  @Field(() => Int) pending: number;
  @Field(() => Int, { description: 'Accepted and not yet completed.' }) accepted: number;
  @Field(() => Int) declined: number;
  @Field(() => Int) completed: number;
  @Field(() => Int, { description: 'Completed with outcome SUCCESS.' }) successful: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Float, { nullable: true, description: '(accepted + completed) / responded, 0..1; null before the first response.' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: 'successful / completed, 0..1; null before the first completion.' }) successRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean rating 1..5; null before the first rating.' }) averageRating: number | null;
  @Field(() => Int) ratingCount: number;
  @Field(() => Float, { nullable: true, description: 'Median hours from request to accept/decline.' }) medianResponseHours: number | null;
}
