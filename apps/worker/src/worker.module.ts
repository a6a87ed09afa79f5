import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NotificationsModule } from '../../../libs/notifications/src/notifications.module.js';
import { NightlyReassessScheduler, TierAssessmentsModule } from '../../../libs/tier-assessments/src/index.js';
import { MatchingModule } from '../../../libs/matching/src/sets/matching.module.js';
import { InsightsModule } from '../../../libs/insights/src/insights.module.js';
import { NightlyReconcileScheduler } from '../../../libs/search/src/search-sync.handlers.js';
import { NightlyMatchReconcileScheduler } from '../../../libs/matching/src/sets/matching.handlers.js';
import { JobRunner } from './job-runner.js';
import { MailModule } from '../../../libs/mail/src/mail.module.js';
import { MailDeliveryHandler } from '../../../libs/mail/src/mail-delivery.handler.js';
import { NightlyImportPurgeScheduler } from '../../../libs/enterprises/src/import/enterprise-import-runs.js';

/** Queue processors. Never imports GraphQL code. */
@Module({
  imports: [DiscoveryModule, NotificationsModule, TierAssessmentsModule, MatchingModule, InsightsModule, MailModule],
  providers: [JobRunner, MailDeliveryHandler, NightlyReassessScheduler, NightlyReconcileScheduler, NightlyMatchReconcileScheduler, NightlyImportPurgeScheduler],
})
export class WorkerModule {}
