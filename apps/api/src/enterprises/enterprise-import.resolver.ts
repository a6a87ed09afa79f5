import { Args, Context, Field, ID, Int, Mutation, ObjectType, Resolver, registerEnumType } from '@nestjs/graphql';
import { AppError, badInput } from '../../../../libs/platform/src/index.js';
import {
  EnterpriseImporter,
  importFileFormat,
  parseEnterpriseSheet,
  type ImportOutcome,
} from '../../../../libs/enterprises/src/index.js';
import { authorizeKind } from '../../../../libs/identity/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import { EnterpriseImportInput } from './enterprise-import.inputs.js';

const ImportOutcomeEnum = { CREATED: 'CREATED', UPDATED: 'UPDATED', UNCHANGED: 'UNCHANGED' } as const satisfies Record<ImportOutcome, ImportOutcome>;
registerEnumType(ImportOutcomeEnum, {
  name: 'EnterpriseImportOutcome',
  description: '一家企业的导入结果 (what the import did to one enterprise)',
  valuesMap: {
    CREATED: { description: '新建画像（organizationCreated 为 true 时同时新建机构）(profile created, and the organization when organizationCreated)' },
    UPDATED: { description: '画像已更新，写入新版本 (profile changed; a new version was written)' },
    UNCHANGED: { description: '画像与文件一致：未写入，无事件 (already equal to the file: nothing written, no event)' },
  },
});

@ObjectType('EnterpriseImportRejection', { description: '未导入的一行及原因 (a row not imported, and why)' })
export class EnterpriseImportRejectionModel {
  @Field(() => Int, { description: '文件中的行号（从 1 起，含标题行与空行）(row number in the file, 1-based, title and blank rows counted).' }) row: number;
  @Field(() => String, { nullable: true, description: '该行的统一社会信用代码；无法读取时为空 (USCC of the row; null when unreadable)' }) uscc: string | null;
  @Field({ description: '出错的列键（uscc、revenue 等）或 file (column key such as uscc or revenue, or `file`)' }) field: string;
  @Field({ description: '原因（中文）(reason, in Chinese)' }) reason: string;
}

@ObjectType('EnterpriseImportFirm', { description: '已导入的一家企业 (one enterprise imported)' })
export class EnterpriseImportFirmModel {
  @Field({ description: '统一社会信用代码（18 位）(USCC, 18 characters)' }) uscc: string;
  @Field({ description: '企业名称 (enterprise name)' }) name: string;
  @Field(() => ID, { description: '企业所属机构 ID (the enterprise\'s organization)' }) organizationId: string;
  @Field(() => ImportOutcomeEnum, { description: '导入结果 (outcome)' }) outcome: ImportOutcome;
  @Field({ description: '本次导入新建了机构（已审核通过，尚无账号）(the import created the organization: verified, without users yet)' }) organizationCreated: boolean;
  @Field(() => [Int], { description: '该企业所在的行号 (rows of the file for this enterprise)' }) rows: number[];
}

@ObjectType('EnterpriseImportUnknownColumn', { description: '表头中无法识别的一列 (a header cell that matches no import column).' })
export class EnterpriseImportUnknownColumnModel {
  @Field({ description: '列字母，如 M (column letter in the sheet).' }) column: string;
  @Field({ description: '表头文字 (the header text).' }) header: string;
}

@ObjectType('EnterpriseImportReport', { description: '同步导入的结果报告 (report of a synchronous import)' })
export class EnterpriseImportReportModel {
  @Field(() => Int, { description: '读取的数据行数（不含表头与空行）(data rows read, header and blank rows not counted)' }) total: number;
  @Field(() => Int, { description: '新建画像的企业数 (enterprises whose profile was created)' }) created: number;
  @Field(() => Int, { description: '画像已更新的企业数 (enterprises whose profile changed)' }) updated: number;
  @Field(() => Int, { description: '已是最新、未变化的企业数（如重复导入同一文件）(enterprises already up to date)' }) unchanged: number;
  @Field(() => Int, { description: '未导入的行数（去重）(distinct rows not imported)' }) rejectedRows: number;
  @Field(() => [EnterpriseImportRejectionModel], { description: '每个问题一条；被拒企业的每一行都会列出 (one entry per problem; every row of a rejected enterprise is listed)' })
  rejected: EnterpriseImportRejectionModel[];
  @Field(() => [EnterpriseImportFirmModel], { description: '已导入的企业 (enterprises imported)' }) firms: EnterpriseImportFirmModel[];
  @Field(() => Int, {
    description:
      '因统一社会信用代码已被未通过审核的机构自行注册而未导入的企业数（见 rejected 中 field=uscc 的行；机构审核台显示该冲突）' +
      ' (enterprises skipped because an unverified organization claims their USCC; flagged on the verification desk).',
  })
  claimConflicts: number;

  @Field(() => Int, { description: '识别出的表头所在行号（文件中的行，上方的标题行被跳过）(row of the detected header; title rows above it are skipped).' })
  headerRow: number;

  @Field(() => [EnterpriseImportUnknownColumnModel], {
    description: '表头中无法识别的列：其单元格未导入，仅作提示 (header cells that match no column: their cells were ignored, reported for information).',
  })
  unknownColumns: EnterpriseImportUnknownColumnModel[];
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 (standard alphabet, padded); whitespace and a data-URL prefix are tolerated. */
export function decodeBase64(value: string): Buffer {
  const body = value.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (body.length === 0 || !BASE64.test(body)) {
    throw badInput('contentBase64 不是有效的 base64 编码 (contentBase64 is not valid base64)', 'input.contentBase64');
  }
  return Buffer.from(body, 'base64');
}

@Resolver()
export class EnterpriseImportResolver {
  constructor(private readonly importer: EnterpriseImporter) {}

  @Mutation(() => EnterpriseImportReportModel, {
    description:
      '按统一社会信用代码从 .xlsx 或 .csv 培育名单批量新建或更新企业，仅限主管部门；有问题的企业逐行报告并跳过，其余照常导入；重复导入同一文件不产生变化 ' +
      '(AUTHORITY only: bulk upsert of enterprises by USCC from a cultivation list; bad enterprises are reported and skipped; a re-run changes nothing).',
  })
  async importEnterprises(@Args('input', { description: '名单文件 (the list file)' }) input: EnterpriseImportInput, @Context() ctx: RequestContext): Promise<EnterpriseImportReportModel> {
    const actor = ctx.actor;
    authorizeKind(actor, 'importEnterprises');
    importFileFormat(input.filename, 'input.filename');
    const content = decodeBase64(input.contentBase64);
    let sheet;
    try {
      sheet = await parseEnterpriseSheet(content, input.filename);
    } catch (err) {
      if (err instanceof AppError && err.details.field === 'file') throw badInput(err.message, 'input.contentBase64');
      throw err;
    }
    const report = await this.importer.import(sheet.rows, { actorUserId: actor!.userId });
    return { ...report, headerRow: sheet.headerRow, unknownColumns: sheet.unknownColumns };
  }
}
