import { Inject, Logger } from '@nestjs/common';
import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, Subscription, registerEnumType } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  badInput,
  notFound,
  unauthenticated,
  inTransaction,
  keysetCursor,
  PUBSUB,
  type PubSub,
  ENTERPRISE_IMPORT_PROGRESS,
  type EnterpriseImportProgressMessage,
} from '../../../../libs/platform/src/index.js';
import { authorizeKind, authorizeQuery } from '../../../../libs/identity/src/index.js';
import type { Actor } from '../../../../libs/identity/src/index.js';
import DataLoader from 'dataloader';
import {
  EnterpriseImportRuns,
  checkUpload,
  type OutcomeCount,
  ENTERPRISE_IMPORT_STATUSES,
  IMPORT_ROW_OUTCOMES,
  IMPORT_ROW_OUTCOME_LABELS,
  type EnterpriseImportEntity,
  type EnterpriseImportStatus,
  type ImportRowOutcome,
  COLUMN_BY_KEY,
  type ImportColumnKey,
} from '../../../../libs/enterprises/src/index.js';
import { importProgressFeed, type ImportProgress } from './import-progress-feed.js';
import type { ImportRejection, MappedColumn, UnknownColumn } from '../../../../libs/enterprises/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { PageInfoModel } from '../listings/listing.models.js';
import type { RequestContext } from '../graphql/request-context.js';
import { EnterpriseImportRejectionModel, EnterpriseImportUnknownColumnModel, decodeBase64 } from './enterprise-import.resolver.js';
import { EnterpriseImportInput, EnterpriseImportMappingInput } from './enterprise-import.inputs.js';

const OutcomeEnum = Object.fromEntries(IMPORT_ROW_OUTCOMES.map((o) => [o, o])) as { [O in ImportRowOutcome]: O };
registerEnumType(OutcomeEnum, {
  name: 'EnterpriseImportRowOutcome',
  description: '报告中一行的结果 (what became of one file row)',
  valuesMap: {
    CREATED: { description: `${IMPORT_ROW_OUTCOME_LABELS.CREATED} (created)` },
    UPDATED: { description: `${IMPORT_ROW_OUTCOME_LABELS.UPDATED} (updated)` },
    UNCHANGED: { description: `${IMPORT_ROW_OUTCOME_LABELS.UNCHANGED}：与库中一致 (already up to date)` },
    REJECTED: { description: `${IMPORT_ROW_OUTCOME_LABELS.REJECTED}，见 field 与 reason (not imported; see field and reason)` },
    CLAIM_CONFLICT: { description: '统一社会信用代码被未审核的自注册机构申领，未导入 (USCC claimed by an unverified self-registered organization)' },
    NOT_ENTERPRISE: { description: '统一社会信用代码属于已注册的其他类型机构（银行、服务机构等），未导入 (the USCC belongs to a registered organization of another kind)' },
  },
});

const StatusEnum = Object.fromEntries(ENTERPRISE_IMPORT_STATUSES.map((s) => [s, s])) as { [S in EnterpriseImportStatus]: S };
registerEnumType(StatusEnum, {
  name: 'EnterpriseImportStatus',
  description: '异步导入的状态 (state of an asynchronous import)',
  valuesMap: {
    QUEUED: { description: '已上传，等待解析 (uploaded, waiting to be parsed)' },
    PARSING: { description: '正在读取文件 (the file is being read)' },
    PREVIEW_READY: { description: '预览就绪，等待确认 (preview ready; confirm to run)' },
    RUNNING: { description: '正在分批导入 (importing in batches)' },
    DONE: { description: '已完成 (finished)' },
    FAILED: { description: '文件无法读取，见 error (the file could not be read; see error)' },
    CANCELLED: { description: '已取消 (cancelled)' },
  },
});

@ObjectType('EnterpriseImportOutcomeCount', { description: '某一结果的报告行数 (report rows of one outcome)' })
export class EnterpriseImportOutcomeCountModel {
  @Field(() => OutcomeEnum, { description: '结果 (outcome)' }) outcome: ImportRowOutcome;
  @Field(() => Int, { description: '行数，单位：行 (file rows)' }) rows: number;
}

@ObjectType('EnterpriseImportColumn', { description: '表头中识别出的一列 (a header cell mapped to an import column)' })
export class EnterpriseImportColumnModel {
  @Field({ description: '列字母 (column letter)' }) column: string;
  @Field({ description: '表头文字 (the header text)' }) header: string;
  @Field({ description: '对应的导入列键，如 revenue (the column key)' }) key: string;
  @Field({ description: '该字段的中文列名，如 营业收入 (the field’s Chinese name)' }) label: string;
  @Field(() => String, { nullable: true, description: '金额列的单位：YUAN（元）或 TEN_THOUSAND_YUAN（万元，导入时换算为元）(money columns: their unit)' })
  moneyUnit: string | null;
}

@ObjectType('EnterpriseImportPreview', { description: '确认前的预览：不写库即可得知的结果 (what is known before anything is written)' })
export class EnterpriseImportPreviewModel {
  @Field(() => Int, { description: '将新建的企业数（其统一社会信用代码尚无机构）(enterprises whose USCC has no organization yet)' }) wouldCreate: number;
  @Field(() => Int, { description: '已存在的企业数：将更新或不变 (enterprises that exist: updated or unchanged)' }) wouldUpdate: number;
  @Field(() => [EnterpriseImportRejectionModel], { description: '已可判定会被拒绝的行（行号、列、原因）(rows already known to be rejected)' })
  rejected: EnterpriseImportRejectionModel[];
}


@ObjectType('EnterpriseImportReportRow', { description: '报告中的一行 (one row of the report)' })
export class EnterpriseImportReportRowModel {
  @Field(() => Int, { description: '文件中的行号 (row number in the file)' }) row: number;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 (USCC)' }) uscc: string | null;
  @Field(() => OutcomeEnum, { description: '结果 (outcome)' }) outcome: ImportRowOutcome;
  @Field(() => String, { nullable: true, description: '出错的列键 (column key of the problem)' }) field: string | null;
  @Field(() => String, { nullable: true, description: '原因 (reason)' }) reason: string | null;
  @Field(() => ID, { nullable: true, description: '导入到的机构 id（被拒绝或冲突时为空）(organization the row was imported into; null when rejected)' })
  organizationId: string | null;
}

@ObjectType('EnterpriseImportReportEdge', { description: '报告的一行 (one report row in a page)' })
export class EnterpriseImportReportEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => EnterpriseImportReportRowModel, { description: '报告行 (the row)' }) node: EnterpriseImportReportRowModel;
}

@ObjectType('EnterpriseImportReportConnection', { description: '逐行报告，按行号 (per-row report, by row number)' })
export class EnterpriseImportReportConnectionModel {
  @Field(() => [EnterpriseImportReportEdgeModel], { description: '本页 (this page)' }) edges: EnterpriseImportReportEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的报告行总数 (rows matching the filter)' }) totalCount: number;
}

@ObjectType('EnterpriseImport', { description: '一次异步企业名单导入 (an asynchronous import of an enterprise list)' })
export class EnterpriseImportModel {
  @Field(() => ID, { description: '导入任务 id (import id)' }) id: string;
  @Field({ description: '上传的文件名 (uploaded file name)' }) filename: string;
  @Field(() => Int, { description: '文件大小，字节 (file size in bytes)' }) fileBytes: number;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      '原始文件按保留期限（结束后 IMPORT_FILE_RETENTION_DAYS 天，默认 30 天）清除的时间；清除后报告下载只含行号、统一社会信用代码、结果、列与原因 ' +
      '(when the uploaded file was purged after the retention period; the report download then has no original cells)',
  })
  filePurgedAt: Date | null;
  @Field(() => StatusEnum, { description: '状态 (status)' }) status: EnterpriseImportStatus;
  @Field(() => Boolean, { description: '已请求取消，当前批次结束后停止 (cancel requested; stops after the current batch)' }) cancelRequested: boolean;
  @Field(() => String, { nullable: true, description: 'FAILED 时的原因（含超出的上限）(why the file could not be read, naming the bound)' }) error: string | null;
  @Field(() => DateTimeScalar, { description: '上传时间 (uploaded at)' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: '最近更新时间 (last change)' }) updatedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: '结束时间 (ended at)' }) finishedAt: Date | null;
  @Field(() => Int, { nullable: true, description: '识别出的表头行号 (row of the detected header)' }) headerRow: number | null;
  @Field(() => [EnterpriseImportColumnModel], { description: '列映射 (column mapping)' }) columns: MappedColumn[];
  @Field(() => [EnterpriseImportUnknownColumnModel], { description: '未识别的列（忽略）(unknown columns, ignored)' }) unknownColumns: UnknownColumn[];
  @Field(() => [String], {
    description: '表头中找不到的必填字段（列键）：确认时须在 mapping 中为其指定列；此时预览不逐行检查 (required fields without a column: give them one in the mapping at confirm; rows are not checked in the preview meanwhile)',
  })
  missingFields: string[];
  @Field(() => Boolean, { description: '确认时给出了列映射；运行开始后 columns 为按映射应用的结果 (confirmed with a mapping; once running, columns show it applied)' })
  mappingOverridden: boolean;
  @Field(() => EnterpriseImportPreviewModel, { nullable: true, description: '预览（PREVIEW_READY 起）(preview, from PREVIEW_READY on)' })
  preview: EnterpriseImportPreviewModel | null;
  @Field(() => Int, { description: '数据行总数 (data rows in the file)' }) rowsTotal: number;
  @Field(() => Int, { description: '已处理的数据行数 (data rows processed)' }) rowsDone: number;
  @Field(() => Int, { description: '企业总数（按统一社会信用代码分组）(enterprises in the file)' }) firmsTotal: number;
  @Field(() => Int, { description: '已处理的企业数 (enterprises processed)' }) firmsDone: number;
  @Field(() => Int, { description: '新建的企业数 (created)' }) created: number;
  @Field(() => Int, { description: '更新的企业数 (updated)' }) updated: number;
  @Field(() => Int, { description: '无变化的企业数 (unchanged)' }) unchanged: number;
  @Field(() => Int, { description: '未导入的行数 (rows not imported)' }) rejectedRows: number;
  @Field(() => Int, { description: '因申领冲突未导入的企业数 (enterprises skipped for a USCC claim conflict)' }) claimConflicts: number;
}

@ObjectType('EnterpriseImportEdge', { description: '导入任务列表的一项 (one import in a page)' })
export class EnterpriseImportEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => EnterpriseImportModel, { description: '导入任务 (the import)' }) node: EnterpriseImportModel;
}

@ObjectType('EnterpriseImportConnection', { description: '导入任务，新的在前 (imports, newest first)' })
export class EnterpriseImportConnectionModel {
  @Field(() => [EnterpriseImportEdgeModel], { description: '本页 (this page)' }) edges: EnterpriseImportEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '导入任务总数 (all imports)' }) totalCount: number;
}

/** Queries: AUTHORITY only (any member role), like the mutations. */
export function requireImportReader(actor: Actor | undefined, query: 'enterpriseImport' | 'enterpriseImports' | 'enterpriseImportProgress'): Actor {
  if (!actor) throw unauthenticated('请先登录 (sign in first)');
  authorizeQuery(actor, query);
  return actor;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checkId(id: string, field = 'id'): string {
  if (!UUID.test(id)) throw badInput('id 不是有效的导入任务 id (not an import id)', field);
  return id;
}

/** How long a new subscription waits for the channel to be listened on before it starts anyway. */
const LISTEN_WAIT_MS = 3_000;

@Resolver(() => EnterpriseImportModel)
export class EnterpriseImportRunsResolver {
  private readonly logger = new Logger('EnterpriseImportSubscription');

  constructor(
    private readonly runs: EnterpriseImportRuns,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PUBSUB) private readonly pubsub: PubSub,
  ) {}

  /** One loader per request (per delivered event for a subscription: its loaders are renewed), so a page of imports costs one statement. */
  private readonly countLoaders = new WeakMap<object, DataLoader<string, OutcomeCount[]>>();

  @ResolveField(() => [EnterpriseImportOutcomeCountModel], { description: '已处理的报告行按结果计数（行数，不是企业数）(report rows so far by outcome: file rows, not enterprises)' })
  async outcomeCounts(@Parent() parent: EnterpriseImportModel, @Context() ctx: RequestContext): Promise<EnterpriseImportOutcomeCountModel[]> {
    let loader = this.countLoaders.get(ctx.loaders);
    if (!loader) {
      loader = new DataLoader((ids: readonly string[]) => this.runs.outcomeCountsOf(ids));
      this.countLoaders.set(ctx.loaders, loader);
    }
    return loader.load(parent.id);
  }

  /**
   * Over graphql-ws (authenticated at connection; AUTHORITY checked here, at subscribe). The
   * process that changes an import (the worker's parse and run jobs, this API's confirm and cancel)
   * publishes its id after the commit; every API process delivers the row to its subscribers of it.
   */
  @Subscription(() => EnterpriseImportModel, {
    description:
      '主管部门：一次导入的进度（WebSocket，graphql-ws 协议）：订阅时先推送当前状态，此后每次状态变化和每批导入完成后推送；导入结束（DONE/FAILED/CANCELLED）后订阅结束 ' +
      '(AUTHORITY: live progress of one import: its state at subscribe, then after every status change and every batch; completes once the import ends)',
  })
  async enterpriseImportProgress(
    @Args('id', { type: () => ID, description: '导入任务 id (import id)' }) id: string,
    @Context() ctx: RequestContext,
  ): Promise<AsyncIterableIterator<ImportProgress>> {
    requireImportReader(ctx.actor, 'enterpriseImportProgress');
    checkId(id);
    if (!(await this.runs.find(id))) throw notFound(`导入任务 ${id} 不存在 (no such import)`);
    // Listening before the first state is read: a change in between is delivered, not lost.
    const source = this.pubsub.subscribe<EnterpriseImportProgressMessage>(ENTERPRISE_IMPORT_PROGRESS);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([source.ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_WAIT_MS)))]);
    clearTimeout(timer);
    return importProgressFeed(source, {
      importId: id,
      load: (importId) => this.runs.find(importId),
      toModel,
      beforeDeliver: () => ctx.renewLoaders(),
      onError: (err) => this.logger.warn(`enterpriseImportProgress: reading import ${id} failed: ${err.message}`),
    });
  }

  @ResolveField(() => EnterpriseImportReportConnectionModel, {
    description: '逐行报告：已处理的行，按行号分页（完整表格见 GET /imports/enterprises/{id}/report.xlsx）(per-row report of the rows processed so far, paged by row number)',
  })
  async report(
    @Parent() parent: EnterpriseImportModel,
    @Args('first', { type: () => Int, defaultValue: 50, description: '每页行数，1–100 (page size, 1–100)' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (cursor of the previous page)' }) after?: string | null,
    @Args('outcome', { type: () => OutcomeEnum, nullable: true, description: '只看某一结果的行，如 REJECTED (only rows of this outcome)' }) outcome?: keyof typeof OutcomeEnum | null,
  ): Promise<EnterpriseImportReportConnectionModel> {
    const afterRow = after ? decodeReportCursor(after, 'after') : null;
    const page = await this.runs.reportPage(parent.id, first, afterRow, outcome ?? null);
    const last = page.rows[page.rows.length - 1];
    return {
      edges: page.rows.map((r) => ({ cursor: reportCursor(r.row), node: { ...r, organizationId: r.organizationId ?? null } })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? reportCursor(last.row) : null },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => EnterpriseImportModel, {
    description:
      '主管部门：上传企业名单（base64，适合小文件；大文件请 POST /imports/enterprises），异步解析为预览，再由 confirmEnterpriseImport 执行 ' +
      '(AUTHORITY: start an asynchronous import from a small base64 file; larger files via POST /imports/enterprises)',
  })
  async startEnterpriseImport(@Args('input', { description: '文件名与 base64 内容（请求体上限 1 MB）(file name and base64 content; 1 MB request body)' }) input: EnterpriseImportInput, @Context() ctx: RequestContext): Promise<EnterpriseImportModel> {
    authorizeKind(ctx.actor, 'startEnterpriseImport');
    if (input.filename.length > 255) throw badInput('文件名最多 255 个字符 (filename at most 255 characters)', 'input.filename');
    const content = decodeBase64(input.contentBase64);
    checkUpload(input.filename, content, { filename: 'input.filename', content: 'input.contentBase64' });
    const row = await inTransaction(this.dataSource, (m) => this.runs.start(m, ctx.actor!.userId, input.filename, content));
    return toModel(row);
  }

  @Mutation(() => EnterpriseImportModel, {
    description:
      '主管部门：确认预览并开始分批导入；可附列映射更正识别结果（某列对应的字段、金额单位），映射先按文件表头校验，通过后才开始 ' +
      '(AUTHORITY: confirm the preview and run the import, optionally with a corrected column mapping checked against the file first)',
  })
  async confirmEnterpriseImport(
    @Args('id', { type: () => ID, description: '导入任务 id (import id)' }) id: string,
    @Context() ctx: RequestContext,
    @Args('mapping', { type: () => EnterpriseImportMappingInput, nullable: true, description: '更正的列映射；不填则按预览中识别的列导入 (a corrected mapping; omitted: the detected columns)' })
    mapping?: EnterpriseImportMappingInput | null,
  ): Promise<EnterpriseImportModel> {
    authorizeKind(ctx.actor, 'confirmEnterpriseImport');
    checkId(id);
    const row = await inTransaction(this.dataSource, (m) => this.runs.confirm(m, id, ctx.actor!.userId, mapping?.columns ?? null));
    await this.runs.announce(id);
    return toModel(row);
  }

  @Mutation(() => EnterpriseImportModel, { description: '主管部门：取消导入；运行中则在当前批次结束后停止 (AUTHORITY: cancel; a running import stops after its current batch)' })
  async cancelEnterpriseImport(@Args('id', { type: () => ID, description: '导入任务 id (import id)' }) id: string, @Context() ctx: RequestContext): Promise<EnterpriseImportModel> {
    authorizeKind(ctx.actor, 'cancelEnterpriseImport');
    checkId(id);
    const row = await inTransaction(this.dataSource, (m) => this.runs.cancel(m, id));
    await this.runs.announce(id);
    return toModel(row);
  }

  @Query(() => EnterpriseImportModel, { nullable: true, description: '主管部门：一次导入的状态、进度与报告 (AUTHORITY: one import)' })
  async enterpriseImport(@Args('id', { type: () => ID, description: '导入任务 id (import id)' }) id: string, @Context() ctx: RequestContext): Promise<EnterpriseImportModel | null> {
    requireImportReader(ctx.actor, 'enterpriseImport');
    checkId(id);
    const row = await this.runs.find(id);
    return row ? toModel(row) : null;
  }

  @Query(() => EnterpriseImportConnectionModel, { description: '主管部门：导入任务列表，新的在前 (AUTHORITY: imports, newest first)' })
  async enterpriseImports(
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 20, description: '每页条数，1–100 (page size, 1–100)' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (cursor of the previous page)' }) after?: string | null,
  ): Promise<EnterpriseImportConnectionModel> {
    requireImportReader(ctx.actor, 'enterpriseImports');
    if (after && after.length > 200) throw badInput('after 游标过长 (cursor too long)', 'after');
    const page = await this.runs.page(first, after);
    return {
      edges: page.rows.map((r) => ({ cursor: keysetCursor(r), node: toModel(r) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }
}

/** Report cursors: the row number, opaque to clients. */
export function reportCursor(row: number): string {
  return Buffer.from(`row:${row}`).toString('base64url');
}

function decodeReportCursor(cursor: string, field: string): number {
  const m = cursor.length <= 40 ? /^row:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (!m) throw badInput('after 游标无效 (invalid cursor)', field);
  return Number(m[1]);
}

export function toModel(row: EnterpriseImportEntity): EnterpriseImportModel {
  const preview = row.preview as { wouldCreate: number; wouldUpdate: number; rejected: ImportRejection[] } | null;
  const model = {
    id: row.id,
    filename: row.filename,
    fileBytes: row.fileBytes,
    filePurgedAt: row.filePurgedAt ?? null,
    status: row.status,
    cancelRequested: row.cancelRequested,
    error: row.error,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
    headerRow: row.headerRow,
    columns: ((row.sheet?.columns ?? []) as MappedColumn[]).map((c) => ({ ...c, label: COLUMN_BY_KEY.get(c.key as ImportColumnKey)?.zh ?? c.key, moneyUnit: c.moneyUnit ?? null })),
    unknownColumns: (row.sheet?.unknownColumns ?? []) as UnknownColumn[],
    missingFields: row.sheet?.missing ?? [],
    mappingOverridden: Boolean(row.sheet?.override),
    preview,
    rowsTotal: row.rowsTotal,
    rowsDone: row.rowsDone,
    firmsTotal: row.firmsTotal,
    firmsDone: row.firmsDone,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    rejectedRows: row.rejectedRows,
    claimConflicts: row.claimConflicts,
  } as EnterpriseImportModel;
  return model;
}
