import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../../enterprises/src/index.js';
import { TierAssessmentService } from './tier-assessment.service.js';
import { AssessEnterpriseHandler, ReassessAllHandler, ReassessEnterpriseHandler } from './tier-scoring.handlers.js';

/** Stored assessments (API reads them) and the scoring job handlers (the worker runs them). */
@Module({
  imports: [EnterprisesModule],
  providers: [TierAssessmentService, AssessEnterpriseHandler, ReassessAllHandler, ReassessEnterpriseHandler],
  exports: [TierAssessmentService],
})
export class TierAssessmentsModule {}
