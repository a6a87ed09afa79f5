import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NotificationsModule, RecommendationDigestScheduler } from '../../../libs/notifications/src/index.js';
import { NightlyReassessScheduler, TierAssessmentsModule } from '../../../libs/tier-assessments/src/index.js';
import { DeadlineSweepScheduler, MatchingModule, NightlyMatchReconcileScheduler } from '../../../libs/matching/src/index.js';
import { InsightsModule } from '../../../libs/insights/src/index.js';
import { NightlyRewardsScheduler, RewardsModule } from '../../../libs/rewards/src/index.js';
import { NightlyReconcileScheduler } from '../../../libs/search/src/index.js';
import { JobRunner } from './job-runner.js';
import { VoucherJobsScheduler, VouchersModule } from '../../../libs/vouchers/src/index.js';
import { MailModule, MailDeliveryHandler } from '../../../libs/mail/src/index.js';
import { NightlyAccessLogPurgeScheduler, NightlyImportPurgeScheduler } from '../../../libs/enterprises/src/index.js';
import { ConversationsModule, NightlyUploadPurgeScheduler } from '../../../libs/conversations/src/index.js';

/** Queue processors. Never imports GraphQL code. */
@Module({
  imports: [DiscoveryModule, NotificationsModule, TierAssessmentsModule, MatchingModule, InsightsModule, MailModule, ConversationsModule, VouchersModule, RewardsModule],
  providers: [JobRunner, NightlyUploadPurgeScheduler, MailDeliveryHandler, NightlyReassessScheduler, NightlyReconcileScheduler, NightlyMatchReconcileScheduler, NightlyImportPurgeScheduler, NightlyAccessLogPurgeScheduler, DeadlineSweepScheduler, VoucherJobsScheduler, RecommendationDigestScheduler, NightlyRewardsScheduler],
})
export class WorkerModule {}
