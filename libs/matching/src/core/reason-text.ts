/**
 * How reasons name things and figures: tiers, service categories, regions and industries by name
 * (never by code: 330281 → 余姚市, C3484 → 通用设备制造业), amounts in 万元, fractions in %.
 * Labels are built only when a result is explained.
 */
import { RETIRED_REGION_CODES, industryName, regionName } from '../../../codes/src/index.js';

export const TIER_LABELS: Readonly<Record<string, string>> = {
  NONE: '无梯度',
  INNOVATIVE_SME: '创新型中小企业',
  SPECIALIZED_SME: '专精特新中小企业',
  LITTLE_GIANT: '专精特新“小巨人”',
  KEY_LITTLE_GIANT: '重点“小巨人”',
};

export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  TECH_INNOVATION: '技术创新',
  INTELLECTUAL_PROPERTY: '知识产权',
  DIGITAL_TRANSFORMATION: '数字化转型',
  GREEN_LOW_CARBON: '绿色低碳',
  FINANCING_ADVISORY: '融资服务',
  MARKET_EXPANSION: '市场开拓',
  MANAGEMENT_CONSULTING: '管理咨询',
  INDUSTRY_MATCHING: '产业对接',
  TALENT_TRAINING: '人才培训',
  LEGAL_TAX: '法律财税',
  TESTING_CERTIFICATION: '检验检测认证',
  POLICY_APPLICATION: '政策申报',
};

export const tierName = (t: string): string => TIER_LABELS[t] ?? t;
export const categoryName = (c: string): string => CATEGORY_LABELS[c] ?? c;
/** Up to 2 decimals, trailing zeros trimmed. */
export const num = (n: number, decimals = 2): string => String(Number(n.toFixed(decimals)));
export const wan = (yuan: number): string => num(yuan / 10_000);
export const pct = (fraction: number): string => `${num(fraction * 100, 1)}%`;
export const list = (xs: readonly string[]): string => (xs.length ? xs.join('、') : '无');

/** Both tables are pure data modules (identity regions, enterprises industry codes) with no imports. */
export const placeName = (code: string): string => regionName(code) ?? RETIRED_REGION_CODES.get(code)?.name ?? '未收录的地区';
export const industryLabel = (code: string): string => industryName(code.trim().toUpperCase()) ?? '未收录的行业';
/** Names of a code list, each name once, in order. */
export const names = (codes: readonly string[], name: (c: string) => string): string => list([...new Set(codes.map(name))]);
