import { Global, Module, type OnModuleDestroy, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/src/index.js';
import { MailService } from './mail.service.js';
import { MAILER, KeptMailer, SmtpMailer, type Mailer } from './mailer.js';

/** Global: any service may queue mail; the worker's delivery handler lives in {@link MailDeliveryModule}. */
@Global()
@Module({
  providers: [
    MailService,
    {
      provide: MAILER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Mailer => (config.mail.smtpUrl ? new SmtpMailer(config.mail.smtpUrl, config.mail.from) : new KeptMailer()),
    },
  ],
  exports: [MailService, MAILER],
})
export class MailModule implements OnModuleDestroy {
  constructor(@Inject(MAILER) private readonly mailer: Mailer) {}

  onModuleDestroy(): void {
    this.mailer.close();
  }
}
