import { Module } from '@nestjs/common';
import { ListingsModule } from '../../../listings/src/listings.module.js';
import { TiersModule } from '../../../tiers/src/tiers.module.js';
import { MatchSetService } from './match-set.service.js';
import { MatchRequestService } from '../requests/match-request.service.js';
import { RescoreEnterpriseHandler, RescoreProviderHandler, SyncListingMatchesHandler } from './matching.handlers.js';

@Module({
  imports: [ListingsModule, TiersModule],
  providers: [MatchSetService, MatchRequestService, RescoreEnterpriseHandler, SyncListingMatchesHandler, RescoreProviderHandler],
  exports: [MatchSetService, MatchRequestService],
})
export class MatchingModule {}
