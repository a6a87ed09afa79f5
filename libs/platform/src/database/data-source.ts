import { DataSource, type EntityManager, type Logger, type MixedList, type EntitySchema } from 'typeorm';
import { AfterCommitSubscriber } from './after-commit.js';

/**
 * TypeORM's own logger prints a failed query with its parameters, i.e. enterprises' financial
 * figures and reasons. This one prints the statement (truncated) and the error, never parameters.
 */
export const parameterFreeLogger: Logger = {
  logQuery: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  logQueryError: (error, query) => {
    const text = query.length > 300 ? `${query.slice(0, 300)}…` : query;
    console.error(`query failed: ${text} -- ${error instanceof Error ? error.message : String(error)}`);
  },
  log: (level, message) => {
    if (level === 'warn') console.warn(String(message));
  },
};

/**
 * Every entity and migration of the product. Platform knows none of them: the composition root
 * (`apps/composition/src/database-schema.ts`) lists them once and hands them in.
 */
export interface DatabaseSchema {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
}

export interface DataSourceParams extends DatabaseSchema {
  url: string;
  /** Pool size per process. */
  poolSize?: number;
  applicationName?: string;
}

/**
 * Where TypeORM connects: the URL as it is, or — for a Unix socket, `…?host=/socket/dir` (the
 * embedded server, ADR 0041) — its parts, since TypeORM reads the host from the URL's authority
 * and would never see the query.
 */
export function connectionOptions(url: string): { url: string } | { host: string; port: number; username: string; password: string; database: string } {
  const u = new URL(url);
  const socketDir = u.searchParams.get('host');
  if (!socketDir?.startsWith('/')) return { url };
  return {
    host: socketDir,
    port: Number(u.port) || 5432,
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

/** Builds the one TypeORM DataSource; schema changes come only from migrations, never `synchronize`. */
export function createDataSource(params: DataSourceParams): DataSource {
  return new DataSource({
    type: 'postgres',
    ...connectionOptions(params.url),
    entities: params.entities,
    migrations: params.migrations,
    migrationsTableName: 'typeorm_migrations',
    // afterCommit(): work that must wait for a transaction's commit.
    subscribers: [AfterCommitSubscriber],
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension needs installing.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error'],
    logger: parameterFreeLogger,
    // Optional GraphQL arguments arrive as undefined; TypeORM 1.x throws on those by default.
    invalidWhereValuesBehavior: { undefined: 'ignore', null: 'throw' },
    // READ COMMITTED for every transaction of these connections, set once at connect: a per-transaction
    // `SET TRANSACTION ISOLATION LEVEL` was one more round trip for every mutation.
    extra: { max: params.poolSize ?? 10, application_name: params.applicationName ?? 'srdi-match', options: '-c default_transaction_isolation=read\\ committed' },
  });
}

/**
 * Runs `work` in one transaction. Mutations open it at the edge (the resolver) and hand the
 * manager down, so every row and outbox event of a mutation commits or rolls back together.
 * READ COMMITTED: the connections' default (`options` above), whatever the server's own default.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(work);
}
