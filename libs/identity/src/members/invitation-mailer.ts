import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InvitationMail } from './invitation-mail.js';

/** Sends invitation mails through the platform's mail outbox, in the caller's transaction. */
@Injectable()
export class InvitationMailer {
  // TODO(lead): replaced by MailService.queue once libs/mail is on main.
  async send(_manager: EntityManager, _mail: InvitationMail): Promise<void> {}
}
