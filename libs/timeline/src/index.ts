/**
 * libs/timeline: the front door. Other libs and the apps import this lib only through this file (the
 * boundary rules in eslint.config.js fail on anything else); files inside the lib import each other
 * directly. Maintained by scripts/front-doors.mjs, which adds the re-exports other code needs.
 */
export { TimelineEntryEntity } from './timeline-entry.entity.js';
export {
  TIMELINE_ENTRY_KINDS,
  TIMELINE_ENTRY_KIND_LABELS,
  TIMELINE_NOTE_MAX_CHARS,
  TIMELINE_SUBJECTS,
  type TimelineEntryKind,
  type TimelineSubject,
} from './timeline-kinds.js';
export { readTimeline, recordTimeline, timelineCursor, type TimelinePage, type TimelineStep } from './timeline.js';
