/**
 * Notices for re-review (复核) decisions of the AUTHORITY (DOMAIN.md §8.2). Pure: the notifier reads
 * the mark and the firm's title and calls these.
 */
import { tierExpiresOn } from '../../tiers/src/index.js';

const TIER_NAMES: Readonly<Record<string, string>> = {
  INNOVATIVE_SME: '创新型中小企业',
  SPECIALIZED_SME: '专精特新中小企业',
  LITTLE_GIANT: '专精特新"小巨人"企业',
  KEY_LITTLE_GIANT: '重点"小巨人"企业',
};

export interface TitleReviewNoticeInput {
  action: 'PENDING_RECORDED' | 'PENDING_CLEARED';
  /** PENDING_RECORDED: the last day (inclusive) the title stays in force. */
  pendingUntil: string | null;
  document: string | null;
  tier: string;
  certifiedOn: string;
  /** Today (Beijing), yyyy-mm-dd. */
  today: string;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Title and body of the notice to one firm. */
export function titleReviewNotice(n: TitleReviewNoticeInput): { title: string; body: string } {
  const name = TIER_NAMES[n.tier] ?? '已认定';
  const expiresOn = tierExpiresOn(n.certifiedOn);
  const basis = n.document ? `\n依据：${n.document}` : '';
  if (n.action === 'PENDING_RECORDED') {
    return {
      title: `${name}称号复核中，有效至${n.pendingUntil}`,
      body:
        `主管部门已登记贵企业的${name}称号（${n.certifiedOn}认定）复核待定，截止${n.pendingUntil}。` +
        `称号认定满3年于${expiresOn}届满后，至${n.pendingUntil}（含当日）仍按有效计：计入认定统计，可作为申报的前置条件和金融产品的准入条件。` +
        `复核通过后请更新认定日期；截止日后仍未更新的，称号按失效处理。${basis}`,
    };
  }
  const expired = n.today >= expiresOn;
  return {
    title: `${name}称号复核待定登记已撤销`,
    body:
      `主管部门已撤销贵企业${name}称号（${n.certifiedOn}认定）的复核待定登记。` +
      (expired
        ? `称号认定满3年已于${expiresOn}届满，自即日起按失效处理，不再计入认定统计、申报前置条件和金融产品准入；如已通过复核，请更新认定日期。`
        : `称号仍在有效期内，有效期至${dayBefore(expiresOn)}。`) +
      basis,
  };
}
