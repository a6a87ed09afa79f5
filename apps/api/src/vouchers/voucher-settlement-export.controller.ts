import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { sendXlsx } from '../http/xlsx-download.js';
import { AppError } from '../../../../libs/platform/src/index.js';
import { IdentityService, TokenService, authorizeQuery } from '../../../../libs/identity/src/index.js';
import { categoryName } from '../../../../libs/matching/src/index.js';
import { VoucherReadService } from '../../../../libs/vouchers/src/index.js';
import { authenticateHeader } from '../graphql/graphql.options.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404 };

/** 分 as 元 with two decimals, a number for the sheet's arithmetic (exact below 2^53 / 100). */
const yuanCell = (fen: string) => Number(BigInt(fen) / 100n) + Number(BigInt(fen) % 100n) / 100;

/**
 * The finance office's list of one settlement batch: GET /exports/vouchers/settlements/<batchId>.xlsx
 * with an AUTHORITY bearer token — one row per claim (institution, its USCC, firm, voucher code,
 * invoice, delivery date, contract value, amount paid) and the total.
 */
@Controller('exports/vouchers/settlements')
export class VoucherSettlementExportController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: VoucherReadService,
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
  ) {}

  @Get(':batch')
  async download(@Param('batch') batch: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const auth = await authenticateHeader(req.headers.authorization, this.identity, this.tokens);
      if (auth.problem || !auth.actor) throw new AppError('UNAUTHENTICATED', auth.problem ?? '请先登录 (send "Authorization: Bearer <token>" of an AUTHORITY user)');
      authorizeQuery(auth.actor, 'voucherSettlementExport');
      const { batch: b, programme, rows } = await this.reads.settlement(this.dataSource.manager, batch.replace(/\.xlsx$/, ''));
      const book = new ExcelJS.Workbook();
      book.creator = 'srdi-match';
      const ws = book.addWorksheet('结算清单');
      ws.columns = [
        { header: '服务机构', width: 30 },
        { header: '机构统一社会信用代码', width: 22 },
        { header: '企业', width: 30 },
        { header: '企业统一社会信用代码', width: 22 },
        { header: '券号', width: 20 },
        { header: '服务类别', width: 14 },
        { header: '发票号码', width: 18 },
        { header: '交付日期', width: 12 },
        { header: '合同金额（元）', width: 16 },
        { header: '结算金额（元）', width: 16 },
        { header: '风险标记', width: 10 },
        { header: '抽查', width: 8 },
      ];
      ws.getRow(1).font = { bold: true };
      ws.addRows(
        rows.map((r) => [r.institution, r.institution_uscc, r.firm, r.firm_uscc, r.code, categoryName(r.service_category!), r.invoice_number, r.delivered_on, yuanCell(r.contract_value_fen!), yuanCell(r.claim_fen!), String(r.flagged) === 'true' ? '是' : '否', String(r.spot_checked) === 'true' ? '是' : '否']),
      );
      const total = ws.addRow(['合计', '', '', '', `${b.claimCount} 笔`, '', '', '', '', yuanCell(String(b.totalFen)), '', '']);
      total.font = { bold: true };
      for (const col of [9, 10]) ws.getColumn(col).numFmt = '#,##0.00';
      ws.addRow([]);
      ws.addRow([`项目：${programme.name}（${programme.issuer}）`, '', '', '', `批次：${b.id}`, '', '', `结算时间：${b.settledAt.toISOString()}`]);
      await sendXlsx(res, book, `voucher-settlement-${b.id}.xlsx`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      res.status(STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message, ...err.details } });
    }
  }
}
