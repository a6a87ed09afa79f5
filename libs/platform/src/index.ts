/**
 * libs/platform: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export {
  boundText,
  type Bound,
  DATE_WINDOWS,
  type DateWindowKind,
  dateWindowBounds,
  dateWindowText,
  MONEY_MAX_YUAN,
  PLAUSIBLE,
  plausible,
  plausibleDate,
  type PlausibleKind,
} from './bounds/plausible.js';
export { APP_CONFIG, type AppConfig, ConfigError, DEFAULT_LISTING_CACHE_SIZE, loadConfig } from './config/config.js';
export { afterCommit } from './database/after-commit.js';
export { type DatabaseSchema, inTransaction } from './database/data-source.js';
export { buildDataSource, openDatabase } from './database/database-runtime.js';
export { countedPage, preparedRead, statementName, StatementCache, withTotalCount } from './database/prepared-read.js';
export { dropDatabase, ensureDatabase, runningEmbeddedUrl } from './database/embedded-postgres.js';
export {
  APP_ERROR_CODES,
  AppError,
  badInput,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  unauthenticated,
} from './errors/app-error.js';
export { echoInput, RECEIVED_PREFIX_CHARS } from './errors/echo-input.js';
export { parseId } from './errors/ids.js';
export { asPatchError, mergePatch, type Patch } from './validation/patch.js';
export { isServiceUnavailable } from './errors/unavailable.js';
export { createFileStore } from './files/create-file-store.js';
export { checkFileKey, FILE_STORE, type FileStore, type StoredFile, type StoredFileInfo } from './files/file-store.js';
export { LocalFileStore } from './files/local-file-store.js';
export { S3FileStore, type S3FileStoreOptions } from './files/s3-file-store.js';
export { fileLinkSecret, type LinkProblem, signLink, verifyLink } from './files/signed-link.js';
export { ratio } from './math/ratio.js';
export { OutboxEventEntity } from './outbox/outbox-event.entity.js';
export { recordEvent, recordEvents } from './outbox/outbox.service.js';
export { checkPageSize, decodeKeysetCursor, DEFAULT_PAGE_SIZE, fetchKeysetPage, keysetBeforeSql, keysetCursor, type KeysetPage, MAX_PAGE_SIZE } from './pagination/keyset-cursor.js';
export { MAX_RANKED_OFFSET, offsetAfter, type OffsetConnection, offsetConnection, offsetCursor } from './pagination/offset-cursor.js';
export { PlatformModule, RUNTIME } from './platform.module.js';
export {
  CASE_MESSAGE_ADDED,
  type CaseMessageAddedMessage,
  ENTERPRISE_IMPORT_PROGRESS,
  type EnterpriseImportProgressMessage,
  MATCH_REQUEST_UPDATED,
  type MatchRequestUpdatedMessage,
  NOTIFICATION_ADDED,
  type NotificationAddedMessage,
  NOTIFICATIONS_PER_MESSAGE,
  RECOMMENDATION_ADDED,
  RECOMMENDATIONS_PER_MESSAGE,
  type RecommendationAddedMessage,
} from './pubsub/channels.js';
export { type PubSub, PUBSUB, type PubSubSubscription } from './pubsub/pubsub.js';
export {
  BULK_JOB_NAMES,
  type CaseMessageEventData,
  type ChallengeTermsChangedData,
  type DomainEventType,
  type EventLane,
  isJobName,
  JOB_CATALOG,
  type JobName,
  type JobPayloads,
  QUEUE_NAMES,
  type QueueName,
} from './queue/job-catalog.js';
export {
  assembleHandlerMap,
  type HandlerMap,
  HandlesJob,
  JOB_HANDLER_METADATA,
  type JobContext,
  type JobHandler,
} from './queue/job-handler.js';
export { jobOptions } from './queue/job-options.js';
export { QueueRegistry } from './queue/queue-registry.js';
export { createLogger, type Runtime, startRuntime } from './runtime/runtime.js';
export { nestLogger } from './runtime/nest-logger.js';
export { installShutdown, runEveryStep } from './runtime/shutdown.js';
export { todayInShanghai } from './time/beijing-date.js';
export { CLOCK, type Clock, SettableClock, systemClock } from './time/clock.js';
export {
  fieldTextProblem,
  filenameProblemMessage,
  SINGLE_LINE_FIELDS,
  TEXT_PROBLEM_WORDING,
  textProblem,
  textProblemMessage,
  textRefusal,
  type TextProblem,
  type Wording,
} from './text/text-hygiene.js';
export { Metrics, MAX_OPERATION_NAMES, routeLabel } from './metrics/metrics.js';
