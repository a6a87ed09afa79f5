import { Module } from '@nestjs/common';
import { NotificationService } from './notification.service.js';
import { OrganizationRegisteredNotifier, OrganizationVerifiedNotifier } from './organization-notify.handlers.js';

@Module({
  providers: [NotificationService, OrganizationRegisteredNotifier, OrganizationVerifiedNotifier],
  exports: [NotificationService],
})
export class NotificationsModule {}
