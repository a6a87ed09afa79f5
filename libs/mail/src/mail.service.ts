import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, recordEvent } from '../../platform/src/index.js';
import { MailMessageEntity } from './mail-message.entity.js';
import { renderMail, type MailContent } from './mail-template.js';

/**
 * Queues e-mail through the outbox: the mail row and its `mail.queued` event are written in the
 * caller's transaction, so a mail exists exactly when the change that causes it does, and is
 * delivered (and retried) by the `mail.deliver` job after commit.
 */
@Injectable()
export class MailService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Renders `content` in the platform's frame and queues it; returns the mail's id. */
  async queue(manager: EntityManager, content: MailContent): Promise<string> {
    const to = content.to.trim().toLowerCase();
    // Callers validate addresses with their own field names; this guards the header against injection.
    if (!/^[^\s@]+@[^\s@]+$/.test(to) || to.length > 254) throw new Error(`mail ${content.kind}: recipient is not an address`);
    const { subject, body } = renderMail(content, { platformName: this.config.mail.platformName, linkBase: this.config.mail.linkBase });
    const result = await manager.insert(MailMessageEntity, { kind: content.kind, toAddress: to, subject, body });
    const id = String(result.identifiers[0]!.id);
    await recordEvent(manager, { type: 'mail.queued', aggregateType: 'mail', aggregateId: id, data: { mailId: id } });
    return id;
  }
}
