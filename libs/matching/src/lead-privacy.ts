import type { Reason } from './core/match-types.js';
import type { ProfileSection } from '../../enterprises/src/index.js';

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

/** The consent section each figure-quoting reason reads (ADR 0035): its figures show only when the consent covers it. */
export const REASON_SECTIONS: Readonly<Record<string, ProfileSection>> = {
  'CREDIT.MARGIN.REVENUE': 'FINANCIALS',
  'CREDIT.MARGIN.DEBT': 'FINANCIALS',
  'CREDIT.MARGIN.PATENTS': 'IP',
  'CREDIT.AMOUNT_FIT': 'NEEDS',
  'CREDIT.TERM_FIT': 'NEEDS',
  'CREDIT.PRODUCT_TYPE_FIT': 'FINANCIALS',
  'SERVICE.TIER_GAP': 'TIER_ASSESSMENTS',
};

const WITHHELD = '（具体数据经企业授权后可见 / figures shown once the enterprise shares its profile）';

/**
 * A reason as a stored notice may name it: a figure-quoting reason by its topic (营业收入与产品准入门槛),
 * every other by its label. Notices and mails are kept and copied; the figures stay in the live
 * recommendation, which the firm's members read with their own access (data-protection e2e).
 */
export function figureFreeLabel(r: Pick<Reason, 'code' | 'label'>): string {
  return PROFILE_FIGURES[r.code] ?? r.label;
}

/** The reasons a listing owner may see for a firm that has not shared its profile with it: same codes and contributions, figure-free labels. */
export function reasonsWithoutProfile(reasons: readonly Reason[]): Reason[] {
  return reasons.map((r) => {
    const topic = PROFILE_FIGURES[r.code];
    return topic ? { ...r, label: `${topic}${WITHHELD}` } : r;
  });
}

/**
 * The reasons an owner sees under a consent of scope `granted`: figures of the sections granted, a
 * figure-free label for the others; and the sections whose figures it saw (for the access log).
 */
export function reasonsWithin(reasons: readonly Reason[], granted: readonly ProfileSection[]): { reasons: Reason[]; read: ProfileSection[] } {
  const read = new Set<ProfileSection>();
  const out = reasons.map((r) => {
    const section = REASON_SECTIONS[r.code];
    if (!section) return r;
    if (granted.includes(section)) {
      read.add(section);
      return r;
    }
    return reasonsWithoutProfile([r])[0]!;
  });
  return { reasons: out, read: [...read] };
}
