import { Module } from '@nestjs/common';
import { EnterpriseProfileService } from './enterprise-profile.service.js';
import { ReviewRiskQuery } from './review-risk.query.js';
import { TitleDecisionService } from './title-decision.service.js';
import { TitleReviewService } from './title-review/title-review.service.js';
import { ConsentService } from './consent/consent.service.js';
import { AccessLogService } from './consent/access-log.service.js';
import { PurgeAccessLogHandler } from './consent/access-log-purge.js';
import { EnterpriseImporter } from './import/enterprise-import.js';
import { EnterpriseImportRuns, ParseEnterpriseImportHandler, PurgeImportFilesHandler, RunEnterpriseImportHandler } from './import/enterprise-import-runs.js';

@Module({
  providers: [EnterpriseProfileService, ReviewRiskQuery, TitleDecisionService, TitleReviewService, EnterpriseImporter, EnterpriseImportRuns, ParseEnterpriseImportHandler, RunEnterpriseImportHandler, PurgeImportFilesHandler, ConsentService, AccessLogService, PurgeAccessLogHandler],
  exports: [EnterpriseProfileService, ReviewRiskQuery, TitleDecisionService, TitleReviewService, EnterpriseImporter, EnterpriseImportRuns, ConsentService, AccessLogService],
})
export class EnterprisesModule {}
