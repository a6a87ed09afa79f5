import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NotificationsModule } from '../../../libs/notifications/src/notifications.module.js';
import { JobRunner } from './job-runner.js';

/** Queue processors. Never imports GraphQL code. */
@Module({
  imports: [DiscoveryModule, NotificationsModule],
  providers: [JobRunner],
})
export class WorkerModule {}
