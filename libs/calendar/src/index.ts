/**
 * libs/calendar: the Chinese working-day calendar as data (weekends, public holidays, 调休 make-up
 * days; a file the AUTHORITY can replace) and the deadlines per kind of case counted on it. Pure:
 * no Nest, no TypeORM, no pg — services inject the loaded calendar through {@link WORKING_CALENDAR}.
 */
export * from './working-calendar.js';
export * from './deadlines.js';
export { BUNDLED_WORKING_CALENDAR_JSON } from './working-calendar.data.js';
