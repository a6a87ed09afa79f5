import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobContext, type JobHandler, JOB_CATALOG, type JobPayloads, RUNTIME } from '../../platform/src/index.js';
import type { Runtime } from '../../platform/src/index.js';
import { MailMessageEntity } from './mail-message.entity.js';
import { MAILER, MailDeliveryError, type Mailer } from './mailer.js';
import { redactTokens } from './mail-template.js';

/**
 * Delivers one queued mail. Idempotent per mail: a SENT or KEPT mail is not sent again. A failed
 * SMTP delivery throws, so BullMQ retries it with backoff; after the last attempt the row is FAILED
 * (and the mail can be read, and resent, from the table). At least once: a crash between the SMTP
 * server's acceptance and the status update sends it again, with the same Message-ID.
 */
@Injectable()
@HandlesJob('mail.deliver')
export class MailDeliveryHandler implements JobHandler<'mail.deliver'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async handle(job: JobPayloads['mail.deliver'], context: JobContext): Promise<void> {
    const repo = this.dataSource.getRepository(MailMessageEntity);
    const mail = await repo.findOneBy({ id: job.data.mailId });
    if (!mail || mail.status === 'SENT' || mail.status === 'KEPT') return;
    if (this.mailer.mode === 'kept') {
      await repo.update({ id: mail.id }, { status: 'KEPT', attempts: mail.attempts + 1, deliveredAt: new Date() });
      this.runtime.logger.info({ mailId: mail.id, kind: mail.kind }, 'mail kept (no SMTP_URL): read it at GET /dev/mails');
      return;
    }
    try {
      await this.mailer.send({ id: mail.id, to: mail.toAddress, subject: mail.subject, body: mail.body });
    } catch (err) {
      const summary = err instanceof MailDeliveryError ? err.summary : 'unknown error';
      const last = context.attemptsMade + 1 >= JOB_CATALOG['mail.deliver'].attempts;
      await repo.update({ id: mail.id }, { attempts: mail.attempts + 1, lastError: summary, status: last ? 'FAILED' : 'QUEUED' });
      throw new MailDeliveryError(summary);
    }
    await repo.update(
      { id: mail.id },
      { status: 'SENT', attempts: mail.attempts + 1, lastError: null, deliveredAt: new Date(), body: redactTokens(mail.body) },
    );
  }
}
