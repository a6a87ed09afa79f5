import { it } from '@jest/globals';
import { testRedisUrl } from './test-env.js';

/**
 * `it` for a case on a queue and pub/sub backend: `it.skip` on Redis when no Redis answered, so a
 * suite over both backends always lists (and counts) its Redis case, shown as skipped. That happens
 * only locally: under CI (CI=true) global-setup fails the run when Redis is missing.
 */
export function itOn(queue: 'postgres' | 'redis'): typeof it.skip {
  return queue === 'redis' && !testRedisUrl() ? it.skip : it;
}
