import { z } from 'zod';

/** Thrown when an environment variable has a bad value; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const onOff = z.enum(['on', 'off']);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    })
    .refine((v) => v === undefined || URL.canParse(v), { message: 'is not a valid URL' });
const int = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** Optional text holding a JSON object of numbers (its keys are checked by the library that uses it). */
const numbersObject = (example: string) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return undefined;
    try {
      const o = JSON.parse(v) as unknown;
      if (typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every((x) => typeof x === 'number')) return o as Record<string, number>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: `must be a JSON object of numbers, e.g. ${example}` });
    return z.NEVER;
  });

/** MATCH_LISTING_CACHE_SIZE's default (also what a MatchSetService built without configuration keeps). */
export const DEFAULT_LISTING_CACHE_SIZE = 50_000;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: int(3000, 0, 65535),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    EMBEDDED_PG_PORT: int(54329, 1024, 65535),
    REDIS_URL: optionalUrl(['redis://', 'rediss://']),
    MEILI_URL: optionalUrl(['http://', 'https://']),
    MEILI_MASTER_KEY: optionalText,
    JWT_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
      message: 'must be at least 32 characters',
    }),
    JWT_TTL_SECONDS: int(12 * 3600, 60, 30 * 24 * 3600),
    AUTHORITY_EMAIL: optionalText.refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
      message: 'must be an e-mail address',
    }),
    AUTHORITY_PASSWORD: optionalText.refine((v) => v === undefined || v.length >= 10, {
      message: 'must be at least 10 characters',
    }),
    DEMO_DATA: onOff.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GRAPHQL_MAX_DEPTH: int(10, 2, 50),
    GRAPHQL_MAX_ALIASES: int(15, 1, 200),
    GRAPHQL_MAX_COST: int(5000, 10, 1_000_000),
    WORKER_CONCURRENCY: int(5, 1, 100),
    /** Jobs run at once on the bulk lane (an import's rescoring fan-out), per worker process: kept small so interactive work keeps the CPU. */
    WORKER_BULK_CONCURRENCY: int(1, 1, 100),
    /** Embedded search replicas (ADR 0039): the feed's poll (the guarantee under NOTIFY), how long a hole in the ids holds it, and the version check's period. */
    SEARCH_REPLICA_POLL_MS: int(1_000, 50, 60_000),
    SEARCH_REPLICA_GAP_WAIT_MS: int(10_000, 100, 600_000),
    SEARCH_REPLICA_RECONCILE_SECONDS: int(300, 5, 86_400),
    /** All-in-one only: run imports and the bulk lane in a worker thread of their own (their CPU and garbage off the API's event loop). */
    BACKGROUND_THREAD: onOff.default('on'),
    /** Days an ended import (DONE/FAILED/CANCELLED) keeps its uploaded file and parsed rows; then the nightly purge clears them. */
    IMPORT_FILE_RETENTION_DAYS: int(30, 1, 3650),
    /** Days a row of the access log (reads of firms' protected data, issue 18) is kept; then the nightly purge deletes it. */
    ACCESS_LOG_RETENTION_DAYS: int(730, 1, 3650),
    /** Express "trust proxy": which proxies' X-Forwarded-For to believe for the client address (throttles). */
    TRUST_PROXY: optionalText.transform((v, ctx) => {
      if (v === undefined || v === 'off') return undefined;
      if (/^\d+$/.test(v)) return Number(v);
      if (/^[0-9a-fA-F.:/, ]+$|^(loopback|linklocal|uniquelocal)(\s*,\s*(loopback|linklocal|uniquelocal))*$/.test(v)) return v;
      ctx.addIssue({ code: 'custom', message: 'must be off, a hop count, loopback/linklocal/uniquelocal, or addresses/CIDRs separated by commas' });
      return z.NEVER;
    }),
    /** Multiplies every ceiling of the throttles of register, password reset and invitations (tests only raise it). */
    RATE_LIMIT_MULTIPLIER: int(1, 1, 100_000),
    /** How often an open websocket re-reads its session; a revoked session's socket closes within this. */
    WS_SESSION_RECHECK_SECONDS: int(60, 1, 3600),
    /** Seconds an API process reuses a loaded actor (user, session, role, verification); changes drop it at once everywhere (ADR 0041). 0: read on every request. */
    ACTOR_CACHE_SECONDS: int(30, 0, 60),
    /** Scoring threads of a full match-set rebuild, a rebuild range and the nightly reconcile (ADR 0043); unset: one per core; 1 scores in the calling thread. */
    MATCH_REBUILD_THREADS: z.coerce.number().int().min(1).max(256).optional(),
    /** Id ranges a full match-set rebuild is split into (ADR 0043); above 1, any worker process takes ranges through the queue. */
    MATCH_REBUILD_PARTITIONS: int(1, 1, 64),
    /** Listings a process keeps prepared for rescoring one firm (ADR 0043); 0: off (every rescoring loads every candidate listing). */
    MATCH_LISTING_CACHE_SIZE: int(DEFAULT_LISTING_CACHE_SIZE, 0, 1_000_000),
    /** Subscriptions one websocket may hold at once. */
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: int(10, 1, 1000),
    /** Websockets one user may hold open at once, per API process. */
    WS_MAX_SOCKETS_PER_USER: int(10, 1, 1000),
    SHUTDOWN_TIMEOUT_MS: int(10_000, 100, 120_000),
    /** Time a client has to send the whole request head (slow-headers attacks are cut off after it). */
    HTTP_HEADERS_TIMEOUT_MS: int(10_000, 1_000, 300_000),
    /** Time a client has to send the whole request, body included (uploads must fit in it). */
    HTTP_REQUEST_TIMEOUT_MS: int(120_000, 1_000, 3_600_000),
    /** An idle keep-alive socket closes after this. */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: int(5_000, 1_000, 600_000),
    /** Requests one keep-alive socket may serve before it is closed (0: no limit). */
    HTTP_MAX_REQUESTS_PER_SOCKET: int(1_000, 0, 1_000_000),
    /** Open connections per client address (socket address, not X-Forwarded-For); 0: off. */
    HTTP_MAX_CONNECTIONS_PER_ADDRESS: int(0, 0, 100_000),
    /** HTTP requests per client address (req.ip, TRUST_PROXY applies) per minute; 0: off. */
    HTTP_RATE_LIMIT_PER_MINUTE: int(0, 0, 10_000_000),
    /** Bearer token of GET /metrics on the main port (OPERATOR_TOKEN works too). */
    METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
    /** Serve /metrics, without a token, on this separate port (bound to METRICS_HOST) instead. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
    /** The queue board (/admin/queues) may retry, clean and promote jobs; off: read-only. */
    QUEUE_BOARD_WRITE: onOff.default('off'),
    /** Bearer token of operators: /health/ready details, /metrics (without METRICS_TOKEN), /admin/queues. */
    OPERATOR_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
    /** Outgoing mail: smtp://user:pass@host:587 or smtps://…; unset keeps mails in the database (GET /dev/mails). */
    SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
    MAIL_FROM: z.string().trim().min(3).max(200).refine((v) => !/[\r\n]/.test(v), { message: 'must be one line' }).default('专精特新企业服务平台 <no-reply@srdi.example>'),
    /** Base of the links in mails (invitations, password resets), e.g. https://srdi.nb.gov.cn. */
    PUBLIC_BASE_URL: optionalUrl(['http://', 'https://']),
    PLATFORM_NAME: z.string().trim().min(2).max(50).default('专精特新企业服务平台'),
    /** A working-day calendar file (JSON, format in README "Deadlines"); unset: the bundled calendar. Checked by libs/calendar at start. */
    WORKING_CALENDAR_FILE: optionalText,
    /** Reward policies (JSON array, format in README "Policy rewards") added to, or replacing by id, the shipped ones; checked by libs/rewards at start. */
    REWARD_POLICIES_FILE: optionalText,
    /** S3-compatible object store for uploaded files (attachments); unset keeps them under DATA_DIR/files. */
    S3_URL: optionalUrl(['http://', 'https://']),
    S3_BUCKET: optionalText.refine((v) => v === undefined || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v), { message: 'must be a bucket name (3–63 of a-z 0-9 . -)' }),
    S3_REGION: z.string().trim().min(1).max(50).default('us-east-1'),
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    /** Key prefix inside the bucket, e.g. "srdi/". */
    S3_PREFIX: optionalText.refine((v) => v === undefined || /^[a-z0-9][a-z0-9_./-]{0,60}\/$/.test(v), { message: 'must be lowercase path segments ending in "/"' }),
    /** HMAC key of attachment download links; unset derives one from JWT_SECRET. */
    FILE_LINK_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
    /** Lifetime of a signed attachment link. */
    FILE_LINK_TTL_SECONDS: int(600, 10, 24 * 3600),
    /** JSON object of push thresholds per listing kind (0–100), e.g. {"CREDIT_PRODUCT":70}; kinds and ranges checked by libs/matching. */
    PUSH_THRESHOLDS: numbersObject('{"CREDIT_PRODUCT":70,"CHALLENGE":55}'),
    /** Pushed recommendations one firm receives per Beijing day at most, all kinds together. */
    PUSH_DAILY_CAP: int(5, 1, 100),
    /** JSON object of service-institution ranking weights, e.g. {"success":0.3}; keys checked by libs/insights. */
    SERVICE_RANKING_WEIGHTS: numbersObject('{"success":0.3,"satisfaction":0.2}'),
  })
  .superRefine((c, ctx) => {
    if ((c.AUTHORITY_EMAIL === undefined) !== (c.AUTHORITY_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.AUTHORITY_EMAIL === undefined ? 'AUTHORITY_EMAIL' : 'AUTHORITY_PASSWORD'],
        message: 'must be set together with the other AUTHORITY_* variable',
      });
    }
    if (c.NODE_ENV === 'production') {
      for (const name of ['DATABASE_URL', 'JWT_SECRET', 'AUTHORITY_EMAIL'] as const) {
        if (c[name] === undefined) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when NODE_ENV=production' });
        }
      }
    }
    if (c.NODE_ENV === 'production' && c.DEMO_DATA === 'on') {
      ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'cannot be on in production (demo accounts share a public password)' });
    }
    if (c.S3_URL !== undefined && c.S3_BUCKET === undefined) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required with S3_URL' });
    }
    if ((c.S3_ACCESS_KEY_ID === undefined) !== (c.S3_SECRET_ACCESS_KEY === undefined)) {
      ctx.addIssue({ code: 'custom', path: [c.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY'], message: 'must be set together with the other S3_* key variable' });
    }
    if (c.HTTP_HEADERS_TIMEOUT_MS > c.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS' });
    }
    if (c.MEILI_URL !== undefined && c.MEILI_MASTER_KEY === undefined && c.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['MEILI_MASTER_KEY'], message: 'is required with MEILI_URL in production' });
    }
  });

type Env = z.infer<typeof schema>;

export type ProcessRole = 'all' | 'api' | 'worker';

/** Validated, typed configuration; built once at boot by {@link loadConfig}. */
export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  /** `undefined` selects embedded PostgreSQL. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  /** `undefined` selects BullMQ's PostgreSQL backend. */
  readonly redisUrl: string | undefined;
  readonly meiliUrl: string | undefined;
  readonly meiliMasterKey: string | undefined;
  readonly jwtSecret: string | undefined;
  readonly jwtTtlSeconds: number;
  readonly authority: { email: string; password: string } | undefined;
  /** Seed demo data on first start (embedded default) unless turned off. */
  readonly demoData: boolean;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly graphql: { maxDepth: number; maxAliases: number; maxCost: number };
  readonly workerConcurrency: number;
  /** Concurrency of the 'bulk' queue's worker (ADR 0017). */
  readonly workerBulkConcurrency: number;
  /** The embedded search replica's feed timings (ADR 0039). */
  readonly searchReplica: { pollMs: number; gapWaitMs: number; reconcileMs: number };
  /** All-in-one only: the 'imports' and 'bulk' queues' workers run in a worker thread (ADR 0038); off runs them on the main thread. */
  readonly backgroundThread: boolean;
  /** Days after an import ended before its stored file and parsed rows are cleared. */
  readonly importFileRetentionDays: number;
  /** Days the access log (reads of firms' protected data) keeps a row (ACCESS_LOG_RETENTION_DAYS). */
  readonly accessLogRetentionDays: number;
  /** Express "trust proxy" value; undefined: the socket's address is the client's. */
  readonly trustProxy: string | number | undefined;
  /** Multiplier of the RateLimiter ceilings (1 in production). */
  readonly rateLimitMultiplier: number;
  /** Seconds between session re-reads of an open websocket. */
  readonly wsSessionRecheckSeconds: number;
  /** Seconds a loaded actor is reused by its process (0: off); ADR 0041. */
  readonly actorCacheSeconds: number;
  /** Match sets: scoring threads (undefined: one per core) and id ranges of a full rebuild (ADR 0043); listings kept prepared for rescorings (0: off; ADR 0043). */
  readonly matching: { readonly rebuildThreads: number | undefined; readonly rebuildPartitions: number; readonly listingCacheSize: number };
  /** Limits of the graphql-ws endpoint: subscriptions per socket, open sockets per user (per process). */
  readonly websocket: { maxSubscriptionsPerSocket: number; maxSocketsPerUser: number };
  readonly shutdownTimeoutMs: number;
  /** HTTP server limits (ADR 0037); the per-address ones are off at 0. */
  readonly http: {
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly maxRequestsPerSocket: number;
    readonly maxConnectionsPerAddress: number;
    readonly rateLimitPerMinute: number;
  };
  /** GET /metrics: with `token` (METRICS_TOKEN or OPERATOR_TOKEN) on the main port, and/or without one on `port`. Neither: no /metrics. */
  readonly metrics: { readonly token: string | undefined; readonly port: number | undefined; readonly host: string };
  /** bull-board at /admin/queues (needs OPERATOR_TOKEN): read-only unless `write`. */
  readonly queueBoard: { readonly write: boolean };
  /** OPERATOR_TOKEN: opens /health/ready's details, /metrics and /admin/queues; undefined: operators use the AUTHORITY account where it applies. */
  readonly operatorToken: string | undefined;
  /** Pushed recommendations: threshold overrides per listing kind (validated by libs/matching at start) and the daily cap per firm. */
  readonly pushes: { readonly thresholds: Record<string, number> | undefined; readonly dailyCap: number };
  /** Overrides of the service-institution ranking weights (validated and normalised by libs/insights). */
  readonly serviceRankingWeights: Record<string, number> | undefined;
  /** Path of the working-day calendar file; undefined: the bundled one (libs/calendar). */
  readonly workingCalendarFile: string | undefined;
  readonly rewardPoliciesFile: string | undefined;
  readonly files: {
    /** Set: files go to this S3-compatible bucket; undefined: DATA_DIR/files. */
    readonly s3: { endpoint: string; bucket: string; region: string; accessKeyId?: string; secretAccessKey?: string; prefix?: string } | undefined;
    /** FILE_LINK_SECRET; undefined: derived from the JWT secret. */
    readonly linkSecret: string | undefined;
    readonly linkTtlSeconds: number;
  };
  readonly mail: {
    /** `undefined`: mails are kept in `mail_messages` (read at GET /dev/mails outside production). */
    readonly smtpUrl: string | undefined;
    readonly from: string;
    /** Absolute base of the links in mails; defaults to this server's own address. */
    readonly linkBase: string;
    readonly platformName: string;
  };
}

/** URLs may carry `user:password@`; the boot log must not show it. Greedy, so a stray `@` over-hides. */
const hideCredentials = (value: string) => value.replace(/\/\/.*@/, '//***@');

/** Parses and validates the environment; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const shown = env[variable];
    const value = shown === undefined || /SECRET|PASSWORD|KEY/.test(variable) ? '' : ` (got "${hideCredentials(shown)}")`;
    throw new ConfigError(variable, `${issue.message}${value}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    production: c.NODE_ENV === 'production',
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    redisUrl: c.REDIS_URL,
    meiliUrl: c.MEILI_URL,
    meiliMasterKey: c.MEILI_MASTER_KEY,
    jwtSecret: c.JWT_SECRET,
    jwtTtlSeconds: c.JWT_TTL_SECONDS,
    authority: c.AUTHORITY_EMAIL && c.AUTHORITY_PASSWORD
      ? { email: c.AUTHORITY_EMAIL, password: c.AUTHORITY_PASSWORD }
      : undefined,
    demoData: c.DEMO_DATA === undefined ? c.DATABASE_URL === undefined : c.DEMO_DATA === 'on',
    logLevel: c.LOG_LEVEL,
    graphql: { maxDepth: c.GRAPHQL_MAX_DEPTH, maxAliases: c.GRAPHQL_MAX_ALIASES, maxCost: c.GRAPHQL_MAX_COST },
    workerConcurrency: c.WORKER_CONCURRENCY,
    workerBulkConcurrency: c.WORKER_BULK_CONCURRENCY,
    backgroundThread: c.BACKGROUND_THREAD === 'on',
    searchReplica: { pollMs: c.SEARCH_REPLICA_POLL_MS, gapWaitMs: c.SEARCH_REPLICA_GAP_WAIT_MS, reconcileMs: c.SEARCH_REPLICA_RECONCILE_SECONDS * 1000 },
    importFileRetentionDays: c.IMPORT_FILE_RETENTION_DAYS,
    accessLogRetentionDays: c.ACCESS_LOG_RETENTION_DAYS,
    trustProxy: c.TRUST_PROXY,
    rateLimitMultiplier: c.RATE_LIMIT_MULTIPLIER,
    wsSessionRecheckSeconds: c.WS_SESSION_RECHECK_SECONDS,
    actorCacheSeconds: c.ACTOR_CACHE_SECONDS,
    matching: { rebuildThreads: c.MATCH_REBUILD_THREADS, rebuildPartitions: c.MATCH_REBUILD_PARTITIONS, listingCacheSize: c.MATCH_LISTING_CACHE_SIZE },
    websocket: { maxSubscriptionsPerSocket: c.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, maxSocketsPerUser: c.WS_MAX_SOCKETS_PER_USER },
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    http: {
      headersTimeoutMs: c.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: c.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: c.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxRequestsPerSocket: c.HTTP_MAX_REQUESTS_PER_SOCKET,
      maxConnectionsPerAddress: c.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
      rateLimitPerMinute: c.HTTP_RATE_LIMIT_PER_MINUTE,
    },
    operatorToken: c.OPERATOR_TOKEN,
    queueBoard: { write: c.QUEUE_BOARD_WRITE === 'on' },
    metrics: { token: c.METRICS_TOKEN ?? c.OPERATOR_TOKEN, port: c.METRICS_PORT, host: c.METRICS_HOST },
    pushes: { thresholds: c.PUSH_THRESHOLDS, dailyCap: c.PUSH_DAILY_CAP },
    serviceRankingWeights: c.SERVICE_RANKING_WEIGHTS,
    workingCalendarFile: c.WORKING_CALENDAR_FILE,
    rewardPoliciesFile: c.REWARD_POLICIES_FILE,
    files: {
      s3: c.S3_URL && c.S3_BUCKET
        ? { endpoint: c.S3_URL, bucket: c.S3_BUCKET, region: c.S3_REGION, accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY, prefix: c.S3_PREFIX }
        : undefined,
      linkSecret: c.FILE_LINK_SECRET,
      linkTtlSeconds: c.FILE_LINK_TTL_SECONDS,
    },
    mail: {
      smtpUrl: c.SMTP_URL,
      from: c.MAIL_FROM,
      linkBase: c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT || 3000}`,
      platformName: c.PLATFORM_NAME,
    },
  };
}

/** Injection token for {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
