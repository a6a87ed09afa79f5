import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/src/index.js';
import { AuditLogService } from './audit-log.service.js';
import { InsightsService } from './insights.service.js';
import { DeclineReasonInsightsService } from './decline-reason-insights.service.js';
import { MatchmakingFunnelService } from './matchmaking-funnel.service.js';
import { parseRankingWeights } from './service-ranking.js';
import { InsightsFigures, RefreshFiguresHandler, ScheduleFiguresRefreshHandler } from './insights-refresh.js';

/** Injection token for the validated, normalised service-institution ranking weights. */
export const RANKING_WEIGHTS = Symbol('RANKING_WEIGHTS');

@Module({
  providers: [
    InsightsService,
    DeclineReasonInsightsService,
    MatchmakingFunnelService,
    AuditLogService,
    InsightsFigures,
    ScheduleFiguresRefreshHandler,
    RefreshFiguresHandler,
    { provide: RANKING_WEIGHTS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => parseRankingWeights(config.serviceRankingWeights ?? {}) },
  ],
  exports: [InsightsService, DeclineReasonInsightsService, MatchmakingFunnelService, AuditLogService, InsightsFigures, RANKING_WEIGHTS],
})
export class InsightsModule {}
