import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, inTransaction, keysetCursor } from '../../../../libs/platform/src/index.js';
import { authorizeKind, authorizeQuery, seesRow } from '../../../../libs/identity/src/index.js';
import { VOUCHER_REASON_KINDS, VOUCHER_REASONS, regionName, type VoucherReasonKind } from '../../../../libs/codes/src/index.js';
import { categoryName } from '../../../../libs/matching/src/index.js';
import {
  fenToYuanString,
  VoucherClaimService,
  VoucherGrantService,
  VoucherLedgerService,
  VoucherProgrammeService,
  VoucherReadService,
  type ClaimDecision,
  type ClaimStatus,
  type ProgrammeStatus,
  type VoucherFigureRow,
  type VoucherStatus,
} from '../../../../libs/vouchers/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import {
  ClaimDecisionEnum,
  ClaimInput,
  ClaimStatusEnum,
  ContractedInstitutionModel,
  FraudFindingModel,
  ProgrammeBudgetModel,
  ProgrammeInput,
  ProgrammeStatusEnum,
  ReconcileReportModel,
  SettlementBatchModel,
  VoucherClaimConnection,
  VoucherClaimModel,
  VoucherConnection,
  VoucherFiguresModel,
  VoucherModel,
  VoucherProgrammeConnection,
  VoucherProgrammeModel,
  VoucherReasonKindEnum,
  VoucherReasonModel,
  VoucherStatusEnum,
} from './voucher.models.js';
import { fen, isoDay, toBatchModel, toClaimModel, toProgrammeModel, toReasonModel, toVoucherModel } from './voucher.mapper.js';

const ID_ARG = (what: string) => ({ type: () => ID, description: `${what} ID (${what} id)` });
const FIRST = { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' };
const AFTER = { type: () => String, nullable: true, description: '上一页的 endCursor (endCursor of the previous page)' };
const REASON = (what: string) => ({ description: `${what}，1–500 字 (${what}, 1–500 characters)` });

function parseThresholds(json: string | null | undefined): Record<string, unknown> | null {
  if (json == null || json === '') return null;
  if (json.length > 2000) throw badInput('fraudThresholdsJson 不能超过 2000 个字符 (fraudThresholdsJson is longer than 2,000 characters)', 'input.fraudThresholdsJson');
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw badInput('fraudThresholdsJson 不是合法的 JSON (fraudThresholdsJson is not valid JSON)', 'input.fraudThresholdsJson');
  }
}

/** Service vouchers (issue 22): programmes, grants, redemption, the AUTHORITY's desk and figures. */
@Resolver(() => VoucherProgrammeModel)
export class VoucherResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmesService: VoucherProgrammeService,
    private readonly grants: VoucherGrantService,
    private readonly claimsService: VoucherClaimService,
    private readonly ledger: VoucherLedgerService,
    private readonly reads: VoucherReadService,
  ) {}

  private tx<T>(work: Parameters<typeof inTransaction<T>>[1]): Promise<T> {
    return inTransaction(this.dataSource, work);
  }

  @Query(() => VoucherProgrammeConnection, { description: '服务券项目列表，新的在前；草稿仅主管部门可见 (voucher programmes, newest first; drafts for the AUTHORITY only)' })
  async voucherProgrammes(
    @Context() ctx: RequestContext,
    @Args('status', { type: () => ProgrammeStatusEnum, nullable: true, description: '按状态筛选 (filter by status)' }) status?: ProgrammeStatus | null,
    @Args('first', FIRST) first = 20,
    @Args('after', AFTER) after?: string | null,
  ) {
    const page = await this.reads.programmes(this.dataSource.manager, ctx.requireActor(), status, first ?? 20, after);
    return { edges: page.rows.map((p) => ({ cursor: keysetCursor(p), node: toProgrammeModel(p) })), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, totalCount: page.totalCount };
  }

  @Query(() => VoucherProgrammeModel, { nullable: true, description: '一个服务券项目；不存在或无权查看时为空 (one programme; null when unknown or not visible)' })
  async voucherProgramme(@Context() ctx: RequestContext, @Args('id', ID_ARG('项目')) id: string) {
    const p = await this.reads.programme(this.dataSource.manager, ctx.requireActor(), id);
    return p ? toProgrammeModel(p) : null;
  }

  @Query(() => [VoucherReasonModel], { description: '服务券的编码理由；不填 kind 则返回全部 (coded voucher reasons; all lists without kind)' })
  voucherReasons(
    @Context() ctx: RequestContext,
    @Args('kind', { type: () => VoucherReasonKindEnum, nullable: true, description: '理由列表；不填表示全部 (which list; all when omitted)' }) kind?: VoucherReasonKind | null,
  ): VoucherReasonModel[] {
    ctx.requireActor();
    if (kind != null && !(VOUCHER_REASON_KINDS as readonly string[]).includes(kind)) throw badInput('kind 无效 (unknown kind)', 'kind');
    return VOUCHER_REASONS.filter((r) => kind == null || r.kind === kind).map((r) => toReasonModel(r.code)!);
  }

  @Query(() => VoucherConnection, { description: '服务券：企业看本企业的，主管部门看全部，新的在前 (vouchers: a firm its own, the AUTHORITY all; newest first)' })
  async vouchers(
    @Context() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, nullable: true, description: '按项目筛选 (filter by programme)' }) programmeId?: string | null,
    @Args('status', { type: () => VoucherStatusEnum, nullable: true, description: '按状态筛选 (filter by status)' }) status?: VoucherStatus | null,
    @Args('first', FIRST) first = 20,
    @Args('after', AFTER) after?: string | null,
  ) {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'vouchers');
    const page = await this.reads.vouchers(this.dataSource.manager, actor, { programmeId, status }, first ?? 20, after);
    return { edges: page.rows.map((v) => ({ cursor: keysetCursor(v), node: toVoucherModel(v) })), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, totalCount: page.totalCount };
  }

  @Query(() => VoucherClaimConnection, { description: '兑付申请：企业与服务机构看本方的，主管部门看全部（审批台），新的在前 (claims: a firm or institution its own, the AUTHORITY all; newest first)' })
  async voucherClaims(
    @Context() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, nullable: true, description: '按项目筛选 (filter by programme)' }) programmeId?: string | null,
    @Args('status', { type: () => ClaimStatusEnum, nullable: true, description: '按状态筛选 (filter by status)' }) status?: ClaimStatus | null,
    @Args('flaggedOnly', { type: () => Boolean, nullable: true, description: '只看有风险标记的 (flagged claims only)' }) flaggedOnly?: boolean | null,
    @Args('first', FIRST) first = 20,
    @Args('after', AFTER) after?: string | null,
  ) {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'voucherClaims');
    const page = await this.reads.claims(this.dataSource.manager, actor, { programmeId, status, flaggedOnly }, first ?? 20, after);
    return { edges: page.rows.map((c) => ({ cursor: keysetCursor(c), node: toClaimModel(c) })), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }, totalCount: page.totalCount };
  }

  @Query(() => VoucherFiguresModel, { nullable: true, description: '服务券项目统计：资金按项目、类别、地区、机构，兑付率，发放到兑付天数中位数，风险标记率；仅主管部门 (figures of a programme; AUTHORITY only)' })
  async voucherFigures(@Context() ctx: RequestContext, @Args('programmeId', ID_ARG('项目')) programmeId: string) {
    const actor = ctx.requireActor();
    authorizeQuery(actor, 'voucherFigures');
    const f = await this.ledger.figures(this.dataSource.manager, programmeId);
    if (!f) return null;
    const names = new Map<string, string>(
      ((await this.dataSource.query(`SELECT id::text, name FROM organizations WHERE id = ANY($1::uuid[])`, [f.byInstitution.map((r) => r.key).filter(Boolean)])) as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]),
    );
    const rows = (list: VoucherFigureRow[], name: (k: string) => string | null) =>
      list.map((r) => ({ key: r.key, name: name(r.key), granted: fenToYuanString(r.grantedFen), reserved: fenToYuanString(r.reservedFen), redeemed: fenToYuanString(r.redeemedFen), settled: fenToYuanString(r.settledFen) }));
    return {
      budget: { budget: fenToYuanString(f.budgetFen), reserved: fenToYuanString(f.reservedFen), redeemed: fenToYuanString(f.redeemedFen), settled: fenToYuanString(f.settledFen), available: fenToYuanString(f.availableFen) },
      redemptionRate: f.redemptionRate,
      medianDaysToRedemption: f.medianDaysToRedemption,
      flaggedClaimRate: f.flaggedClaimRate,
      byCategory: rows(f.byCategory, (k) => categoryName(k)),
      byRegion: rows(f.byRegion, (k) => regionName(k) ?? null),
      byInstitution: rows(f.byInstitution, (k) => names.get(k) ?? null),
    };
  }

  @ResolveField(() => ProgrammeBudgetModel, { nullable: true, description: '项目资金；仅主管部门可见，其他人为空 (the programme\'s money; AUTHORITY only, null for others)' })
  budget(@Parent() p: VoucherProgrammeModel, @Context() ctx: RequestContext): ProgrammeBudgetModel | null {
    if (!seesRow(ctx.actor, 'VoucherProgramme.budget')) return null;
    return { budget: fenToYuanString(p.budgetFen), reserved: fenToYuanString(p.reservedFen), redeemed: fenToYuanString(p.redeemedFen), settled: fenToYuanString(p.settledFen), available: fenToYuanString(p.budgetFen - p.reservedFen - p.redeemedFen) };
  }

  @ResolveField(() => [ContractedInstitutionModel], { description: '签约服务机构（含已解约的历史，至多 2000 条）(contracted institutions, removals included, at most 2,000)' })
  async contractedInstitutions(@Parent() p: VoucherProgrammeModel): Promise<ContractedInstitutionModel[]> {
    const rows: Array<{ institution_organization_id: string; name: string; added_reason: string; added_at: Date; removed_at: Date | null; removed_reason: string | null }> = await this.dataSource.query(
      `SELECT c.institution_organization_id, o.name, c.added_reason, c.added_at, c.removed_at, c.removed_reason
         FROM voucher_contracted_institutions c JOIN organizations o ON o.id = c.institution_organization_id WHERE c.programme_id = $1 ORDER BY c.added_at LIMIT 2000`,
      [p.id],
    );
    return rows.map((r) => ({ institutionId: r.institution_organization_id, name: r.name, addedReason: r.added_reason, addedAt: r.added_at, removedAt: r.removed_at, removedReason: r.removed_reason }));
  }

  @Mutation(() => VoucherProgrammeModel, { description: '新建服务券项目（草稿），仅限主管部门；初始预算记入台账 (create a programme as DRAFT; AUTHORITY only; the budget is a ledger row)' })
  async createVoucherProgramme(@Args('input', { description: '项目 (the programme)' }) input: ProgrammeInput, @Context() ctx: RequestContext) {
    authorizeKind(ctx.actor, 'createVoucherProgramme');
    const command = {
      ...input,
      budgetFen: fen(input?.budget, 'input.budget', '总预算'),
      capPerVoucherFen: fen(input.capPerVoucher, 'input.capPerVoucher', '单张服务券上限'),
      capPerFirmYearFen: fen(input.capPerFirmYear, 'input.capPerFirmYear', '每家企业每年上限'),
      applyFrom: isoDay(input.applyFrom),
      applyUntil: isoDay(input.applyUntil),
      fraudThresholds: parseThresholds(input.fraudThresholdsJson),
    };
    return toProgrammeModel(await this.tx((m) => this.programmesService.create(m, ctx.actor, command)));
  }

  @Mutation(() => VoucherProgrammeModel, { description: '变更项目状态：草稿 → 开放，开放 → 结束；仅限主管部门 (DRAFT → OPEN → CLOSED; AUTHORITY only)' })
  async setVoucherProgrammeStatus(
    @Args('id', ID_ARG('项目')) id: string,
    @Args('status', { type: () => ProgrammeStatusEnum, description: '新状态 (the new status)' }) status: ProgrammeStatus,
    @Context() ctx: RequestContext,
  ) {
    return toProgrammeModel(await this.tx((m) => this.programmesService.setStatus(m, ctx.actor, id, status)));
  }

  @Mutation(() => VoucherProgrammeModel, { description: '调整总预算（不低于已占用额度），变更与原因记入台账；仅限主管部门 (change the budget, never below what is committed; a ledger row with the reason; AUTHORITY only)' })
  async changeVoucherProgrammeBudget(
    @Args('id', ID_ARG('项目')) id: string,
    @Args('budget', { description: '新的总预算，单位：元，最多两位小数的十进制字符串 (the new budget, yuan as a decimal string)' }) budget: string,
    @Args('reason', REASON('调整原因')) reason: string,
    @Context() ctx: RequestContext,
  ) {
    authorizeKind(ctx.actor, 'changeVoucherProgrammeBudget');
    const budgetFen = fen(budget, 'budget', '总预算');
    return toProgrammeModel(await this.tx((m) => this.programmesService.changeBudget(m, ctx.actor, id, budgetFen, reason)));
  }

  @Mutation(() => VoucherProgrammeModel, { description: '签约服务机构（须为已审核的服务机构）；仅限主管部门 (contract a verified service institution; AUTHORITY only)' })
  async addContractedInstitution(@Args('programmeId', ID_ARG('项目')) programmeId: string, @Args('institutionId', ID_ARG('服务机构')) institutionId: string, @Args('reason', REASON('签约说明')) reason: string, @Context() ctx: RequestContext) {
    return this.tx(async (m) => {
      await this.programmesService.addInstitution(m, ctx.actor, programmeId, institutionId, reason);
      return toProgrammeModel((await this.reads.programme(m, ctx.actor!, programmeId))!);
    });
  }

  @Mutation(() => VoucherProgrammeModel, { description: '解约服务机构（保留历史与原因）；解约后不能再绑定或提交兑付；仅限主管部门 (remove an institution, history kept; AUTHORITY only)' })
  async removeContractedInstitution(@Args('programmeId', ID_ARG('项目')) programmeId: string, @Args('institutionId', ID_ARG('服务机构')) institutionId: string, @Args('reason', REASON('解约原因')) reason: string, @Context() ctx: RequestContext) {
    return this.tx(async (m) => {
      await this.programmesService.removeInstitution(m, ctx.actor, programmeId, institutionId, reason);
      return toProgrammeModel((await this.reads.programme(m, ctx.actor!, programmeId))!);
    });
  }

  @Mutation(() => VoucherModel, { description: '企业申领服务券（须已审核且符合项目条件，申领期内）(a verified, eligible firm applies within the window)' })
  async applyForVoucher(
    @Args('programmeId', ID_ARG('项目')) programmeId: string,
    @Args('serviceCategory', { description: '服务类别，须为项目可用类别之一 (service category of the programme)' }) serviceCategory: string,
    @Args('amount', { description: '申请金额，单位：元，最多两位小数的十进制字符串，不超过单张上限 (amount, yuan as a decimal string, at most the cap per voucher)' }) amount: string,
    @Args('purpose', REASON('用途')) purpose: string,
    @Context() ctx: RequestContext,
  ) {
    authorizeKind(ctx.actor, 'applyForVoucher');
    const amountFen = fen(amount, 'amount', '申请金额');
    return toVoucherModel(await this.tx((m) => this.grants.apply(m, ctx.actor, { programmeId, serviceCategory, amountFen, purpose })));
  }

  @Mutation(() => VoucherModel, { description: '审批服务券申请：批准即从预算预留（不超额）并生成券号与有效期；不予批准须附理由代码；仅限主管部门 (approve, reserving from the budget, or decline with a coded reason; AUTHORITY only)' })
  async decideVoucherApplication(
    @Args('voucherId', ID_ARG('服务券')) voucherId: string,
    @Args('approve', { description: '是否批准 (approve or decline)' }) approve: boolean,
    @Args('amount', { type: () => String, nullable: true, description: '批准金额，单位：元，不超过申请金额；不填为申请金额 (granted amount, yuan; the amount applied for when omitted)' }) amount: string | null,
    @Args('reasonCode', { type: () => String, nullable: true, description: '不予批准的理由代码（VOUCHER_APPLICATION 列表）(decline reason code)' }) reasonCode: string | null,
    @Args('note', { type: () => String, nullable: true, description: '说明，至多 500 字 (note, at most 500 characters)' }) note: string | null,
    @Context() ctx: RequestContext,
  ) {
    authorizeKind(ctx.actor, 'decideVoucherApplication');
    const amountFen = amount == null ? null : fen(amount, 'amount', '批准金额');
    return toVoucherModel(await this.tx((m) => this.grants.decide(m, ctx.actor, voucherId, { approve, amountFen, reasonCode, note })));
  }

  @Mutation(() => [VoucherModel], { description: '免申即享：向每家符合条件、已审核、本类别无在用服务券的企业发放一张；预算不足时全部不发并说明可覆盖家数；单次至多 2000 家；仅限主管部门 (grant every eligible firm without applying; all or nothing; AUTHORITY only)' })
  async grantVouchersToEligible(
    @Args('programmeId', ID_ARG('项目')) programmeId: string,
    @Args('serviceCategory', { description: '服务类别 (service category)' }) serviceCategory: string,
    @Args('amount', { description: '每张面额，单位：元，不超过单张上限 (amount per voucher, yuan)' }) amount: string,
    @Context() ctx: RequestContext,
  ) {
    authorizeKind(ctx.actor, 'grantVouchersToEligible');
    const amountFen = fen(amount, 'amount', '每张面额');
    return (await this.tx((m) => this.grants.grantToEligible(m, ctx.actor, programmeId, serviceCategory, amountFen))).map(toVoucherModel);
  }

  @Mutation(() => VoucherModel, { description: '作废未兑付的服务券，预留额度释放回预算；仅限主管部门 (cancel a GRANTED voucher without a claim; AUTHORITY only)' })
  async cancelVoucher(@Args('voucherId', ID_ARG('服务券')) voucherId: string, @Args('reason', REASON('作废原因')) reason: string, @Context() ctx: RequestContext) {
    return toVoucherModel(await this.tx((m) => this.grants.cancel(m, ctx.actor, voucherId, reason)));
  }

  @Mutation(() => VoucherModel, { description: '企业将本企业的服务券绑定到本企业的对接申请（签约机构的服务产品，类别一致，一券一用）(attach your voucher to your match request for a contracted institution\'s offering in its category)' })
  async attachVoucher(@Args('voucherId', ID_ARG('服务券')) voucherId: string, @Args('matchRequestId', ID_ARG('对接申请')) matchRequestId: string, @Context() ctx: RequestContext) {
    return toVoucherModel(await this.tx((m) => this.claimsService.attach(m, ctx.actor, voucherId, matchRequestId)));
  }

  @Mutation(() => VoucherClaimModel, { description: '服务机构提交兑付申请（对接申请已接受或已完成）；补充材料后重新提交亦用此操作；提交时自动进行风险核查 (the institution owning the request claims, or resubmits after INFO_REQUESTED; the fraud rules run)' })
  async submitVoucherClaim(@Args('voucherId', ID_ARG('服务券')) voucherId: string, @Args('input', { description: '兑付申请 (the claim)' }) input: ClaimInput, @Context() ctx: RequestContext) {
    authorizeKind(ctx.actor, 'submitVoucherClaim');
    const command = {
      contractValueFen: fen(input?.contractValue, 'input.contractValue', '合同金额'),
      claimFen: fen(input.claimAmount, 'input.claimAmount', '申领金额'),
      invoiceNumber: input.invoiceNumber,
      deliveredOn: isoDay(input.deliveredOn),
      attachmentIds: input.attachmentIds ?? [],
    };
    return toClaimModel(await this.tx((m) => this.claimsService.submit(m, ctx.actor, voucherId, command)));
  }

  @Mutation(() => VoucherClaimModel, { description: '企业确认服务已交付，或提出异议（须说明；异议的兑付申请须两位审批人）(the firm confirms the delivery or disputes it, with a note)' })
  async confirmVoucherClaim(
    @Args('claimId', ID_ARG('兑付申请')) claimId: string,
    @Args('confirmed', { description: 'true 确认交付，false 提出异议 (true: delivered; false: dispute)' }) confirmed: boolean,
    @Args('note', { type: () => String, nullable: true, description: '异议说明（异议时必填），至多 500 字 (why, required for a dispute)' }) note: string | null,
    @Context() ctx: RequestContext,
  ) {
    return toClaimModel(await this.tx((m) => this.claimsService.confirm(m, ctx.actor, claimId, confirmed, note)));
  }

  @Mutation(() => VoucherClaimModel, { description: '审批兑付申请：核准即兑付（有风险标记的须另一位审批人复核），驳回或要求补充须附理由代码；仅限主管部门 (approve — twice by two people when flagged —, reject or ask for more; AUTHORITY only)' })
  async decideVoucherClaim(
    @Args('claimId', ID_ARG('兑付申请')) claimId: string,
    @Args('decision', { type: () => ClaimDecisionEnum, description: '决定 (the decision)' }) decision: ClaimDecision,
    @Args('reasonCode', { type: () => String, nullable: true, description: '理由代码（VOUCHER_CLAIM 列表），驳回与要求补充时必填 (reason code, for REJECT and REQUEST_INFO)' }) reasonCode: string | null,
    @Args('note', { type: () => String, nullable: true, description: '说明，至多 500 字 (note, at most 500 characters)' }) note: string | null,
    @Context() ctx: RequestContext,
  ) {
    return toClaimModel(await this.tx((m) => this.claimsService.decide(m, ctx.actor, claimId, { decision, reasonCode, note })));
  }

  @Mutation(() => SettlementBatchModel, { description: '结算已核准的兑付申请（一批 1–500 笔），生成批次合计与财务 XLSX；仅限主管部门 (settle approved claims in one batch; AUTHORITY only)' })
  async settleVoucherClaims(
    @Args('programmeId', ID_ARG('项目')) programmeId: string,
    @Args('claimIds', { type: () => [ID], description: '兑付申请 ID，1–500 个 (claim ids, 1–500)' }) claimIds: string[],
    @Args('note', { type: () => String, nullable: true, description: '备注，至多 500 字 (note)' }) note: string | null,
    @Context() ctx: RequestContext,
  ) {
    return toBatchModel(await this.tx((m) => this.claimsService.settle(m, ctx.actor, programmeId, claimIds, note)));
  }

  @Mutation(() => VoucherClaimModel, { description: '追回已结算的兑付申请，金额回到预算（记入台账）；仅限主管部门 (claw back a settled claim; AUTHORITY only)' })
  async clawBackVoucherClaim(@Args('claimId', ID_ARG('兑付申请')) claimId: string, @Args('reason', REASON('追回原因')) reason: string, @Context() ctx: RequestContext) {
    return toClaimModel(await this.tx((m) => this.claimsService.clawBack(m, ctx.actor, claimId, reason)));
  }

  @Mutation(() => ReconcileReportModel, { description: '立即核对服务券台账与各项余额（每晚亦自动执行）；仅限主管部门 (reconcile the ledger now; it also runs nightly; AUTHORITY only)' })
  async reconcileVoucherLedger(@Args('programmeId', { type: () => ID, nullable: true, description: '只核对一个项目；不填为全部 (one programme; all when omitted)' }) programmeId: string | null, @Context() ctx: RequestContext) {
    authorizeKind(ctx.actor, 'reconcileVoucherLedger');
    const r = await this.ledger.reconcile(this.dataSource.manager, programmeId);
    return { programmes: r.programmes, vouchers: r.vouchers, discrepancies: r.discrepancies.map((d) => ({ programmeId: d.programmeId, voucherId: d.voucherId, figure: d.figure, ledger: fenToYuanString(d.ledgerFen), row: fenToYuanString(d.rowFen) })) };
  }
}

@Resolver(() => VoucherClaimModel)
export class VoucherClaimFieldsResolver {
  @ResolveField(() => [FraudFindingModel], { nullable: true, description: '风险核查发现，按分值从高到低；仅主管部门可见，其他人为空 (findings, highest score first; AUTHORITY only, null for others)' })
  findings(@Parent() c: VoucherClaimModel, @Context() ctx: RequestContext): FraudFindingModel[] | null {
    return seesRow(ctx.actor, 'VoucherClaim.findings') ? c.rawFindings : null;
  }
}
