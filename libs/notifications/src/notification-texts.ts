/**
 * Texts of notifications whose wording depends on the recipient or on what changed. Pure, so
 * every case is unit-tested; the handlers read rows and pick the recipient.
 */
import type { OrganizationKind } from '../../identity/src/index.js';
import type { ListingKind } from '../../listings/src/index.js';
import type { ChallengeTermsChangedData } from '../../platform/src/index.js';

export interface NoticeText {
  title: string;
  body: string;
}

/** Whole yuan with thousands separators: 5000000 → "5,000,000 元". */
export const yuan = (n: number): string => `${n.toLocaleString('zh-CN')} 元`;

/** A calendar date "2026-12-31" → "2026年12月31日"; null → "未设定". */
export function chineseDate(date: string | null): string {
  if (!date) return '未设定';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** What a listing is called in a sentence, by kind. */
export const LISTING_NOUN: Record<ListingKind, string> = {
  SERVICE_OFFERING: '服务产品',
  CREDIT_PRODUCT: '金融产品',
  CHALLENGE: '揭榜榜单',
  PARK_VACANCY: '园区房源',
};

/** What a verified organization can now do, in the words of its kind. */
const AFTER_VERIFICATION: Record<OrganizationKind, string> = {
  ENTERPRISE: '贵企业的机构信息已获认证。请完善企业档案，以获得更准确的服务与金融产品推荐，并可申请对接、参与揭榜。',
  SERVICE_PROVIDER: '现在可以发布服务产品，并接收企业的对接申请。',
  BANK: '现在可以发布金融产品，并接收企业的融资对接申请。',
  ANCHOR_ENTERPRISE: '现在可以发布揭榜榜单，并评审企业的揭榜申请。',
  PARK_OPERATOR: '现在可以发布园区房源，并接收企业的入驻咨询。',
  AUTHORITY: '',
};

/** The notice to an organization that the AUTHORITY verified it, in the words of its kind. */
export function verifiedNotice(kind: OrganizationKind): NoticeText {
  return { title: '机构审核已通过', body: `您的机构已通过主管部门审核。${AFTER_VERIFICATION[kind]}`.trimEnd() };
}

/** The notice to a listing's owner that the AUTHORITY took it down (下架). */
export function takedownNotice(listing: { kind: ListingKind; title: string }, reason: string | null): NoticeText {
  const noun = LISTING_NOUN[listing.kind];
  return {
    title: `${noun}已被主管部门下架：${listing.title}`,
    body:
      `您发布的${noun}「${listing.title}」已被主管部门下架，不再对外展示和接受新的申请。` +
      (reason ? `\n下架原因：${reason}` : '') +
      '\n下架期间不能自行重新发布；可按要求修改后提出申诉，由主管部门审核后恢复。',
  };
}

/** The AUTHORITY's own record of a takedown it made (下架), with its reason. */
export function takedownRecordNotice(listing: { kind: ListingKind; title: string }, owner: string, reason: string | null): NoticeText {
  const noun = LISTING_NOUN[listing.kind];
  return {
    title: `已下架${noun}：${listing.title}`,
    body: `「${owner}」发布的${noun}「${listing.title}」已下架。` + (reason ? `\n下架原因：${reason}` : '') + '\n发布方可提出申诉，申诉将出现在下架申诉台账中。',
  };
}

/** Both sides' notices of an owner's appeal (申诉) against a takedown: the AUTHORITY's desk, and the owner's receipt. */
export function takedownAppealNotices(
  listing: { kind: ListingKind; title: string },
  owner: string,
  reason: string | null,
  message: string,
): { authority: NoticeText; owner: NoticeText } {
  const noun = LISTING_NOUN[listing.kind];
  const why = reason ? `\n下架原因：${reason}` : '';
  return {
    authority: {
      title: `下架申诉待处理：${listing.title}`,
      body: `「${owner}」对其${noun}「${listing.title}」的下架提出申诉。${why}\n申诉说明：${message}\n请在下架申诉台账中审核，决定是否恢复。`,
    },
    owner: {
      title: `申诉已提交：${listing.title}`,
      body: `您对${noun}「${listing.title}」下架的申诉已提交主管部门。${why}\n申诉说明：${message}\n主管部门恢复后您会收到通知。`,
    },
  };
}

/** Both sides' notices of a reinstatement: republished, or cleared for the owner to re-publish. */
export function reinstatedNotices(
  listing: { kind: ListingKind; title: string },
  owner: string,
  reason: string | null,
  note: string,
  republished: boolean,
): { authority: NoticeText; owner: NoticeText } {
  const noun = LISTING_NOUN[listing.kind];
  const why = reason ? `\n原下架原因：${reason}` : '';
  const effect = republished ? '已恢复发布，重新对外展示。' : '下架已解除，信息仍为关闭状态：请修改后自行重新发布。';
  return {
    owner: { title: `${noun}已恢复：${listing.title}`, body: `主管部门已解除对您的${noun}「${listing.title}」的下架，${effect}${why}\n恢复说明：${note}` },
    authority: { title: `已恢复${noun}：${listing.title}`, body: `「${owner}」的${noun}「${listing.title}」${effect}${why}\n恢复说明：${note}` },
  };
}

/** The notice to a live applicant that the challenge it applied to was closed. */
export function challengeClosedNotice(title: string, byAuthority: boolean): NoticeText {
  return {
    title: `揭榜榜单已关闭：${title}`,
    body: byAuthority
      ? `您揭榜的榜单「${title}」已被主管部门下架，榜单不再接受申请，您的揭榜申请不会再被评审。`
      : `发榜企业已关闭您揭榜的榜单「${title}」，榜单不再接受新的申请。已入围或已接受的申请，请与发榜企业联系确认后续安排。`,
  };
}

const indicatorList = (items: readonly string[]): string => (items.length ? items.map((i) => `「${i}」`).join('') : '未设定');

/**
 * The notice to an applicant that its open 揭榜 application ended because the challenge was closed
 * (CLOSED_BY_OWNER): by its owner, or taken down by the AUTHORITY (whose reason is the owner's business).
 */
export function applicationClosedNotice(title: string, byAuthority: boolean): NoticeText {
  return {
    title: `揭榜榜单已关闭：${title}`,
    body: byAuthority
      ? `您揭榜的榜单「${title}」已被主管部门下架，您的揭榜申请随之结束（已随榜单关闭），不会再被评审。`
      : `发榜企业已关闭您揭榜的榜单「${title}」，您的揭榜申请随之结束（已随榜单关闭），不会再被评审。如该榜单重新发布，可再次揭榜。`,
  };
}

/** One line per changed term, old → new; empty when nothing an applicant relies on changed. */
export function challengeChangeLines(changes: ChallengeTermsChangedData['changes']): string[] {
  const lines: string[] = [];
  if (changes.budget) lines.push(`榜单金额：${yuan(changes.budget.from)} → ${yuan(changes.budget.to)}`);
  if (changes.applyBy) lines.push(`揭榜截止日期：${chineseDate(changes.applyBy.from)} → ${chineseDate(changes.applyBy.to)}`);
  if (changes.completionDeadline) lines.push(`完成期限：${chineseDate(changes.completionDeadline.from)} → ${chineseDate(changes.completionDeadline.to)}`);
  if (changes.indicators) lines.push(`量化指标：${indicatorList(changes.indicators.from)} → ${indicatorList(changes.indicators.to)}`);
  return lines;
}

/** The notice to a live applicant that the challenge's budget or deadlines changed; null when nothing did. */
export function challengeTermsChangedNotice(title: string, changes: ChallengeTermsChangedData['changes']): NoticeText | null {
  const lines = challengeChangeLines(changes);
  if (lines.length === 0) return null;
  return {
    title: `揭榜榜单条件变更：${title}`,
    body: `发榜企业修改了您揭榜的榜单「${title}」：\n${lines.join('\n')}\n如需据此调整揭榜方案或报价，请与发榜企业沟通。`,
  };
}

/** The notice to an enterprise that the AUTHORITY confirmed its title or rejected its claim (DOMAIN.md §8.10). */
export function titleDecisionNotice(d: {
  outcome: 'CONFIRMED' | 'REJECTED';
  tierName: string;
  certifiedOn: string | null;
  claimedTierName: string | null;
  reason: string | null;
}): NoticeText {
  const dated = d.certifiedOn ? `（认定日期${chineseDate(d.certifiedOn)}）` : '';
  if (d.outcome === 'CONFIRMED') {
    const corrected = d.claimedTierName && d.claimedTierName !== d.tierName ? `\n贵企业自报的称号为“${d.claimedTierName}”，以主管部门确认的称号为准。` : '';
    return {
      title: `称号已获主管部门确认：${d.tierName}`,
      body:
        `主管部门已确认贵企业的称号“${d.tierName}”${dated}。该称号现计入主管部门统计，并用于金融产品准入和揭榜偏好。${corrected}` +
        '\n如企业档案中的称号或认定日期再有变更，须重新经主管部门确认。',
    };
  }
  return {
    title: `自报称号未获确认：${d.tierName}`,
    body:
      `贵企业在企业档案中自报的称号“${d.tierName}”${dated}未获主管部门确认。\n原因：${d.reason ?? ''}\n` +
      '该称号不计入统计、金融产品准入和揭榜偏好，也不再用于本企业的梯度自评。如有误，请核对认定文件后在企业档案中更正称号或认定日期，更正后将重新提交主管部门确认。',
  };
}
