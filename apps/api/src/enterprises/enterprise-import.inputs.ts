import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { MONEY_UNITS, type MoneyUnit } from '../../../../libs/enterprises/src/index.js';

@InputType('EnterpriseImportInput', { description: '同步导入的企业名单文件 (an enterprise list file for the synchronous import)' })
export class EnterpriseImportInput {
  @Field({ description: '上传文件名，扩展名（.xlsx 或 .csv）决定解析方式 (file name; its extension, .xlsx or .csv, selects the parser)' })
  filename: string;

  @Field({
    description:
      '文件内容，base64 编码（可带 data:…;base64, 前缀）。请求体上限 1 MB，文件本身约 750 KB；更大的名单请拆分或使用异步导入 ' +
      '(the file, base64-encoded; the request body is limited to 1 MB, so the file to about 750 KB; split larger lists or use `npm run import:enterprises`).',
  })
  contentBase64: string;
}

const MoneyUnitEnum = { YUAN: 'YUAN', TEN_THOUSAND_YUAN: 'TEN_THOUSAND_YUAN' } as const satisfies Record<MoneyUnit, MoneyUnit>;
registerEnumType(MoneyUnitEnum, {
  name: 'EnterpriseImportMoneyUnit',
  description: '金额列的单位，导入时一律换算为元 (the unit of a money column; amounts are stored in 元)',
  valuesMap: {
    YUAN: { description: `${MONEY_UNITS.YUAN.zh}（整数）(yuan, whole numbers)` },
    TEN_THOUSAND_YUAN: { description: `${MONEY_UNITS.TEN_THOUSAND_YUAN.zh}（最多 4 位小数，×10000 换算为元）(10,000 yuan, at most 4 decimals)` },
  },
});

@InputType('EnterpriseImportColumnMappingInput', { description: '列映射的一项：某列对应哪个字段、或忽略它，以及金额列的单位 (one column of a mapping)' })
export class EnterpriseImportColumnMappingInput {
  @Field({ description: '文件中的列字母，如 C；须在表头所在行的范围内 (column letter in the file, e.g. C)' }) column: string;
  @Field(() => String, {
    nullable: true,
    description: '该列对应的导入字段：列键（如 uscc、revenue）或其中文列名（如 统一社会信用代码）；不填则保留识别结果 (the field it feeds: a column key or its Chinese header; omitted: keep the detected one)',
  })
  field?: string | null;
  @Field(() => Boolean, { nullable: true, description: '为 true 时不导入该列 (true: the column is not imported)' }) ignore?: boolean | null;
  @Field(() => MoneyUnitEnum, { nullable: true, description: '金额列的单位，覆盖从表头识别的单位 (money columns: their unit, overriding the header)' }) unit?: MoneyUnit | null;
}

@InputType('EnterpriseImportMappingInput', { description: '确认时更正的列映射：只列出要改的列，其余保留识别结果 (a corrected mapping at confirm: only the columns to change)' })
export class EnterpriseImportMappingInput {
  @Field(() => [EnterpriseImportColumnMappingInput], { description: '要更正的列，1–100 项 (columns to change, 1–100)' }) columns: EnterpriseImportColumnMappingInput[];
}
