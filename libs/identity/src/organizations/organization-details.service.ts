import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badInput, recordEvent } from '../../../platform/src/index.js';
import type { Actor } from '../access/access-policy.js';
import { authorizeKind } from '../access/authorize.js';
import { seesRow } from '../access/query-policy.js';
import { OrganizationEntity } from './organization.entity.js';

/** Contact details and presentation an organization edits itself; `undefined` leaves a field, null or blank clears it. */
export interface OrganizationDetailsCommand {
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  address?: string | null;
  website?: string | null;
  description?: string | null;
}

export type OrganizationDetails = { [K in keyof OrganizationDetailsCommand]-?: string | null };

const LIMITS = { contactName: 50, contactPhone: 30, contactEmail: 254, address: 200, website: 300, description: 2000 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Mobile (13800138000, +86 138…) or landline (0574-8765 4321, 转 ext): digits with + - ( ) spaces, 5–20 digits. */
const PHONE = /^\+?[0-9(][0-9\- ()]*(?:(?:转|ext\.?|x)[0-9]{1,6})?$/i;

/** Validates one field of an organization's details; the same rules serve updateOrganization and the import. */
export function checkDetail(key: keyof OrganizationDetailsCommand, raw: string | null | undefined, field: string): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  const v = String(raw).trim();
  if (v === '') return null;
  if (v.length > LIMITS[key]) throw badInput(`${LABEL[key]}最多 ${LIMITS[key]} 个字符 (${key} is longer than ${LIMITS[key]} characters)`, field);
  if (key === 'contactEmail' && !EMAIL.test(v)) throw badInput('联系邮箱格式不正确 (contactEmail is not a valid address)', field);
  if (key === 'contactPhone') {
    const digits = v.replace(/\D/g, '').length;
    if (!PHONE.test(v) || digits < 5 || digits > 20) {
      throw badInput('联系电话格式不正确，如 13800138000 或 0574-87654321 (contactPhone must be a phone number)', field);
    }
  }
  if (key === 'website') {
    let url: URL | undefined;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname.includes('.')) {
      throw badInput('网址格式不正确，如 https://www.example.com (website must be an http(s) URL)', field);
    }
    return url.toString();
  }
  return key === 'contactEmail' ? v.toLowerCase() : v;
}

const LABEL: Record<keyof OrganizationDetailsCommand, string> = {
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '联系邮箱',
  address: '地址',
  website: '网址',
  description: '机构简介',
};

export const DETAIL_KEYS = Object.keys(LIMITS) as Array<keyof OrganizationDetailsCommand>;

/**
 * Organization details (issue 13 item 8). The legal name and USCC are not here: they change only
 * through the AUTHORITY, which re-verifies.
 */
@Injectable()
export class OrganizationDetailsService {
  async update(manager: EntityManager, actor: Actor | undefined, input: OrganizationDetailsCommand): Promise<OrganizationEntity> {
    authorizeKind(actor, 'updateOrganization');
    const changes: Partial<OrganizationDetails> = {};
    for (const key of DETAIL_KEYS) {
      const v = checkDetail(key, input[key], `input.${key}`);
      if (v !== undefined) changes[key] = v;
    }
    const org = await manager.findOne(OrganizationEntity, { where: { id: actor!.organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!org) throw new Error(`actor's organization ${actor!.organizationId} is missing`);
    const changed = DETAIL_KEYS.filter((k) => k in changes && org[k] !== changes[k]);
    if (changed.length === 0) return org;
    Object.assign(org, changes);
    const saved = await manager.save(org);
    await recordEvent(manager, { type: 'organization.details-updated', aggregateType: 'organization', aggregateId: org.id, data: { organizationId: org.id }, actorUserId: actor!.userId });
    return saved;
  }

  /**
   * Of `organizationIds`, those whose contact details `viewer` may read: its own, any for the
   * AUTHORITY, and the other side of a match request or 揭榜 application once that was accepted
   * (ACCEPTED or COMPLETED; an accepted application stays ACCEPTED). One statement.
   */
  async contactVisible(manager: EntityManager, viewer: Actor | undefined, organizationIds: readonly string[]): Promise<Set<string>> {
    if (!viewer || organizationIds.length === 0) return new Set();
    // Its own and, for the AUTHORITY, every one; a grant (an accepted request or application) opens the others.
    const visible = new Set(organizationIds.filter((id) => seesRow(viewer, 'Organization.contact', { parties: [id] })));
    const others = organizationIds.filter((id) => !visible.has(id));
    if (others.length === 0) return visible;
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT o.id FROM unnest($2::uuid[]) AS o(id)
        WHERE EXISTS (SELECT 1 FROM match_requests r
                       WHERE r.status IN ('ACCEPTED', 'COMPLETED')
                         AND ((r.owner_organization_id = $1 AND r.enterprise_organization_id = o.id)
                           OR (r.enterprise_organization_id = $1 AND r.owner_organization_id = o.id)))
           OR EXISTS (SELECT 1 FROM challenge_applications a JOIN listings l ON l.id = a.challenge_id
                       WHERE a.status = 'ACCEPTED'
                         AND ((l.owner_organization_id = $1 AND a.applicant_organization_id = o.id)
                           OR (a.applicant_organization_id = $1 AND l.owner_organization_id = o.id)))`,
      [viewer.organizationId, others],
    );
    for (const r of rows) if (seesRow(viewer, 'Organization.contact', { parties: [r.id], granted: true })) visible.add(r.id);
    return visible;
  }
}
