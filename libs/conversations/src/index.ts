/**
 * libs/conversations: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { CaseAttachmentEntity } from './case-attachment.entity.js';
export { CaseMessageEntity } from './case-message.entity.js';
export {
  CASE_MESSAGE_EXCERPT_CHARS,
  CASE_MESSAGE_MAX_ATTACHMENTS,
  CASE_MESSAGE_MAX_CHARS,
  CASE_SUBJECT_LABELS,
  CASE_SUBJECTS,
  type CaseSubject,
} from './case-subject.js';
export { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES, checkAttachment } from './attachment-types.js';
export {
  ABANDONED_UPLOAD_HOURS,
  type CaseContact,
  type CaseRef,
  ConversationService,
  messageCursor,
  type MessagePage,
} from './conversation.service.js';
export { NightlyUploadPurgeScheduler, PurgeAbandonedUploadsHandler } from './conversation.handlers.js';
export { ConversationsModule } from './conversations.module.js';
