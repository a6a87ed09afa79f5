/**
 * The column dictionary of the enterprise import: every column's key, its Chinese header and the
 * other headers bureau sheets use for it (data, not code: the README table is written from it),
 * and the recognition of one header cell — key, synonym, unit in brackets.
 */

export type ImportColumnKey =
  | 'uscc'
  | 'name'
  | 'regionCode'
  | 'industryCode'
  | 'tier'
  | 'tierCertifiedOn'
  | 'foundedOn'
  | 'mainBusinessSince'
  | 'mainProducts'
  | 'capabilities'
  | 'inventionPatents'
  | 'utilityModels'
  | 'designPatents'
  | 'softwareCopyrights'
  | 'trademarks'
  | 'year'
  | 'revenue'
  | 'mainBusinessRevenue'
  | 'rdExpense'
  | 'netProfit'
  | 'totalAssets'
  | 'totalLiabilities'
  | 'employees'
  | 'rdEmployees'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail';

export interface ImportColumn {
  key: ImportColumnKey;
  /** The Chinese header accepted instead of the key. */
  zh: string;
  /** profile: read from an enterprise's first row; year: one value per row (financial year). */
  scope: 'profile' | 'year';
  kind: 'text' | 'date' | 'money' | 'count' | 'year' | 'tier' | 'list';
  required: boolean;
  /** Other headers bureau sheets use for the same column (synonyms). */
  aliases?: readonly string[];
}

/** The column layout, in the order of the sample file and the README table. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'uscc', zh: '统一社会信用代码', scope: 'profile', kind: 'text', required: true, aliases: ['信用代码', '社会信用代码', '统一信用代码', '企业信用代码'] },
  { key: 'name', zh: '企业名称', scope: 'profile', kind: 'text', required: true, aliases: ['单位名称', '公司名称', '企业全称', '单位全称'] },
  { key: 'regionCode', zh: '行政区划代码', scope: 'profile', kind: 'text', required: true, aliases: ['所属地区', '所属地区代码', '行政区划', '区划代码', '地区代码'] },
  { key: 'industryCode', zh: '行业代码', scope: 'profile', kind: 'text', required: true, aliases: ['所属行业', '所属行业代码', '国民经济行业代码', '行业分类代码'] },
  { key: 'tier', zh: '梯度', scope: 'profile', kind: 'tier', required: false, aliases: ['企业梯度', '梯度层级', '认定类型', '培育层级'] },
  { key: 'tierCertifiedOn', zh: '认定日期', scope: 'profile', kind: 'date', required: false, aliases: ['认定时间'] },
  { key: 'foundedOn', zh: '成立日期', scope: 'profile', kind: 'date', required: true, aliases: ['成立时间', '注册日期', '注册时间'] },
  { key: 'mainBusinessSince', zh: '主营起始日期', scope: 'profile', kind: 'date', required: true, aliases: ['主营业务起始日期', '从事主营业务起始日期', '主营业务起始时间'] },
  { key: 'mainProducts', zh: '主导产品', scope: 'profile', kind: 'list', required: false, aliases: ['主导产品名称', '主要产品'] },
  { key: 'capabilities', zh: '核心技术', scope: 'profile', kind: 'text', required: false, aliases: ['核心技术能力', '关键核心技术'] },
  { key: 'inventionPatents', zh: '发明专利', scope: 'profile', kind: 'count', required: false, aliases: ['发明专利数', '有效发明专利', '有效发明专利数'] },
  { key: 'utilityModels', zh: '实用新型', scope: 'profile', kind: 'count', required: false, aliases: ['实用新型专利', '实用新型专利数'] },
  { key: 'designPatents', zh: '外观设计', scope: 'profile', kind: 'count', required: false, aliases: ['外观设计专利', '外观设计专利数'] },
  { key: 'softwareCopyrights', zh: '软件著作权', scope: 'profile', kind: 'count', required: false, aliases: ['软件著作权数', '软著'] },
  { key: 'trademarks', zh: '商标', scope: 'profile', kind: 'count', required: false, aliases: ['商标数', '注册商标'] },
  { key: 'year', zh: '年度', scope: 'year', kind: 'year', required: false, aliases: ['年份', '财务年度', '数据年度'] },
  { key: 'revenue', zh: '营业收入', scope: 'year', kind: 'money', required: false, aliases: ['营业总收入', '营业收入总额'] },
  { key: 'mainBusinessRevenue', zh: '主营业务收入', scope: 'year', kind: 'money', required: false, aliases: ['主营收入'] },
  { key: 'rdExpense', zh: '研发费用', scope: 'year', kind: 'money', required: false, aliases: ['研发投入', '研发经费', '研发费用总额'] },
  { key: 'netProfit', zh: '净利润', scope: 'year', kind: 'money', required: false },
  { key: 'totalAssets', zh: '资产总额', scope: 'year', kind: 'money', required: false, aliases: ['总资产'] },
  { key: 'totalLiabilities', zh: '负债总额', scope: 'year', kind: 'money', required: false, aliases: ['总负债'] },
  { key: 'employees', zh: '从业人数', scope: 'year', kind: 'count', required: false, aliases: ['从业人员', '从业人员数', '职工人数', '员工人数'] },
  { key: 'rdEmployees', zh: '研发人数', scope: 'year', kind: 'count', required: false, aliases: ['研发人员', '研发人员数'] },
  // The firm's contact (organizations.contact_*): where the AUTHORITY's activation invitation goes.
  { key: 'contactName', zh: '联系人', scope: 'profile', kind: 'text', required: false, aliases: ['联系人姓名'] },
  { key: 'contactPhone', zh: '联系电话', scope: 'profile', kind: 'text', required: false, aliases: ['联系方式', '手机', '手机号码', '电话'] },
  { key: 'contactEmail', zh: '邮箱', scope: 'profile', kind: 'text', required: false, aliases: ['联系邮箱', '电子邮箱', '电子邮件', 'email'] },
];

export const COLUMN_BY_KEY: ReadonlyMap<ImportColumnKey, ImportColumn> = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));

/** Headers of bookkeeping columns spreadsheets often carry; their cells are ignored and not reported. */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set(['#', 'no', 'no.', '序号', '编号', '备注', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments']);

/** Units a money column's header may name; the factor turns one unit into 元. */
export const MONEY_UNITS = {
  YUAN: { zh: '元', decimals: 0 },
  TEN_THOUSAND_YUAN: { zh: '万元', decimals: 4 },
} as const;
export type MoneyUnit = keyof typeof MONEY_UNITS;

const UNIT_WORDS: Record<string, MoneyUnit> = { 元: 'YUAN', 人民币元: 'YUAN', rmb: 'YUAN', cny: 'YUAN', yuan: 'YUAN', 万元: 'TEN_THOUSAND_YUAN', 万: 'TEN_THOUSAND_YUAN', 人民币万元: 'TEN_THOUSAND_YUAN' };

const BY_TEXT: ReadonlyMap<string, ImportColumnKey> = (() => {
  const m = new Map<string, ImportColumnKey>();
  for (const c of IMPORT_COLUMNS) {
    for (const text of [c.key, c.zh, ...(c.aliases ?? [])]) m.set(text.toLowerCase(), c.key);
  }
  return m;
})();

export type HeaderRecognition =
  | { kind: 'column'; key: ImportColumnKey; unit?: string; moneyUnit?: MoneyUnit }
  | { kind: 'ignored' }
  | { kind: 'unknown' }
  /** A money column whose unit is neither 元 nor 万元 (e.g. 亿元, 美元). */
  | { kind: 'badUnit'; key: ImportColumnKey; unit: string };

/**
 * One header cell → its column. Spaces and a required-marker `*` are ignored; the English key matches
 * in any case; a trailing unit in brackets ("营业收入（万元）", "营业收入(单位：万元)") or after a slash
 * ("营业收入/万元") is split off; money columns take their unit from it (元 when none).
 */
export function recognizeHeader(header: string): HeaderRecognition {
  const { base, unit } = splitHeader(header);
  if (base === '' || IGNORED_HEADERS.has(base)) return { kind: 'ignored' };
  const key = BY_TEXT.get(base);
  if (!key) return { kind: 'unknown' };
  if (COLUMN_BY_KEY.get(key)!.kind !== 'money') return unit ? { kind: 'column', key, unit } : { kind: 'column', key };
  if (unit === undefined || unit === '') return { kind: 'column', key, moneyUnit: 'YUAN' };
  const moneyUnit = UNIT_WORDS[unit.toLowerCase()];
  return moneyUnit ? { kind: 'column', key, unit, moneyUnit } : { kind: 'badUnit', key, unit };
}

/** A header cell without spaces and `*`, lower-cased, and the unit in its trailing brackets or after a slash. */
function splitHeader(header: string): { base: string; unit: string | undefined } {
  const compact = header.replace(/[\s\u3000*＊]+/g, '');
  const m = /^(.*?)(?:[(（[【]([^()（）[\]【】]*)[)）\]】]|[/／]([^/／]+))$/.exec(compact);
  return { base: (m ? m[1]! : compact).toLowerCase(), unit: m ? (m[2] ?? m[3])!.replace(/^单位[:：]?/, '') : undefined };
}

/** The unit text a header names in trailing brackets or after a slash (营业额（亿元） → 亿元), whatever it is; undefined when none. */
export function headerUnitWord(header: string): string | undefined {
  return splitHeader(header).unit || undefined;
}

/** The money unit a header names (营业额（万元） → 万元), whatever its column; undefined when it names none or another. */
export function headerMoneyUnit(header: string): MoneyUnit | undefined {
  const { unit } = splitHeader(header);
  return unit ? UNIT_WORDS[unit.toLowerCase()] : undefined;
}

/** A field a mapping names: its key (`revenue`, any case) or its Chinese header (营业收入); undefined when none. */
export function fieldOf(name: string): ImportColumnKey | undefined {
  const text = name.trim();
  const byKey = IMPORT_COLUMNS.find((c) => c.key.toLowerCase() === text.toLowerCase() || c.zh === text);
  return byKey?.key;
}

/** How many rows (non-empty, from the top) are searched for the header row. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The index (among `rows`) of the header row: of the first {@link HEADER_SEARCH_ROWS} rows, the one
 * with the most recognised column headers; the first such on a tie; -1 when none has any.
 */
export function findHeaderRow(rows: ReadonlyArray<readonly string[]>): number {
  let best = -1;
  let bestCount = 0;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, i) => {
    const keys = new Set<ImportColumnKey>();
    for (const c of cells) {
      const r = recognizeHeader(c);
      if (r.kind === 'column' || r.kind === 'badUnit') keys.add(r.key);
    }
    if (keys.size > bestCount) {
      best = i;
      bestCount = keys.size;
    }
  });
  return best;
}
