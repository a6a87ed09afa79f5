import { Global, Module } from '@nestjs/common';
import { SKIPPED_RESCORING, type SkippedRescoring } from '../../../enterprises/src/index.js';
import { advanceProfileVersion } from './match.repository.js';
import { MatchSetService } from './match-set.service.js';
import { MatchRequestService } from '../requests/match-request.service.js';
import { MatchOutcomeService } from '../requests/match-outcome.service.js';
import { MatchMaintenanceService } from './match-maintenance.service.js';
import { RecommendationPushService } from '../pushes/recommendation-push.service.js';
import { DeadlineDeskService } from '../deadlines/deadline-desk.service.js';
import { DeadlineSweepHandler } from '../deadlines/deadline.handlers.js';
import { workingCalendarProvider } from '../../../listings/src/index.js';
import { ReconcileMatchesHandler, RebuildPartitionHandler, RescoreEnterpriseHandler, RescoreProviderHandler, SyncListingMatchesHandler } from './matching.handlers.js';

/**
 * The profile write's follower when it skips rescoring (ADR 0044): global, so the enterprises
 * context (which cannot import matching) receives it in every process that runs matching.
 */
@Global()
@Module({
  providers: [{ provide: SKIPPED_RESCORING, useValue: { advance: advanceProfileVersion } satisfies SkippedRescoring }],
  exports: [SKIPPED_RESCORING],
})
export class SkippedRescoringModule {}

@Module({
  imports: [SkippedRescoringModule],
  providers: [MatchSetService, RecommendationPushService, MatchMaintenanceService, MatchRequestService, RescoreEnterpriseHandler, SyncListingMatchesHandler, ReconcileMatchesHandler, RebuildPartitionHandler, RescoreProviderHandler, workingCalendarProvider, DeadlineDeskService, DeadlineSweepHandler, MatchOutcomeService],
  exports: [MatchSetService, RecommendationPushService, MatchMaintenanceService, MatchRequestService, DeadlineDeskService, workingCalendarProvider, MatchOutcomeService],
})
export class MatchingModule {}
