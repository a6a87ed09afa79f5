import { Module } from '@nestjs/common';
import { EnterpriseProfileService } from './enterprise-profile.service.js';
import { ReviewRiskQuery } from './review-risk.query.js';
import { TitleReviewService } from './title-review/title-review.service.js';
import { EnterpriseImporter } from './import/enterprise-import.js';
import { EnterpriseImportRuns, ParseEnterpriseImportHandler, RunEnterpriseImportHandler } from './import/enterprise-import-runs.js';

@Module({
  providers: [EnterpriseProfileService, ReviewRiskQuery, TitleReviewService, EnterpriseImporter, EnterpriseImportRuns, ParseEnterpriseImportHandler, RunEnterpriseImportHandler],
  exports: [EnterpriseProfileService, ReviewRiskQuery, TitleReviewService, EnterpriseImporter, EnterpriseImportRuns],
})
export class EnterprisesModule {}
