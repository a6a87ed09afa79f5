/**
 * libs/notifications: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { NotificationEntity, NotificationReadEntity, type NotificationTargetType } from './notification.entity.js';
export { MAX_MARK_IDS, NotificationService, type NotificationView, type Reader } from './notification.service.js';
export { NotificationsModule } from './notifications.module.js';
export { RECOMMENDATION_DIGEST_PATTERN, RecommendationDigestScheduler } from './recommendation-notify.handlers.js';
