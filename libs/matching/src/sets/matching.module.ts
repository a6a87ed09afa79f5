import { Module } from '@nestjs/common';
import { MatchSetService } from './match-set.service.js';
import { MatchMaintenanceService } from './match-maintenance.service.js';
import { ReconcileMatchesHandler, RescoreEnterpriseHandler, SyncListingMatchesHandler } from './matching.handlers.js';

@Module({
  providers: [MatchSetService, MatchMaintenanceService, RescoreEnterpriseHandler, SyncListingMatchesHandler, ReconcileMatchesHandler],
  exports: [MatchSetService, MatchMaintenanceService],
})
export class MatchingModule {}
