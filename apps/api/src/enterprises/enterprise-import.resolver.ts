import { Args, Context, Field, ID, InputType, Int, Mutation, ObjectType, Resolver, registerEnumType } from '@nestjs/graphql';
import { AppError, badInput } from '../../../../libs/platform/src/errors/app-error.js';
import {
  EnterpriseImporter,
  importFileFormat,
  parseEnterpriseSheet,
  type ImportOutcome,
} from '../../../../libs/enterprises/src/import/enterprise-import.js';
import { authorize } from '../../../../libs/identity/src/access/authorize.js';
import type { RequestContext } from '../graphql/request-context.js';

@InputType('EnterpriseImportInput')
export class EnterpriseImportInput {
  @Field({ description: 'Name of the uploaded file; its extension (.xlsx or .csv) selects the parser.' })
  filename: string;

  @Field({
    description:
      'The file, base64-encoded (a `data:…;base64,` prefix is allowed). The request body is limited to 1 MB, ' +
      'so the file itself to about 750 KB; split larger lists or use `npm run import:enterprises`.',
  })
  contentBase64: string;
}

const ImportOutcomeEnum = { CREATED: 'CREATED', UPDATED: 'UPDATED', UNCHANGED: 'UNCHANGED' } as const satisfies Record<ImportOutcome, ImportOutcome>;
registerEnumType(ImportOutcomeEnum, {
  name: 'EnterpriseImportOutcome',
  valuesMap: {
    CREATED: { description: 'Profile created (the organization too when organizationCreated).' },
    UPDATED: { description: 'Profile changed; a new version was written.' },
    UNCHANGED: { description: 'Profile already equal to the file: nothing written, no event.' },
  },
});

@ObjectType('EnterpriseImportRejection')
export class EnterpriseImportRejectionModel {
  @Field(() => Int, { description: '文件中的行号（从 1 起，含标题行与空行）(row number in the file, 1-based, title and blank rows counted).' }) row: number;
  @Field(() => String, { nullable: true }) uscc: string | null;
  @Field({ description: 'Column key (uscc, revenue, …) or `file`.' }) field: string;
  @Field() reason: string;
}

@ObjectType('EnterpriseImportFirm')
export class EnterpriseImportFirmModel {
  @Field() uscc: string;
  @Field() name: string;
  @Field(() => ID) organizationId: string;
  @Field(() => ImportOutcomeEnum) outcome: ImportOutcome;
  @Field({ description: 'The import created the organization (verified, without users yet).' }) organizationCreated: boolean;
  @Field(() => [Int]) rows: number[];
}

@ObjectType('EnterpriseImportUnknownColumn', { description: '表头中无法识别的一列 (a header cell that matches no import column).' })
export class EnterpriseImportUnknownColumnModel {
  @Field({ description: '列字母，如 M (column letter in the sheet).' }) column: string;
  @Field({ description: '表头文字 (the header text).' }) header: string;
}

@ObjectType('EnterpriseImportReport')
export class EnterpriseImportReportModel {
  @Field(() => Int, { description: 'Data rows read (header and blank rows not counted).' }) total: number;
  @Field(() => Int, { description: 'Enterprises whose profile was created.' }) created: number;
  @Field(() => Int, { description: 'Enterprises whose profile changed.' }) updated: number;
  @Field(() => Int, { description: 'Enterprises already up to date (a re-run of the same file).' }) unchanged: number;
  @Field(() => Int, { description: 'Distinct rows not imported.' }) rejectedRows: number;
  @Field(() => [EnterpriseImportRejectionModel], { description: 'One entry per problem; every row of a rejected enterprise is listed.' })
  rejected: EnterpriseImportRejectionModel[];
  @Field(() => [EnterpriseImportFirmModel]) firms: EnterpriseImportFirmModel[];
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
      'AUTHORITY only: bulk upsert of enterprises by USCC from an .xlsx or .csv cultivation list (column layout in the README). ' +
      'Bad enterprises are reported row by row and skipped; good ones are kept. Re-running the same file changes nothing.',
  })
  async importEnterprises(@Args('input') input: EnterpriseImportInput, @Context() ctx: RequestContext): Promise<EnterpriseImportReportModel> {
    const actor = ctx.actor;
    authorize(actor, 'importEnterprises');
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
