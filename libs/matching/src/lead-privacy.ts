import type { Reason } from './core/match-types.js';

/**
 * Reasons whose labels quote the enterprise's own figures (revenue, debt ratio, financing need,
 * equity financing, R&D staff, patents, unmet tier criteria), by what they are about. A listing
 * owner sees a lead's reasons; the figures in them are profile data, which it may read only once
 * the firm shares its profile through a match request.
 */
const PROFILE_FIGURES: Readonly<Record<string, string>> = {
  'CREDIT.MARGIN.REVENUE': '营业收入与产品准入门槛',
  'CREDIT.MARGIN.DEBT': '资产负债率与产品上限',
  'CREDIT.MARGIN.PATENTS': '发明专利与产品准入门槛',
  'CREDIT.AMOUNT_FIT': '融资需求金额与产品额度',
  'CREDIT.TERM_FIT': '融资期限与产品期限',
  'CREDIT.PRODUCT_TYPE_FIT': '企业情况与产品类型',
  'SERVICE.TIER_GAP': '企业梯度认定差距与服务类别',
};

const WITHHELD = '（具体数据经企业授权后可见 / figures shown once the enterprise shares its profile）';

/** The reasons a listing owner may see for a firm that has not shared its profile with it: same codes and contributions, figure-free labels. */
export function reasonsWithoutProfile(reasons: readonly Reason[]): Reason[] {
  return reasons.map((r) => {
    const topic = PROFILE_FIGURES[r.code];
    return topic ? { ...r, label: `${topic}${WITHHELD}` } : r;
  });
}
