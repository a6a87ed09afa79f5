/**
 * Provincial 特色化 indicators (专精特新 2022 评分表 indicator 9, 15 points) as data, DOMAIN.md §8.5.
 * 《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件2 leaves these to each province's 中小企业
 * 主管部门. Zhejiang's set is not known, so none ships: without a configured set the 15 points are
 * UNKNOWN (never 0) and the verdict is UNDETERMINED wherever they could change it.
 */
import type { EnterpriseFacts } from './tier-types.js';

export interface ProvincialIndicatorSet {
  /** 2-digit province code (GB/T 2260), e.g. "33" for 浙江省. */
  province: string;
  /** The province's document, cited in the criterion's note (文号 and article). */
  source: string;
  /** Points 0–15, or undefined when the firm's facts cannot settle them. */
  points(facts: EnterpriseFacts): number | undefined;
}

/** Shipped sets by province code. Empty: no province's indicators are known (Zhejiang's included). */
export const PROVINCIAL_INDICATOR_SETS: Readonly<Record<string, ProvincialIndicatorSet>> = {};

/** Note on the 特色化 criterion when no set is configured. */
export const UNKNOWN_LOCAL_INDICATOR_NOTE =
  '特色化指标（15分）由省级中小企业主管部门确定（工信部企业〔2022〕63号附件2 第9项）；浙江省的特色化指标尚未配置，按"未知"处理而非0分：这15分可能改变结论时判定为"待定"';
