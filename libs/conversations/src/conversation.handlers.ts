import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HandlesJob, type JobHandler, QueueRegistry } from '../../platform/src/index.js';
import { ABANDONED_UPLOAD_HOURS, ConversationService } from './conversation.service.js';

/** Nightly at 04:40 Beijing time: attachments uploaded but never sent with a message are deleted. */
export const NIGHTLY_UPLOAD_PURGE_PATTERN = '40 4 * * *';

@Injectable()
@HandlesJob('conversations.purge-abandoned-uploads')
export class PurgeAbandonedUploadsHandler implements JobHandler<'conversations.purge-abandoned-uploads'> {
  constructor(private readonly conversations: ConversationService) {}

  /** Resolves to the number purged (kept as the job's return value). */
  async handle(): Promise<{ purged: number; olderThanHours: number }> {
    return { purged: await this.conversations.purgeAbandonedUploads(ABANDONED_UPLOAD_HOURS), olderThanHours: ABANDONED_UPLOAD_HOURS };
  }
}

/** Registers the nightly purge with BullMQ's job scheduler (idempotent across restarts and workers). */
@Injectable()
export class NightlyUploadPurgeScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('conversations.purge-abandoned-uploads', NIGHTLY_UPLOAD_PURGE_PATTERN);
  }
}
