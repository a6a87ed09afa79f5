import type { PubSub, PubSubLog } from './pubsub.js';
import { PostgresPubSub } from './postgres-pubsub.js';
import { RedisPubSub } from './redis-pubsub.js';

export interface CreatePubSubOptions {
  /** Redis pub/sub when set, else PostgreSQL LISTEN/NOTIFY in `databaseUrl` (as the queue backend is chosen). */
  redisUrl: string | undefined;
  databaseUrl: string;
  /** Isolates channels (tests), like the queue namespace. */
  namespace?: string;
  log?: PubSubLog;
}

export function createPubSub(options: CreatePubSubOptions): PubSub {
  const base = { namespace: options.namespace, log: options.log };
  return options.redisUrl
    ? new RedisPubSub({ ...base, redisUrl: options.redisUrl })
    : new PostgresPubSub({ ...base, databaseUrl: options.databaseUrl });
}
