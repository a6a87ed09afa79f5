import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MailService } from '../../../mail/src/index.js';
import type { InvitationMail } from './invitation-mail.js';

/** Sends invitation mails through the platform's mail outbox, in the caller's transaction. */
@Injectable()
export class InvitationMailer {
  constructor(private readonly mail: MailService) {}

  async send(manager: EntityManager, mail: InvitationMail): Promise<void> {
    await this.mail.queue(manager, mail);
  }
}
