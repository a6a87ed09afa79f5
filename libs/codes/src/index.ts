/**
 * libs/codes: the national code tables the other libs share — administrative divisions (GB/T 2260,
 * region-codes.ts), industries (GB/T 4754-2017, industry-codes.ts) and the coded reasons for
 * declines and rejections (decline-reasons.ts). Pure data and lookups: no
 * imports at all, so the pure cores (libs/tiers, libs/matching/src/core) may use them without
 * loading a service.
 */
export * from './region-codes.js';
export * from './industry-codes.js';
export * from './decline-reasons.js';
export * from './voucher-reasons.js';
