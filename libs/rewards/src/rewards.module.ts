import { Module } from '@nestjs/common';
import { RewardsService } from './rewards.service.js';
import { EvaluateAllRewardsHandler, EvaluateOrganizationRewardsHandler } from './rewards.handlers.js';

/** Stored entitlements and payouts (the API reads and decides) and the evaluation job handlers (the worker runs them). */
@Module({
  providers: [RewardsService, EvaluateOrganizationRewardsHandler, EvaluateAllRewardsHandler],
  exports: [RewardsService],
})
export class RewardsModule {}
