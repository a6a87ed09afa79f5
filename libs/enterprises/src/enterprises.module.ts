import { Module } from '@nestjs/common';
import { EnterpriseProfileService } from './enterprise-profile.service.js';
import { ReviewRiskQuery } from './review-risk.query.js';
import { TitleDecisionService } from './title-decision.service.js';
import { TitleReviewService } from './title-review/title-review.service.js';
import { EnterpriseImporter } from './import/enterprise-import.js';
import { EnterpriseImportRuns, ParseEnterpriseImportHandler, PurgeImportFilesHandler, RunEnterpriseImportHandler } from './import/enterprise-import-runs.js';

@Module({
  providers: [EnterpriseProfileService, ReviewRiskQuery, TitleDecisionService, TitleReviewService, EnterpriseImporter, EnterpriseImportRuns, ParseEnterpriseImportHandler, RunEnterpriseImportHandler, PurgeImportFilesHandler],
  exports: [EnterpriseProfileService, ReviewRiskQuery, TitleDecisionService, TitleReviewService, EnterpriseImporter, EnterpriseImportRuns],
})
export class EnterprisesModule {}
