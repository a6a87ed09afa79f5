import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  AppError,
  badInput,
  checkPageSize,
  conflict,
  FILE_STORE,
  type FileStore,
  fileLinkSecret,
  parseId,
  recordEvent,
  signLink,
  type StoredFile,
  verifyLink,
} from '../../platform/src/index.js';
import { authorizeKind, seesRow, type Actor } from '../../identity/src/index.js';
import { recordTimeline } from '../../timeline/src/index.js';
import { CaseAttachmentEntity } from './case-attachment.entity.js';
import { CaseMessageEntity } from './case-message.entity.js';
import {
  CASE_MESSAGE_EXCERPT_CHARS,
  CASE_MESSAGE_MAX_ATTACHMENTS,
  CASE_MESSAGE_MAX_CHARS,
  CASE_SUBJECT_LABELS,
  CASE_SUBJECTS,
  CLOSED_CASE_STATUSES,
  CONTACT_CASE_STATUSES,
  type CaseSubject,
} from './case-subject.js';
import { checkAttachment, cleanFilename } from './attachment-types.js';

/** A case as a conversation sees it: its two sides and its status. */
export interface CaseRef {
  subjectType: CaseSubject;
  id: string;
  status: string;
  /** The requesting side (enterprise, applicant). */
  requesterOrganizationId: string;
  /** The receiving side (listing's owner, challenge's owner). */
  receiverOrganizationId: string;
  /** The listing's title, for notices. */
  title: string;
}

export interface SendMessageCommand {
  body?: string | null;
  attachmentIds?: readonly string[] | null;
}

export interface MessagePage {
  rows: CaseMessageEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** One side's contact details once the case was accepted. */
export interface CaseContact {
  organizationId: string;
  side: 'REQUESTER' | 'RECEIVER';
  contactName: string | null;
  phone: string | null;
  email: string | null;
  /** True when the organization left its contact fields empty and the owner account's name and e-mail stand in. */
  fromOwnerAccount: boolean;
}

/** Uploads an organization may hold on one case before sending them (bounds the disk a caller can fill). */
export const MAX_UNSENT_UPLOADS = 20;

/** Unsent uploads older than this are abandoned and purged (ADR 0025). */
export const ABANDONED_UPLOAD_HOURS = 24;

const CASE_SQL: Record<CaseSubject, string> = {
  MATCH_REQUEST: `SELECT r.id, r.status::text AS status, r.enterprise_organization_id AS requester, r.owner_organization_id AS receiver, l.title
                    FROM match_requests r JOIN listings l ON l.id = r.listing_id WHERE r.id = $1`,
  CHALLENGE_APPLICATION: `SELECT a.id, a.status::text AS status, a.applicant_organization_id AS requester, l.owner_organization_id AS receiver, l.title
                            FROM challenge_applications a JOIN listings l ON l.id = a.challenge_id WHERE a.id = $1`,
};
const LOCK_SQL: Record<CaseSubject, string> = {
  MATCH_REQUEST: 'SELECT 1 FROM match_requests WHERE id = $1 FOR SHARE',
  CHALLENGE_APPLICATION: 'SELECT 1 FROM challenge_applications WHERE id = $1 FOR SHARE',
};
const MUTATION_OF: Record<CaseSubject, 'sendMatchRequestMessage' | 'sendChallengeApplicationMessage'> = {
  MATCH_REQUEST: 'sendMatchRequestMessage',
  CHALLENGE_APPLICATION: 'sendChallengeApplicationMessage',
};
const chars = (s: string) => Array.from(s).length;

/**
 * Conversations on cases (issue 17 item 4): messages between the two sides of a match request or a
 * 揭榜 application, with attachments kept in the {@link FileStore}. Members of either side write;
 * the AUTHORITY reads; anyone else is told the case does not exist (NOT_FOUND, the same answer as
 * for an unknown id). Writes take the caller's transaction; every message is on the case's
 * timeline (kind MESSAGE, a short excerpt, never an attachment's content) and is an outbox event.
 */
@Injectable()
export class ConversationService {
  private readonly logger = new Logger('Conversations');
  private readonly linkSecret: string;
  /** Seconds since the epoch; replaced in tests that need another clock. */
  now = () => Math.floor(Date.now() / 1000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.linkSecret = fileLinkSecret(config);
  }

  /** The case, or null when there is none. No access check. */
  async findCase(manager: EntityManager, subject: CaseSubject, id: string): Promise<CaseRef | null> {
    const rows: Array<{ id: string; status: string; requester: string; receiver: string; title: string }> = await manager.query(CASE_SQL[subject], [id]);
    const r = rows[0];
    return r ? { subjectType: subject, id: r.id, status: r.status, requesterOrganizationId: r.requester, receiverOrganizationId: r.receiver, title: r.title } : null;
  }

  /** The two sides read; the AUTHORITY reads every conversation. */
  canRead(actor: Actor | undefined, c: Pick<CaseRef, 'requesterOrganizationId' | 'receiverOrganizationId'>): boolean {
    return seesRow(actor, 'caseMessages', { parties: [c.requesterOrganizationId, c.receiverOrganizationId] });
  }

  /** A case the caller may read, or NOT_FOUND (the same for a case that exists and one that does not). */
  async readableCase(actor: Actor | undefined, subject: CaseSubject, id: string, field = 'id'): Promise<CaseRef> {
    const subjectType = checkSubject(subject);
    const caseId = parseId(String(id ?? ''), field);
    const c = await this.findCase(this.dataSource.manager, subjectType, caseId);
    if (!c || !this.canRead(actor, c)) throw caseNotFound(subjectType, caseId, field);
    return c;
  }

  /** For fields of a case the caller already reads: the case, or null when the caller may not read its conversation. */
  async visibleCase(actor: Actor | undefined, subject: CaseSubject, id: string): Promise<CaseRef | null> {
    const c = await this.findCase(this.dataSource.manager, subject, id);
    return c && this.canRead(actor, c) ? c : null;
  }

  /**
   * Stores an uploaded file for a case the caller is a side of, not yet sent: bytes first, then the
   * row (a failed insert deletes the bytes again). Checked before anything is stored: the caller's
   * side, the case still open, size, extension and sniffed content.
   */
  async upload(actor: Actor | undefined, subject: CaseSubject, caseId: string, rawFilename: string, content: Buffer): Promise<CaseAttachmentEntity> {
    authorizeKind(actor, 'uploadCaseAttachment');
    const subjectType = checkSubject(subject, 'subject');
    const id = parseId(String(caseId ?? ''), 'caseId');
    const c = await this.findCase(this.dataSource.manager, subjectType, id);
    if (!c || !isSide(actor!, c)) throw caseNotFound(subjectType, id, 'caseId');
    requireOpen(c, 'caseId');
    const filename = cleanFilename(rawFilename, 'file');
    const { contentType } = await checkAttachment(filename, content, { filename: 'file', content: 'file' });
    const unsent = await this.dataSource.getRepository(CaseAttachmentEntity).countBy({ subjectType, subjectId: id, uploaderOrganizationId: actor!.organizationId, messageId: IsNull() });
    if (unsent >= MAX_UNSENT_UPLOADS) {
      throw badInput(`该申请中本机构已有 ${unsent} 个上传后尚未发送的附件，请先随留言发送，或等待 24 小时后自动清除 (at most ${MAX_UNSENT_UPLOADS} unsent uploads per case and organization)`, 'file');
    }
    const row = this.dataSource.getRepository(CaseAttachmentEntity).create({
      id: randomUUID(),
      subjectType,
      subjectId: id,
      uploaderOrganizationId: actor!.organizationId,
      uploaderUserId: actor!.userId,
      messageId: null,
      filename,
      contentType,
      sizeBytes: content.length,
    });
    row.storageKey = `attachments/${row.id}`;
    await this.files.put(row.storageKey, content, { size: content.length, contentType });
    try {
      return await this.dataSource.getRepository(CaseAttachmentEntity).save(row);
    } catch (err) {
      await this.files.delete(row.storageKey).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Writes a message on a case the caller is a side of: text 0–2,000 characters (non-empty unless
   * attachments carry it), up to 5 of the caller's own unsent uploads to this case. One
   * transaction: message, attachments bound, timeline step and outbox event, or nothing.
   */
  async send(manager: EntityManager, actor: Actor | undefined, subject: CaseSubject, caseId: string, input: SendMessageCommand): Promise<{ message: CaseMessageEntity; attachments: CaseAttachmentEntity[] }> {
    authorizeKind(actor, MUTATION_OF[checkSubject(subject)]);
    const id = parseId(String(caseId ?? ''), 'id');
    const body = input.body == null ? '' : typeof input.body === 'string' ? input.body.trim() : null;
    if (body === null) throw badInput('input.body 须为文本 (input.body must be a string)', 'input.body');
    const n = chars(body);
    if (n > CASE_MESSAGE_MAX_CHARS) {
      throw badInput(`留言最多 ${CASE_MESSAGE_MAX_CHARS} 字，当前 ${n} 字，请精简或分条发送 (the message has ${n} characters; at most ${CASE_MESSAGE_MAX_CHARS})`, 'input.body');
    }
    const ids = [...new Set(input.attachmentIds ?? [])];
    if (ids.length > CASE_MESSAGE_MAX_ATTACHMENTS) {
      throw badInput(`每条留言最多 ${CASE_MESSAGE_MAX_ATTACHMENTS} 个附件，收到 ${ids.length} 个 (at most ${CASE_MESSAGE_MAX_ATTACHMENTS} attachments per message)`, 'input.attachmentIds');
    }
    ids.forEach((a) => parseId(String(a), 'input.attachmentIds'));
    if (n === 0 && ids.length === 0) throw badInput('留言内容不能为空：请填写文字或附上附件 (write some text or attach a file)', 'input.body');

    const c = await this.findCase(manager, subject, id);
    if (!c || !isSide(actor!, c)) throw caseNotFound(subject, id, 'id');
    // The case's row shared-locked: a concurrent decline or withdrawal waits for this message (or refuses it).
    await manager.query(LOCK_SQL[subject], [id]);
    const locked = await this.findCase(manager, subject, id);
    requireOpen(locked!, 'id');

    const attachments = ids.length
      ? await manager.find(CaseAttachmentEntity, { where: { id: In(ids) }, lock: { mode: 'pessimistic_write' } })
      : [];
    for (const aid of ids) {
      const a = attachments.find((x) => x.id === aid);
      // Someone else's upload, another case's, or one already sent: the same answer, naming the id only.
      if (!a || a.uploaderOrganizationId !== actor!.organizationId || a.subjectType !== subject || a.subjectId !== id || a.messageId !== null) {
        throw badInput(`附件 ${aid} 不存在或不可用：须为本机构为该${CASE_SUBJECT_LABELS[subject]}上传且尚未发送的附件 (attachment ${aid} is not an unsent upload of yours for this case)`, 'input.attachmentIds');
      }
    }
    const sender = actor!.organizationId;
    const recipient = sender === c.requesterOrganizationId ? c.receiverOrganizationId : c.requesterOrganizationId;
    const message = await manager.save(
      manager.create(CaseMessageEntity, { subjectType: subject, subjectId: id, senderOrganizationId: sender, senderUserId: actor!.userId, recipientOrganizationId: recipient, body }),
    );
    if (attachments.length) await manager.update(CaseAttachmentEntity, { id: In(ids) }, { messageId: message.id });
    for (const a of attachments) a.messageId = message.id;
    await recordTimeline(manager, {
      subjectType: subject,
      subjectId: id,
      kind: 'MESSAGE',
      actorOrganizationId: sender,
      actorUserId: actor!.userId,
      note: excerpt(body),
      data: { messageId: message.id, attachments: attachments.length },
    });
    await recordEvent(manager, {
      type: 'case-message.sent',
      aggregateType: 'case-message',
      aggregateId: message.id,
      data: { messageId: message.id, subjectType: subject, subjectId: id, senderOrganizationId: sender, recipientOrganizationId: recipient },
      actorUserId: actor!.userId,
    });
    return { message, attachments };
  }

  /** A case's messages, oldest first, `first` (1–100) after the cursor. No access check: the caller has shown it reads the case. */
  async page(subject: CaseSubject, caseId: string, first: number, after?: string | null): Promise<MessagePage> {
    checkPageSize(first);
    const afterId = after == null ? null : decodeCursor(after);
    const qb = this.dataSource.getRepository(CaseMessageEntity).createQueryBuilder('m').where('m.subjectType = :subject AND m.subjectId = :caseId', { subject, caseId });
    const totalCount = await qb.clone().getCount();
    if (afterId) qb.andWhere('m.id > :afterId', { afterId });
    const rows = await qb.orderBy('m.id', 'ASC').take(first + 1).getMany();
    const page = rows.slice(0, first);
    return { rows: page, hasNextPage: rows.length > first, endCursor: page.length ? messageCursor(page[page.length - 1]!) : null, totalCount };
  }

  /** Attachments of messages, per message id, in upload order (a DataLoader batch). */
  async attachmentsOf(messageIds: readonly string[]): Promise<CaseAttachmentEntity[][]> {
    const rows = messageIds.length
      ? await this.dataSource.getRepository(CaseAttachmentEntity).find({ where: { messageId: In([...messageIds]) }, order: { createdAt: 'ASC', id: 'ASC' } })
      : [];
    return messageIds.map((id) => rows.filter((r) => r.messageId === id));
  }

  findMessage(id: string): Promise<CaseMessageEntity | null> {
    return this.dataSource.getRepository(CaseMessageEntity).findOneBy({ id });
  }

  /** A download path signed for {@link FILE_LINK_TTL_SECONDS}: `/attachments/<id>?expires=…&sig=…` (relative to the API's origin). */
  link(attachmentId: string, expiresAtSeconds = this.now() + this.config.files.linkTtlSeconds): { url: string; expiresAt: Date } {
    const sig = signLink(this.linkSecret, attachmentId, expiresAtSeconds);
    return { url: `/attachments/${attachmentId}?expires=${expiresAtSeconds}&sig=${sig}`, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  /**
   * Opens the file a link points at: 'refused' for a bad signature or an expired link (checked
   * before any read, so nothing about existence leaks), null when the signed id is gone.
   */
  async openByLink(attachmentId: string, expires: string, signature: string): Promise<'refused' | null | { row: CaseAttachmentEntity; file: StoredFile }> {
    if (verifyLink(this.linkSecret, String(attachmentId), String(expires ?? ''), String(signature ?? ''), this.now()) !== null) return 'refused';
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(attachmentId)) return null;
    const row = await this.dataSource.getRepository(CaseAttachmentEntity).findOneBy({ id: attachmentId });
    if (!row || row.messageId === null) return null;
    const file = await this.files.get(row.storageKey);
    return file ? { row, file } : null;
  }

  /**
   * Deletes uploads never sent with a message, older than `olderThanHours`: the row first (only while
   * still unsent, so a message sent meanwhile keeps its file), then the stored bytes. Returns how
   * many. Bytes whose deletion fails, or bytes stored by an upload whose row was never written (a
   * crash between the two), stay behind unreferenced; see ADR 0025.
   */
  async purgeAbandonedUploads(olderThanHours = ABANDONED_UPLOAD_HOURS, limit = 1000): Promise<number> {
    const before = new Date(Date.now() - olderThanHours * 3600_000);
    // TypeORM answers a DELETE with [rows, affected count].
    const [rows]: [Array<{ storage_key: string }>, number] = await this.dataSource.query(
      `DELETE FROM case_attachments WHERE id IN (
         SELECT id FROM case_attachments WHERE message_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING storage_key`,
      [before, limit],
    );
    for (const r of rows) {
      await this.files.delete(r.storage_key).catch((err: Error) => this.logger.warn(`purge: stored file ${r.storage_key} not deleted: ${err.message}`));
    }
    if (rows.length) this.logger.log(`purged ${rows.length} abandoned attachment upload(s)`);
    return rows.length;
  }

  /**
   * Both sides' contact details once the case was accepted (as `Organization.contact` grants), else
   * null. An organization's own contact fields, or, where it left them all empty, its owner
   * account's name and e-mail (no phone).
   */
  async contacts(c: CaseRef): Promise<CaseContact[] | null> {
    if (!CONTACT_CASE_STATUSES[c.subjectType].includes(c.status)) return null;
    const rows: Array<{ id: string; contact_name: string | null; contact_phone: string | null; contact_email: string | null; owner_name: string | null; owner_email: string | null }> =
      await this.dataSource.query(
        `SELECT o.id, o.contact_name, o.contact_phone, o.contact_email, u.display_name AS owner_name, u.email AS owner_email
           FROM organizations o
           LEFT JOIN LATERAL (SELECT display_name, email FROM users WHERE organization_id = o.id AND role = 'OWNER' ORDER BY created_at LIMIT 1) u ON true
          WHERE o.id = ANY($1::uuid[])`,
        [[c.requesterOrganizationId, c.receiverOrganizationId]],
      );
    return (['REQUESTER', 'RECEIVER'] as const).map((side) => {
      const organizationId = side === 'REQUESTER' ? c.requesterOrganizationId : c.receiverOrganizationId;
      const r = rows.find((x) => x.id === organizationId);
      const own = !!r && (r.contact_name || r.contact_phone || r.contact_email);
      return own
        ? { organizationId, side, contactName: r.contact_name, phone: r.contact_phone, email: r.contact_email, fromOwnerAccount: false }
        : { organizationId, side, contactName: r?.owner_name ?? null, phone: null, email: r?.owner_email ?? null, fromOwnerAccount: true };
    });
  }
}

function isSide(actor: Actor, c: CaseRef): boolean {
  return actor.organizationId === c.requesterOrganizationId || actor.organizationId === c.receiverOrganizationId;
}

function checkSubject(subject: CaseSubject, field = 'subject'): CaseSubject {
  if (!(CASE_SUBJECTS as readonly string[]).includes(subject)) {
    throw badInput(`subject 只能是 ${CASE_SUBJECTS.join('、')} 之一 (subject must be MATCH_REQUEST or CHALLENGE_APPLICATION)`, field);
  }
  return subject;
}

function requireOpen(c: CaseRef, field: string): void {
  if (CLOSED_CASE_STATUSES[c.subjectType].includes(c.status)) {
    throw conflict(`该${CASE_SUBJECT_LABELS[c.subjectType]}已结束（${c.status}），留言只能查看，不能再发送 (the case is ${c.status}: its conversation is read-only)`, field);
  }
}

function caseNotFound(subject: CaseSubject, id: string, field: string): AppError {
  return new AppError('NOT_FOUND', `找不到${CASE_SUBJECT_LABELS[subject]} ${id}，或您不是该申请的双方之一 (no such ${subject === 'MATCH_REQUEST' ? 'match request' : 'application'} among yours)`, { field });
}

function excerpt(body: string): string | null {
  if (!body) return null;
  const c = Array.from(body);
  return c.length > CASE_MESSAGE_EXCERPT_CHARS ? `${c.slice(0, CASE_MESSAGE_EXCERPT_CHARS).join('')}…` : body;
}

export function messageCursor(m: Pick<CaseMessageEntity, 'id'>): string {
  return Buffer.from(`m|${m.id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const m = /^m\|([1-9][0-9]{0,17})$/.exec(Buffer.from(String(cursor).slice(0, 64), 'base64url').toString());
  if (!m) throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', 'after');
  return m[1]!;
}
