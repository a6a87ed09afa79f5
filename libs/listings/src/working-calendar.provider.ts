import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, RUNTIME, type AppConfig, type Runtime } from '../../platform/src/index.js';
import { loadWorkingCalendar, WORKING_CALENDAR, type WorkingCalendar } from '../../calendar/src/index.js';

/**
 * The process's working-day calendar: WORKING_CALENDAR_FILE when set, else the bundled one. Read and
 * checked when the module starts: a bad file stops the process with the line and date at fault.
 * Logs which calendar is in use and warns when next year's arrangement is missing.
 */
export const workingCalendarProvider: Provider = {
  provide: WORKING_CALENDAR,
  inject: [APP_CONFIG, RUNTIME],
  useFactory: (config: AppConfig, runtime: Runtime): WorkingCalendar => {
    const calendar = loadWorkingCalendar(config.workingCalendarFile);
    warnIfUncovered(calendar, runtime.logger);
    return calendar;
  },
};

const warned = new Set<string>();
function warnIfUncovered(calendar: WorkingCalendar, logger: Logger): void {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const missing = [year, year + 1].filter((y) => !calendar.covers(y));
  const key = `${calendar.origin}|${missing.join(',')}`;
  if (missing.length === 0 || warned.has(key)) return;
  warned.add(key);
  logger.warn(`working calendar (${calendar.origin}): no published holiday arrangement for ${missing.join(', ')}; only weekends are rest days there until WORKING_CALENDAR_FILE is updated (工作日历缺少 ${missing.join('、')} 年节假日安排)`);
}
