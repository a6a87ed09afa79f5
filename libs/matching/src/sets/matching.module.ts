import { Module } from '@nestjs/common';
import { MatchSetService } from './match-set.service.js';
import { MatchRequestService } from '../requests/match-request.service.js';
import { MatchOutcomeService } from '../requests/match-outcome.service.js';
import { MatchMaintenanceService } from './match-maintenance.service.js';
import { ReconcileMatchesHandler, RescoreEnterpriseHandler, RescoreProviderHandler, SyncListingMatchesHandler } from './matching.handlers.js';

@Module({
  providers: [MatchSetService, MatchMaintenanceService, MatchRequestService, MatchOutcomeService, RescoreEnterpriseHandler, SyncListingMatchesHandler, ReconcileMatchesHandler, RescoreProviderHandler],
  exports: [MatchSetService, MatchMaintenanceService, MatchRequestService, MatchOutcomeService],
})
export class MatchingModule {}
