import { Module } from '@nestjs/common';
import { ListingsModule } from '../../../listings/src/listings.module.js';
import { TiersModule } from '../../../tiers/src/tiers.module.js';
import { MatchSetService } from './match-set.service.js';
import { RescoreEnterpriseHandler, SyncListingMatchesHandler } from './matching.handlers.js';

@Module({
  imports: [ListingsModule, TiersModule],
  providers: [MatchSetService, RescoreEnterpriseHandler, SyncListingMatchesHandler],
  exports: [MatchSetService],
})
export class MatchingModule {}
