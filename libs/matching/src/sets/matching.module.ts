import { Module } from '@nestjs/common';
import { MatchSetService } from './match-set.service.js';
import { MatchRequestService } from '../requests/match-request.service.js';
import { MatchOutcomeService } from '../requests/match-outcome.service.js';
import { MatchMaintenanceService } from './match-maintenance.service.js';
import { RecommendationPushService } from '../pushes/recommendation-push.service.js';
import { DeadlineDeskService } from '../deadlines/deadline-desk.service.js';
import { DeadlineSweepHandler } from '../deadlines/deadline.handlers.js';
import { workingCalendarProvider } from '../../../listings/src/index.js';
import { ReconcileMatchesHandler, RebuildPartitionHandler, RescoreEnterpriseHandler, RescoreProviderHandler, SyncListingMatchesHandler } from './matching.handlers.js';

@Module({
  providers: [MatchSetService, RecommendationPushService, MatchMaintenanceService, MatchRequestService, RescoreEnterpriseHandler, SyncListingMatchesHandler, ReconcileMatchesHandler, RebuildPartitionHandler, RescoreProviderHandler, workingCalendarProvider, DeadlineDeskService, DeadlineSweepHandler, MatchOutcomeService],
  exports: [MatchSetService, RecommendationPushService, MatchMaintenanceService, MatchRequestService, DeadlineDeskService, workingCalendarProvider, MatchOutcomeService],
})
export class MatchingModule {}
