import type { MatchRequestEntity } from '../../../../libs/matching/src/index.js';
import type { MatchRequestModel } from './match-request.models.js';

export function toMatchRequestModel(r: MatchRequestEntity): MatchRequestModel {
  return {
    id: r.id,
    listingId: r.listingId,
    enterpriseOrganizationId: r.enterpriseOrganizationId,
    message: r.message,
    shareProfile: r.shareProfile,
    requestedAmount: r.requestedAmount,
    status: r.status,
    responseMessage: r.responseMessage,
    outcome: r.outcome,
    rating: r.rating,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    respondBy: r.respondBy,
    decideBy: r.decideBy,
    awaitingInformationSince: r.infoRequestedAt,
    outcomeFacts: {
      declineReasonCode: r.declineReasonCode,
      creditApproved: r.creditApproved,
      amountGranted: r.amountGranted,
      annualRatePercent: r.annualRatePercent,
      termMonths: r.termMonths,
      disbursedOn: r.disbursedOn,
      creditDeclineReasonCode: r.creditDeclineReasonCode,
      deliveredOn: r.deliveredOn,
      servicePrice: r.servicePrice,
      outcomeNote: r.outcomeNote,
      outcomeRecordedAt: r.outcomeRecordedAt,
    },
  };
}
