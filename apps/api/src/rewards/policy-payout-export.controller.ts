import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import ExcelJS from 'exceljs';
import { sendXlsx } from '../http/xlsx-download.js';
import { AppError } from '../../../../libs/platform/src/index.js';
import { IdentityService, TokenService, authorizeQuery } from '../../../../libs/identity/src/index.js';
import { authenticateHeader } from '../graphql/graphql.options.js';
import { RewardsResolver } from './rewards.resolver.js';
import { RewardsService } from '../../../../libs/rewards/src/index.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404 };

/** The XLSX column headers of a payout list (one row per entitlement, as policyPayoutList). */
export const PAYOUT_XLSX_HEADERS = ['应享奖励ID', '受益机构', '统一社会信用代码', '所在地区', '政策', '触发日期', '应享金额（元）', '已到期未兑付（元）', '已发放（元）', '兑付状态', '计算过程', '依据', '兑付记录'];

const STATE_TEXT: Record<string, string> = { ELIGIBLE: '应享', PENDING: '待结算', PAID: '已兑付', WITHHELD: '暂缓发放', SUPERSEDED: '就高不重复' };

/**
 * 免申即享 payout list as XLSX: GET /exports/policy-payouts/<policyId>.xlsx?from=&to=&regionCode=
 * with `Authorization: Bearer <token>` of an AUTHORITY user; the same lines as `policyPayoutList`
 * (at most 20,000).
 */
@Controller('exports/policy-payouts')
export class PolicyPayoutExportController {
  constructor(
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
    private readonly rewards: RewardsService,
    private readonly resolver: RewardsResolver,
  ) {}

  @Get(':policyId')
  async download(@Param('policyId') policyId: string, @Query() query: Record<string, string | undefined>, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const auth = await authenticateHeader(req.headers.authorization, this.identity, this.tokens);
      if (auth.problem || !auth.actor) throw new AppError('UNAUTHENTICATED', auth.problem ?? '请先登录 (send "Authorization: Bearer <token>" of an AUTHORITY user)');
      authorizeQuery(auth.actor, 'policyPayoutExport');
      const id = policyId.replace(/\.xlsx$/, '');
      if (!query.from || !query.to) throw new AppError('BAD_USER_INPUT', '请提供 from 和 to（YYYY-MM-DD）(from and to are required)', { field: query.from ? 'to' : 'from' });
      const period = { from: query.from, to: query.to };
      const lines = await this.resolver.lines(await this.rewards.payoutListAll(id, period, query.regionCode || null));
      const book = new ExcelJS.Workbook();
      book.creator = 'srdi-match';
      const ws = book.addWorksheet('兑付清单');
      ws.columns = PAYOUT_XLSX_HEADERS.map((header) => ({ header, width: 18 }));
      ws.getRow(1).font = { bold: true };
      ws.addRows(
        lines.map((l) => [
          l.id,
          l.organizationName,
          l.uscc ?? '',
          l.regionName,
          l.reward.policy.name,
          l.reward.triggeredOn,
          l.reward.amount,
          l.reward.amountDue,
          l.reward.amountPaid,
          STATE_TEXT[l.reward.state] ?? l.reward.state,
          l.reward.arithmetic,
          l.reward.facts.map((f) => `${f.label}：${f.value}（${f.source}）`).join('；'),
          l.reward.tranches
            .filter((t) => t.decision)
            .map((t) => (t.decision === 'PAID' ? `${t.label} 已发放 ${t.paidAmount} 元（${t.paidOn}，凭证 ${t.reference}）` : `${t.label} 暂缓：${t.withholdReason}`))
            .join('；'),
        ]),
      );
      await sendXlsx(res, book, `policy-payouts-${id}-${period.from}_${period.to}.xlsx`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      res.status(STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message, ...err.details } });
    }
  }
}
