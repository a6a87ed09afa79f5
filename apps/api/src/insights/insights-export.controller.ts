import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import ExcelJS from 'exceljs';
import { sendXlsx } from '../http/xlsx-download.js';
import { AppError, echoInput } from '../../../../libs/platform/src/index.js';
import { IdentityService, TokenService, authorizeQuery } from '../../../../libs/identity/src/index.js';
import { InsightsService, checkPeriod, type Period, RANKING_WEIGHTS, DeclineReasonInsightsService, FUNNEL_COLUMNS, MatchmakingFunnelService, funnelCells } from '../../../../libs/insights/src/index.js';
import type { RankingWeights } from '../../../../libs/insights/src/index.js';
import { authenticateHeader } from '../graphql/graphql.options.js';

type Cell = string | number | null;
interface Sheet {
  title: string;
  /** The checked period, when the report takes one (it names the file). */
  period?: Period;
  columns: Array<{ header: string; width?: number }>;
  rows: Cell[][];
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404 };
export const EXPORT_REPORTS = ['tier-pipeline', 'matchmaking', 'financing', 'challenges', 'service-ranking', 'decline-reasons', 'matchmaking-funnel'] as const;

/**
 * XLSX downloads of the authority's tables: GET /exports/insights/<report>.xlsx?from=&to=&regionCode=
 * with `Authorization: Bearer <token>` of an AUTHORITY user. The same queries as GraphQL.
 */
@Controller('exports/insights')
export class InsightsExportController {
  constructor(
    private readonly insights: InsightsService,
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
    private readonly declines: DeclineReasonInsightsService,
    private readonly funnel: MatchmakingFunnelService,
    @Inject(RANKING_WEIGHTS) private readonly weights: RankingWeights,
  ) {}

  @Get(':report')
  async download(@Param('report') report: string, @Query() query: Record<string, string | undefined>, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const auth = await authenticateHeader(req.headers.authorization, this.identity, this.tokens);
      if (auth.problem || !auth.actor) throw new AppError('UNAUTHENTICATED', auth.problem ?? '请先登录 (send "Authorization: Bearer <token>" of an AUTHORITY user)');
      authorizeQuery(auth.actor, 'insightsExport');
      const name = report.replace(/\.xlsx$/, '');
      if (!(EXPORT_REPORTS as readonly string[]).includes(name)) {
        throw new AppError('NOT_FOUND', `没有名为 ${echoInput(name)} 的报表；可选：${EXPORT_REPORTS.join('、')} (unknown report; one of ${EXPORT_REPORTS.join(', ')})`);
      }
      const sheet = await this.sheet(name as (typeof EXPORT_REPORTS)[number], query);
      const book = new ExcelJS.Workbook();
      book.creator = 'srdi-match';
      const ws = book.addWorksheet(sheet.title);
      ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
      ws.getRow(1).font = { bold: true };
      ws.addRows(sheet.rows);
      await sendXlsx(res, book, `${name}${sheet.period ? `-${sheet.period.from}_${sheet.period.to}` : ''}.xlsx`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      res.status(STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message, ...err.details } });
    }
  }

  private period(query: Record<string, string | undefined>): Period {
    if (!query.from || !query.to) throw new AppError('BAD_USER_INPUT', '请提供 from 和 to（YYYY-MM-DD）(from and to are required)', { field: query.from ? 'to' : 'from' });
    return checkPeriod({ from: query.from, to: query.to });
  }

  private async sheet(report: (typeof EXPORT_REPORTS)[number], q: Record<string, string | undefined>): Promise<Sheet> {
    switch (report) {
      case 'tier-pipeline': {
        const rows = await this.insights.tierPipeline(q.regionCode);
        const tiers = rows[0]?.certified.map((c) => c.tier) ?? [];
        const eligible = rows[0]?.eligibleNotCertified.map((c) => c.tier) ?? [];
        return {
          title: '梯度培育',
          columns: [{ header: '区划代码' }, { header: '区划名称' }, { header: '企业数' }, ...tiers.map((t) => ({ header: `已认定 ${t}` })), ...eligible.map((t) => ({ header: `达标未认定 ${t}` })), { header: '复核风险' }],
          rows: rows.map((r) => [r.regionCode, r.regionName, r.enterprises, ...r.certified.map((c) => c.count), ...r.eligibleNotCertified.map((c) => c.count), r.atRisk]),
        };
      }
      case 'matchmaking': {
        const period = this.period(q);
        const rows = await this.insights.matchmaking(period, q.regionCode);
        return {
          period,
          title: '供需对接',
          columns: ['月份', '区划代码', '资源类型', '申请数', '待回复', '已接受', '已婉拒', '已完成', '成功', '已取消', '接受率', '成功率', '首次响应中位小时'].map((header) => ({ header })),
          rows: rows.map((r) => [r.month, r.regionCode, r.listingKind, r.requests, r.pending, r.accepted, r.declined, r.completed, r.successful, r.cancelled, r.acceptanceRate, r.successRate, r.medianFirstResponseHours]),
        };
      }
      case 'financing': {
        const period = this.period(q);
        const rows = await this.insights.financing(period, q.regionCode);
        return {
          period,
          title: '融资对接',
          columns: [
            ...['产品类型', '申请数', '已完成', '成功', '已完成申请金额（元）', '成功金额（元）'],
            ...['申请金额合计（元）', '已登记授信结果', '获批', '授信通过率', '获批金额（元）', '申请至放款中位天数'],
          ].map((header) => ({ header })),
          rows: rows.map((r) => [
            ...[r.productType, r.requests, r.completed, r.successful, r.completedAmount, r.successfulAmount],
            ...[r.appliedAmount, r.decided, r.approved, r.approvalRate, r.grantedAmount, r.medianDaysToDisbursement],
          ]),
        };
      }
      case 'challenges': {
        const period = this.period(q);
        const rows = await this.insights.challenges(period);
        return {
          period,
          title: '揭榜挂帅',
          columns: [{ header: '发榜企业', width: 30 }, { header: '发布榜单' }, { header: '揭榜申请' }, { header: '接受揭榜方' }],
          rows: rows.map((r) => [r.anchorName, r.challengesPublished, r.applications, r.acceptedSolvers]),
        };
      }
      case 'decline-reasons': {
        const period = this.period(q);
        const rows = await this.declines.declineReasons(period, q.regionCode);
        return {
          period,
          title: '婉拒与拒绝理由',
          columns: [{ header: '机构', width: 30 }, { header: '资源类型' }, { header: '环节' }, { header: '理由代码', width: 28 }, { header: '理由' }, { header: '次数' }],
          rows: rows.map((r) => [r.institutionName, r.kind, r.stage, r.reasonCode, r.reasonLabel, r.count]),
        };
      }
      case 'matchmaking-funnel': {
        const period = this.period(q);
        // The same rows as Query.matchmakingFunnel, laid out by the funnel module's own columns.
        const kinds = q.kinds === undefined ? null : q.kinds.slice(0, 200).split(',').filter(Boolean);
        const rows = await this.funnel.funnel(period, q.regionCode, kinds);
        return { period, title: '对接漏斗', columns: FUNNEL_COLUMNS.map((c) => ({ header: c.header, width: c.width })), rows: funnelCells(rows) };
      }
      case 'service-ranking': {
        const period = this.period(q);
        const rows = await this.insights.serviceRanking(period, 500, this.weights);
        return {
          period,
          title: '服务机构排名',
          columns: [{ header: '名次' }, { header: '服务机构', width: 30 }, ...['得分', '申请数', '已完成', '接受率', '完成率', '成功率', '平均评分', '评分数', '响应中位小时', '响应中位工作小时', '按时答复率'].map((header) => ({ header }))],
          rows: rows.map((r) => [r.rank, r.name, r.score, r.requests, r.completed, r.acceptanceRate, r.completionRate, r.successRate, r.averageRating, r.ratingCount, r.medianResponseHours, r.medianResponseWorkingHours, r.onTimeResponseRate]),
        };
      }
    }
  }
}
