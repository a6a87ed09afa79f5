/**
 * libs/insights: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { AuditLogEntity } from './audit-log.entity.js';
export { AuditLogService, type NewAuditEntry } from './audit-log.service.js';
export { InsightsModule, RANKING_WEIGHTS } from './insights.module.js';
export { checkPeriod, InsightsService, type Period } from './insights.service.js';
export type { RankingWeights } from './service-ranking.js';
export { DECLINE_STAGES, DeclineReasonInsightsService, type DeclineReasonRow, type DeclineStage } from './decline-reason-insights.service.js';
export { FUNNEL_COLUMNS, MatchmakingFunnelService, funnelCells, type FunnelRow } from './matchmaking-funnel.service.js';
