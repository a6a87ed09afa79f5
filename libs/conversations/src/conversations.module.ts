import { Module } from '@nestjs/common';
import { ConversationService } from './conversation.service.js';
import { PurgeAbandonedUploadsHandler } from './conversation.handlers.js';

/** Conversations on match requests and 揭榜 applications (the FileStore comes from PlatformModule). */
@Module({
  providers: [ConversationService, PurgeAbandonedUploadsHandler],
  exports: [ConversationService],
})
export class ConversationsModule {}
