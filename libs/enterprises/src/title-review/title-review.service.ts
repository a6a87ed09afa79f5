import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, parseId, OutboxEventEntity, recordEvent, todayInShanghai } from '../../../platform/src/index.js';
import { authorizeKind } from '../../../identity/src/index.js';
import type { Actor } from '../../../identity/src/index.js';
import { addMonthsClamped, tierExpiresOn } from '../../../tiers/src/index.js';
import type { EnterpriseTier } from '../enterprise-tier.js';
import { isCalendarDate } from '../profile-input.js';
import { TitleReviewMarkEntity, type TitleReviewAction } from './title-review-mark.entity.js';

/** One decision changes at most this many firms (a list, or a batch that matches more is refused). */
export const MAX_TITLE_REVIEW_FIRMS = 1_000;
/** A re-review is recorded as pending for at most this many months ahead. */
export const MAX_PENDING_MONTHS = 12;
const MAX_DOCUMENT_LENGTH = 100;

/** Which titles: a list of firms, or a batch (every title of `tier` certified on `certifiedOn`). */
export interface TitleReviewSelection {
  organizationIds?: string[] | null;
  tier?: EnterpriseTier | null;
  certifiedOn?: string | null;
  /** The document behind the decision (文号), optional. */
  document?: string | null;
}

export interface RecordPendingCommand extends TitleReviewSelection {
  pendingUntil: string;
}

type Selected = { kind: 'ids'; ids: string[] } | { kind: 'batch'; tier: EnterpriseTier; certifiedOn: string };

interface TitleRow {
  organization_id: string;
  tier: EnterpriseTier;
  tier_certified_on: string | null;
  tier_review_pending_until: string | null;
}

const TIER_NAMES: Record<EnterpriseTier, string> = {
  NONE: '无称号',
  INNOVATIVE_SME: '创新型中小企业',
  SPECIALIZED_SME: '专精特新中小企业',
  LITTLE_GIANT: '专精特新"小巨人"企业',
  KEY_LITTLE_GIANT: '重点"小巨人"企业',
};

/** yyyy-mm-dd of a GraphQL `Date` (graphql-scalars hands a JS Date at UTC midnight) or of a string. */
const dayOf = (v: unknown): string => (v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)) : String(v));

/** Validates the selection (pure); `path` prefixes the field names of errors. */
export function parseSelection(input: TitleReviewSelection, path = 'input'): Selected {
  const ids = input.organizationIds ?? null;
  const batch = input.tier != null || input.certifiedOn != null;
  if (ids !== null && batch) throw badInput('企业名单（organizationIds）与批次（tier、certifiedOn）只能二选一 (give either organizationIds or tier with certifiedOn)', `${path}.organizationIds`);
  if (ids !== null) {
    if (ids.length === 0) throw badInput('企业名单不能为空 (organizationIds is empty)', `${path}.organizationIds`);
    if (ids.length > MAX_TITLE_REVIEW_FIRMS) throw badInput(`企业名单最多 ${MAX_TITLE_REVIEW_FIRMS} 家 (at most ${MAX_TITLE_REVIEW_FIRMS} organizations)`, `${path}.organizationIds`);
    return { kind: 'ids', ids: [...new Set(ids.map((id, i) => parseId(id, `${path}.organizationIds[${i}]`)))] };
  }
  if (!batch) throw badInput('请指定企业名单（organizationIds），或批次的称号与认定日期（tier、certifiedOn） (give organizationIds, or tier with certifiedOn)', `${path}.organizationIds`);
  if (input.tier == null) throw badInput('按批次登记时须填写称号 (tier is required with certifiedOn)', `${path}.tier`);
  if (input.tier === 'NONE') throw badInput('批次须为已认定的称号，不能为"无称号" (tier must be a title, not NONE)', `${path}.tier`);
  if (input.certifiedOn == null) throw badInput('按批次登记时须填写认定日期 (certifiedOn is required with tier)', `${path}.certifiedOn`);
  const certifiedOn = dayOf(input.certifiedOn);
  if (!isCalendarDate(certifiedOn)) throw badInput('认定日期不是有效日期 yyyy-mm-dd (certifiedOn is not a valid date)', `${path}.certifiedOn`);
  return { kind: 'batch', tier: input.tier, certifiedOn };
}

/** The pending date: a real day from today to {@link MAX_PENDING_MONTHS} months ahead (pure). */
export function parsePendingUntil(input: string | Date, today: string, field = 'input.pendingUntil'): string {
  const value = dayOf(input);
  if (!isCalendarDate(value)) throw badInput('复核待定截止日不是有效日期 yyyy-mm-dd (pendingUntil is not a valid date)', field);
  if (value < today) throw badInput(`复核待定截止日不能早于今天 ${today} (pendingUntil is in the past)`, field);
  const latest = addMonthsClamped(today, MAX_PENDING_MONTHS);
  if (value > latest) throw badInput(`复核待定截止日最晚为 ${latest}（${MAX_PENDING_MONTHS}个月内） (pendingUntil is more than ${MAX_PENDING_MONTHS} months ahead)`, field);
  return value;
}

function parseDocument(value: string | null | undefined, field = 'input.document'): string | null {
  const text = value?.trim() ?? '';
  if (text.length > MAX_DOCUMENT_LENGTH) throw badInput(`依据文件最多 ${MAX_DOCUMENT_LENGTH} 个字符 (document is longer than ${MAX_DOCUMENT_LENGTH} characters)`, field);
  return text || null;
}

/**
 * Re-reviews (复核) the AUTHORITY records as pending (DOMAIN.md §8.2): while pending, until and
 * including the recorded day, an expired title is REVIEW_PENDING instead of LAPSED — it counts as
 * certified and satisfies prerequisites. Each decision is one transaction: the profiles (version
 * bumped, so the scoring worker stores new verdicts), a history row, one `enterprise-profile.changed`
 * per firm and one `title-review.decided` (ids only) for the notices.
 */
@Injectable()
export class TitleReviewService {
  /** Records "re-review pending until <date>" for the selected titles. */
  async recordPending(manager: EntityManager, actor: Actor | undefined, input: RecordPendingCommand): Promise<TitleReviewMarkEntity> {
    authorizeKind(actor, 'recordTitleReviewPending');
    const today = todayInShanghai();
    const selected = parseSelection(input);
    const pendingUntil = parsePendingUntil(input.pendingUntil, today);
    const document = parseDocument(input.document);
    const rows = await this.lockTitles(manager, selected);
    rows.forEach((r, i) => {
      // Checked for every firm: a day before expiry would change nothing (the title is valid until then).
      const expiresOn = tierExpiresOn(r.tier_certified_on!);
      if (pendingUntil < expiresOn) {
        throw badInput(
          `复核待定截止日 ${pendingUntil} 早于称号届满日 ${expiresOn}，登记不起作用 (pendingUntil is before the title expires)`,
          selected.kind === 'ids' ? `input.organizationIds[${i}]` : 'input.pendingUntil',
        );
      }
    });
    return this.apply(manager, actor!, 'PENDING_RECORDED', pendingUntil, selected, rows, document);
  }

  /** Clears the pending re-review of the selected titles (a batch: those that have one). */
  async clearPending(manager: EntityManager, actor: Actor | undefined, input: TitleReviewSelection): Promise<TitleReviewMarkEntity> {
    authorizeKind(actor, 'clearTitleReviewPending');
    const selected = parseSelection(input);
    const document = parseDocument(input.document);
    let rows = await this.lockTitles(manager, selected);
    if (selected.kind === 'ids') {
      const i = rows.findIndex((r) => r.tier_review_pending_until === null);
      if (i >= 0) throw badInput('该企业未登记复核待定 (no pending re-review is recorded for this organization)', `input.organizationIds[${i}]`);
    } else {
      rows = rows.filter((r) => r.tier_review_pending_until !== null);
      if (rows.length === 0) throw badInput('该批次没有登记复核待定的企业 (no title of this batch has a pending re-review)', 'input.certifiedOn');
    }
    return this.apply(manager, actor!, 'PENDING_CLEARED', null, selected, rows, document);
  }

  /**
   * The selected profiles, locked, each holding a title with a certification date. A list keeps
   * its order (errors name the index); a batch matching more than the maximum is refused.
   */
  private async lockTitles(manager: EntityManager, selected: Selected): Promise<TitleRow[]> {
    const columns = 'organization_id, tier::text AS tier, tier_certified_on::text AS tier_certified_on, tier_review_pending_until::text AS tier_review_pending_until';
    if (selected.kind === 'ids') {
      const found: TitleRow[] = await manager.query(
        `SELECT ${columns} FROM enterprise_profiles WHERE organization_id = ANY($1::uuid[]) ORDER BY organization_id FOR UPDATE`,
        [selected.ids],
      );
      const byId = new Map(found.map((r) => [r.organization_id, r]));
      return selected.ids.map((id, i) => {
        const row = byId.get(id);
        if (!row || row.tier === 'NONE' || !row.tier_certified_on) {
          throw badInput('该机构没有登记了认定日期的称号，无法登记复核 (no certified title with a certification date)', `input.organizationIds[${i}]`);
        }
        return row;
      });
    }
    const rows: TitleRow[] = await manager.query(
      `SELECT ${columns} FROM enterprise_profiles WHERE tier = $1::enterprise_tier AND tier_certified_on = $2::date ORDER BY organization_id LIMIT $3 FOR UPDATE`,
      [selected.tier, selected.certifiedOn, MAX_TITLE_REVIEW_FIRMS + 1],
    );
    if (rows.length === 0) throw badInput(`没有${selected.certifiedOn}认定的${TIER_NAMES[selected.tier]} (no title of this tier certified on that day)`, 'input.certifiedOn');
    if (rows.length > MAX_TITLE_REVIEW_FIRMS) {
      throw badInput(`该批次超过 ${MAX_TITLE_REVIEW_FIRMS} 家，请按企业名单分次登记 (the batch holds more than ${MAX_TITLE_REVIEW_FIRMS} firms: give organizationIds in parts)`, 'input.certifiedOn');
    }
    return rows;
  }

  private async apply(
    manager: EntityManager,
    actor: Actor,
    action: TitleReviewAction,
    pendingUntil: string | null,
    selected: Selected,
    rows: TitleRow[],
    document: string | null,
  ): Promise<TitleReviewMarkEntity> {
    const ids = rows.map((r) => r.organization_id);
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [changed]: [Array<{ organization_id: string; version: number }>, number] = await manager.query(
      `UPDATE enterprise_profiles SET tier_review_pending_until = $1::date, version = version + 1, updated_at = now()
        WHERE organization_id = ANY($2::uuid[]) RETURNING organization_id, version`,
      [pendingUntil, ids],
    );
    const mark = await manager.save(
      manager.create(TitleReviewMarkEntity, {
        action,
        pendingUntil,
        tier: selected.kind === 'batch' ? selected.tier : null,
        certifiedOn: selected.kind === 'batch' ? selected.certifiedOn : null,
        organizationIds: ids,
        document,
        decidedBy: actor.userId,
      }),
    );
    if (!manager.queryRunner?.isTransactionActive) throw new Error('title review decisions must run inside the domain transaction');
    // One statement for up to 1000 profile events: the scoring worker reassesses each firm.
    await manager.insert(
      OutboxEventEntity,
      changed.map((c) => ({
        type: 'enterprise-profile.changed',
        aggregateType: 'enterprise-profile',
        aggregateId: c.organization_id,
        payload: { organizationId: c.organization_id, version: c.version } as never,
        actorUserId: actor.userId,
      })),
    );
    await recordEvent(manager, {
      type: 'title-review.decided',
      aggregateType: 'title-review-mark',
      aggregateId: mark.id,
      data: { markId: mark.id, action },
      actorUserId: actor.userId,
    });
    return mark;
  }
}
