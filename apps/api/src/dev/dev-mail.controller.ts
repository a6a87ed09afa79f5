import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/platform/src/index.js';
import { MailMessageEntity } from '../../../../libs/mail/src/index.js';

/**
 * Development only (404 when NODE_ENV=production): the latest mails, newest first, so invitation
 * and password-reset links can be followed without an SMTP server. GET /dev/mails?to=<address>&limit=<1–100>.
 */
@Controller('dev/mails')
export class DevMailController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Query('to') to?: string, @Query('limit') limit?: string) {
    if (this.config.production) throw new NotFoundException();
    const take = Math.min(100, Math.max(1, Number.parseInt(limit ?? '20', 10) || 20));
    const address = typeof to === 'string' && to.length <= 254 ? to.trim().toLowerCase() : undefined;
    const rows = await this.dataSource.getRepository(MailMessageEntity).find({
      where: address ? { toAddress: address } : {},
      order: { createdAt: 'DESC' },
      take,
    });
    return {
      mails: rows.map((m) => ({ id: m.id, kind: m.kind, to: m.toAddress, subject: m.subject, body: m.body, status: m.status, createdAt: m.createdAt })),
    };
  }
}
