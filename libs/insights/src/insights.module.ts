import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/config.js';
import { AuditLogService } from './audit-log.service.js';
import { InsightsService } from './insights.service.js';
import { parseRankingWeights } from './service-ranking.js';

/** Injection token for the validated, normalised service-institution ranking weights. */
export const RANKING_WEIGHTS = Symbol('RANKING_WEIGHTS');

@Module({
  providers: [
    InsightsService,
    AuditLogService,
    { provide: RANKING_WEIGHTS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => parseRankingWeights(config.serviceRankingWeights ?? {}) },
  ],
  exports: [InsightsService, AuditLogService, RANKING_WEIGHTS],
})
export class InsightsModule {}
