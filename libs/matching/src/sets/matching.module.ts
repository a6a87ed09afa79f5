import { Module } from '@nestjs/common';
import { MatchSetService } from './match-set.service.js';
import { MatchRequestService } from '../requests/match-request.service.js';
import { MatchMaintenanceService } from './match-maintenance.service.js';
import { ReconcileMatchesHandler, RescoreEnterpriseHandler, RescoreProviderHandler, SyncListingMatchesHandler } from './matching.handlers.js';

@Module({
  providers: [MatchSetService, MatchMaintenanceService, MatchRequestService, RescoreEnterpriseHandler, SyncListingMatchesHandler, ReconcileMatchesHandler, RescoreProviderHandler],
  exports: [MatchSetService, MatchMaintenanceService, MatchRequestService],
})
export class MatchingModule {}
