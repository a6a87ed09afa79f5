import { Module } from '@nestjs/common';
import { EnterpriseProfileService } from './enterprise-profile.service.js';
import { ReviewRiskQuery } from './review-risk.query.js';
import { EnterpriseImporter } from './import/enterprise-import.js';

@Module({
  providers: [EnterpriseProfileService, ReviewRiskQuery, EnterpriseImporter],
  exports: [EnterpriseProfileService, ReviewRiskQuery, EnterpriseImporter],
})
export class EnterprisesModule {}
