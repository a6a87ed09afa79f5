import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CASE_MESSAGE_ADDED,
  type CaseMessageAddedMessage,
  HandlesJob,
  type JobHandler,
  PUBSUB,
  type PubSub,
} from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity } from '../../identity/src/index.js';
import { CASE_MESSAGE_EXCERPT_CHARS, CASE_SUBJECT_LABELS, CaseAttachmentEntity, CaseMessageEntity, ConversationService } from '../../conversations/src/index.js';
import { NotificationService } from './notification.service.js';

type Job = JobPayloads['notify.case-message'];

/**
 * Tells the other side of a case about a new message on its conversation: who wrote, on which
 * listing, the first words and how many files (never a file's content).
 */
@Injectable()
@HandlesJob('notify.case-message')
export class CaseMessageNotifier implements JobHandler<'notify.case-message'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationService,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: Job): Promise<void> {
    const { messageId, subjectType, subjectId, senderOrganizationId, recipientOrganizationId } = job.data;
    const [message, c, sender, files] = await Promise.all([
      this.dataSource.getRepository(CaseMessageEntity).findOneBy({ id: messageId }),
      this.conversations.findCase(this.dataSource.manager, subjectType, subjectId),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: senderOrganizationId }),
      this.dataSource.getRepository(CaseAttachmentEntity).countBy({ messageId }),
    ]);
    if (!message || !c || !sender) return;
    const words = Array.from(message.body);
    const quote = words.length ? `：${words.slice(0, CASE_MESSAGE_EXCERPT_CHARS).join('')}${words.length > CASE_MESSAGE_EXCERPT_CHARS ? '…' : ''}` : '';
    await this.notifications.createMany([
      {
        organizationId: recipientOrganizationId,
        kind: job.eventType,
        title: `新留言：${c.title}`,
        body: `「${sender.name}」在关于「${c.title}」的${CASE_SUBJECT_LABELS[subjectType]}中给您留言${quote}${files ? `（附件 ${files} 个）` : ''}。请在该申请的留言中查看和回复。`,
        targetType: subjectType,
        targetId: subjectId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}

/** Passes every new message to the API processes over pub/sub, for `Subscription.caseMessageAdded` (ids only). */
@Injectable()
@HandlesJob('case-message.publish')
export class CaseMessagePublisher implements JobHandler<'case-message.publish'> {
  constructor(@Inject(PUBSUB) private readonly pubsub: PubSub) {}

  async handle(job: JobPayloads['case-message.publish']): Promise<void> {
    const { messageId, senderOrganizationId, recipientOrganizationId } = job.data;
    const message: CaseMessageAddedMessage = { messageId, organizationIds: [senderOrganizationId, recipientOrganizationId] };
    await this.pubsub.publish(CASE_MESSAGE_ADDED, message);
  }
}
