/**
 * 中小企业划型 (DOMAIN.md §8.6): 《中小企业划型标准规定》（工信部联企业〔2011〕300号）第三条 (the industries)
 * and 第四条 (the ceilings), as data keyed by GB/T 4754-2017 门类/大类/中类 code prefixes.
 *
 * A firm is 中小微型 when ANY listed figure is below its ceiling ("或"). The text pairs "X以下" with
 * "X及以上", so "以下" excludes X here (§8.1): 1000 staff is not "1000人以下".
 */
import { formatValue } from './format.js';

export type SmeSizeField = 'employees' | 'revenue' | 'totalAssets';

export interface SmeSizeClass {
  id: string;
  /** The industry as the text names it. */
  name: string;
  /** Ceilings (persons; whole yuan): a value strictly below any one of them makes the firm an SME. */
  below: Partial<Record<SmeSizeField, number>>;
}

const WAN = 10_000;
const cls = (id: string, name: string, below: SmeSizeClass['below']): SmeSizeClass => ({ id, name, below });

/** 第四条（一）至（十六）, in the text's order. */
export const SME_SIZE_CLASSES = {
  AGRICULTURE: cls('AGRICULTURE', '农、林、牧、渔业', { revenue: 20_000 * WAN }),
  INDUSTRY: cls('INDUSTRY', '工业', { employees: 1000, revenue: 40_000 * WAN }),
  CONSTRUCTION: cls('CONSTRUCTION', '建筑业', { revenue: 80_000 * WAN, totalAssets: 80_000 * WAN }),
  WHOLESALE: cls('WHOLESALE', '批发业', { employees: 200, revenue: 40_000 * WAN }),
  RETAIL: cls('RETAIL', '零售业', { employees: 300, revenue: 20_000 * WAN }),
  TRANSPORT: cls('TRANSPORT', '交通运输业', { employees: 1000, revenue: 30_000 * WAN }),
  WAREHOUSING: cls('WAREHOUSING', '仓储业', { employees: 200, revenue: 30_000 * WAN }),
  POSTAL: cls('POSTAL', '邮政业', { employees: 1000, revenue: 30_000 * WAN }),
  ACCOMMODATION: cls('ACCOMMODATION', '住宿业', { employees: 300, revenue: 10_000 * WAN }),
  CATERING: cls('CATERING', '餐饮业', { employees: 300, revenue: 10_000 * WAN }),
  INFO_TRANSMISSION: cls('INFO_TRANSMISSION', '信息传输业', { employees: 2000, revenue: 100_000 * WAN }),
  SOFTWARE_IT: cls('SOFTWARE_IT', '软件和信息技术服务业', { employees: 300, revenue: 10_000 * WAN }),
  REAL_ESTATE_DEVELOPMENT: cls('REAL_ESTATE_DEVELOPMENT', '房地产开发经营', { revenue: 200_000 * WAN, totalAssets: 10_000 * WAN }),
  PROPERTY_MANAGEMENT: cls('PROPERTY_MANAGEMENT', '物业管理', { employees: 1000, revenue: 5_000 * WAN }),
  LEASING_BUSINESS: cls('LEASING_BUSINESS', '租赁和商务服务业', { employees: 300, totalAssets: 120_000 * WAN }),
  OTHER: cls('OTHER', '其他未列明行业', { employees: 300 }),
} as const satisfies Record<string, SmeSizeClass>;

export type SmeSizeClassId = keyof typeof SME_SIZE_CLASSES;

/**
 * GB/T 4754-2017 code prefix → industry of 第三条. The longest matching prefix wins; a code no
 * prefix names (金融业, 科学研究和技术服务业, 铁路运输业, 房地产业 without its 中类, …) is 其他未列明行业.
 */
export const SME_SIZE_INDUSTRY_KEYS: Readonly<Record<string, SmeSizeClassId>> = {
  A: 'AGRICULTURE',
  // 工业（包括采矿业，制造业，电力、热力、燃气及水生产和供应业）
  B: 'INDUSTRY',
  C: 'INDUSTRY',
  D: 'INDUSTRY',
  E: 'CONSTRUCTION',
  F51: 'WHOLESALE',
  F52: 'RETAIL',
  // 交通运输业（不含铁路运输业 G53）: 道路、水上、航空、管道运输，多式联运和运输代理
  G54: 'TRANSPORT',
  G55: 'TRANSPORT',
  G56: 'TRANSPORT',
  G57: 'TRANSPORT',
  G58: 'TRANSPORT',
  G59: 'WAREHOUSING',
  G60: 'POSTAL',
  H61: 'ACCOMMODATION',
  H62: 'CATERING',
  // 信息传输业（包括电信、互联网和相关服务）
  I63: 'INFO_TRANSMISSION',
  I64: 'INFO_TRANSMISSION',
  I65: 'SOFTWARE_IT',
  K701: 'REAL_ESTATE_DEVELOPMENT',
  K702: 'PROPERTY_MANAGEMENT',
  L: 'LEASING_BUSINESS',
};

/** The 划型 industry of a GB/T 4754 code (C3484, I65, K7010 …); unnamed codes are 其他未列明行业. */
export function smeSizeClassOf(industryCode: string): SmeSizeClass {
  const code = industryCode.trim().toUpperCase();
  for (let n = code.length; n > 0; n--) {
    const id = SME_SIZE_INDUSTRY_KEYS[code.slice(0, n)];
    if (id) return SME_SIZE_CLASSES[id];
  }
  return SME_SIZE_CLASSES.OTHER;
}

const FIELD_TEXT: Record<SmeSizeField, { label: string; show: (v: number) => string }> = {
  employees: { label: '从业人员', show: (v) => `${v}人` },
  revenue: { label: '营业收入', show: (v) => formatValue(v, 'yuan') },
  totalAssets: { label: '资产总额', show: (v) => formatValue(v, 'yuan') },
};

/** "从业人员300人以下或营业收入10,000万元以下" — the ceilings as the text words them. */
export function describeSmeCeilings(c: SmeSizeClass): string {
  return (Object.entries(c.below) as Array<[SmeSizeField, number]>)
    .map(([field, limit]) => `${FIELD_TEXT[field].label}${FIELD_TEXT[field].show(limit)}以下`)
    .join('或');
}

export interface SmeSizeJudgement {
  /** true / false when settled; undefined when a blank figure could still decide it. */
  sme?: boolean;
  /** The figures of the class that are blank and would settle it. */
  blank: SmeSizeField[];
  /** "软件和信息技术服务业：从业人员350人，营业收入12,000万元" */
  detail: string;
}

/**
 * Judges one year's figures against the class: any figure below its ceiling → SME; every figure at
 * or above its ceiling → not an SME; otherwise open while a blank figure could still be below.
 */
export function judgeSmeSize(c: SmeSizeClass, figures: Partial<Record<SmeSizeField, number>>): SmeSizeJudgement {
  const shown: string[] = [];
  const blank: SmeSizeField[] = [];
  let below = false;
  for (const [field, limit] of Object.entries(c.below) as Array<[SmeSizeField, number]>) {
    const v = figures[field];
    if (v === undefined || v === null) {
      blank.push(field);
      continue;
    }
    shown.push(`${FIELD_TEXT[field].label}${FIELD_TEXT[field].show(v)}`);
    if (v < limit) below = true;
  }
  const detail = `${c.name}：${shown.join('，') || '规模数据未填写'}`;
  if (below) return { sme: true, blank: [], detail };
  return blank.length ? { blank, detail } : { sme: false, blank: [], detail };
}
