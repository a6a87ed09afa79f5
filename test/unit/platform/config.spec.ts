import { describe, it, expect } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../libs/platform/src/config/config.js';

/** Runs loadConfig and returns the ConfigError it throws (fails the test if it does not throw one). */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const SECRET = 'a-jwt-secret-that-is-long-enough-0123456789';
const PROD_OK = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:db-pass-x1@db.internal:5432/srdi',
  JWT_SECRET: SECRET,
  AUTHORITY_EMAIL: 'authority@example.gov.cn',
  AUTHORITY_PASSWORD: 'authority-password-1',
};

describe('file store configuration', () => {
  it('S3_URL selects the S3 adapter and needs S3_BUCKET; keys come in pairs', () => {
    expect(loadConfig({ S3_URL: 'http://127.0.0.1:9000', S3_BUCKET: 'srdi-files' }).files.s3).toMatchObject({ endpoint: 'http://127.0.0.1:9000', bucket: 'srdi-files', region: 'us-east-1' });
    expect(() => loadConfig({ S3_URL: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET is required with S3_URL/);
    expect(() => loadConfig({ S3_URL: 'http://127.0.0.1:9000', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ S3_URL: 'http://127.0.0.1:9000', S3_BUCKET: 'srdi-files', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY must be set together/);
    expect(() => loadConfig({ FILE_LINK_SECRET: 'short' })).toThrow(/FILE_LINK_SECRET must be at least 32 characters/);
  });
});

describe('loadConfig defaults', () => {
  it('gives the embedded development defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      production: false,
      port: 3000,
      // Reachable from this machine only; docker/ sets HOST=0.0.0.0 (ADR 0037).
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '.data',
      embeddedPgPort: 54329,
      redisUrl: undefined,
      meiliUrl: undefined,
      meiliMasterKey: undefined,
      jwtSecret: undefined,
      jwtTtlSeconds: 12 * 3600,
      authority: undefined,
      demoData: true,
      logLevel: 'info',
      graphql: { maxDepth: 10, maxAliases: 15, maxCost: 5000 },
      workerConcurrency: 5,
      workerBulkConcurrency: 1,
      backgroundThread: true,
      searchReplica: { pollMs: 1_000, gapWaitMs: 10_000, reconcileMs: 300_000 },
      importFileRetentionDays: 30,
      accessLogRetentionDays: 730,
      actorCacheSeconds: 30,
      matching: { rebuildThreads: undefined, rebuildPartitions: 1, listingCacheSize: 50_000 },
      pushes: { thresholds: undefined, dailyCap: 5 },
      shutdownTimeoutMs: 10_000,
      trustProxy: undefined,
      rateLimitMultiplier: 1,
      wsSessionRecheckSeconds: 60,
      websocket: { maxSubscriptionsPerSocket: 10, maxSocketsPerUser: 10 },
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000, maxRequestsPerSocket: 1_000, maxConnectionsPerAddress: 0, rateLimitPerMinute: 0 },
      operatorToken: undefined,
      metrics: { token: undefined, port: undefined, host: '127.0.0.1' },
      queueBoard: { write: false },
      files: { s3: undefined, linkSecret: undefined, linkTtlSeconds: 600 },
      mail: { smtpUrl: undefined, from: '专精特新企业服务平台 <no-reply@srdi.example>', linkBase: 'http://localhost:3000', platformName: '专精特新企业服务平台' },
    });
  });

  it.each([
    ['loopback', 'loopback'],
    ['1', 1],
    ['10.0.0.0/8, 127.0.0.1', '10.0.0.0/8, 127.0.0.1'],
    ['off', undefined],
  ])('TRUST_PROXY=%s → %p', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it('refuses a TRUST_PROXY that express would misread, naming the variable', () => {
    expect(configError({ TRUST_PROXY: 'yes please' }).message).toMatch(/TRUST_PROXY/);
    expect(configError({ RATE_LIMIT_MULTIPLIER: '0' }).message).toMatch(/RATE_LIMIT_MULTIPLIER/);
  });

  it.each([
    ['SMTP_URL', 'http://mail.example', /must start with smtp:\/\/ or smtps:\/\//],
    ['PUBLIC_BASE_URL', 'ftp://srdi.example', /must start with http:\/\/ or https:\/\//],
    ['MAIL_FROM', 'a <b@c.d>\nBcc: x@y.z', /one line/],
    ['PLATFORM_NAME', 'x', /PLATFORM_NAME/],
  ])('refuses %s=%j', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it.each<[Record<string, string>, { rebuildThreads: number | undefined; rebuildPartitions: number; listingCacheSize: number }]>([
    [{ MATCH_REBUILD_THREADS: '1' }, { rebuildThreads: 1, rebuildPartitions: 1, listingCacheSize: 50_000 }],
    [{ MATCH_REBUILD_THREADS: '256', MATCH_REBUILD_PARTITIONS: '64' }, { rebuildThreads: 256, rebuildPartitions: 64, listingCacheSize: 50_000 }],
    [{ MATCH_REBUILD_PARTITIONS: '1', MATCH_LISTING_CACHE_SIZE: '0' }, { rebuildThreads: undefined, rebuildPartitions: 1, listingCacheSize: 0 }],
    [{ MATCH_LISTING_CACHE_SIZE: '1000000' }, { rebuildThreads: undefined, rebuildPartitions: 1, listingCacheSize: 1_000_000 }],
  ])('takes the match-set settings %j', (env, expected) => {
    expect(loadConfig(env).matching).toEqual(expected);
  });

  it.each([
    ['MATCH_REBUILD_THREADS', '0'],
    ['MATCH_REBUILD_THREADS', '257'],
    ['MATCH_REBUILD_THREADS', 'two'],
    ['MATCH_REBUILD_THREADS', '1.5'],
    ['MATCH_REBUILD_PARTITIONS', '0'],
    ['MATCH_REBUILD_PARTITIONS', '65'],
    ['MATCH_REBUILD_PARTITIONS', 'many'],
    ['MATCH_LISTING_CACHE_SIZE', '-1'],
    ['MATCH_LISTING_CACHE_SIZE', '1000001'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(configError({ [variable]: value }).message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('takes the mail settings', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@smtp.example:465', PUBLIC_BASE_URL: 'https://srdi.nb.example', PORT: '8080' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@smtp.example:465',
      from: '专精特新企业服务平台 <no-reply@srdi.example>',
      linkBase: 'https://srdi.nb.example',
      platformName: '专精特新企业服务平台',
    });
    expect(loadConfig({ PORT: '8080' }).mail.linkBase).toBe('http://localhost:8080');
  });

  it.each([
    ['no DATABASE_URL (embedded): demo data on', {}, true],
    ['DATABASE_URL set: demo data off', { DATABASE_URL: 'postgres://h/db' }, false],
    ['DATABASE_URL set, DEMO_DATA=on', { DATABASE_URL: 'postgres://h/db', DEMO_DATA: 'on' }, true],
    ['embedded, DEMO_DATA=off', { DEMO_DATA: 'off' }, false],
  ])('%s', (_name, env, demoData) => {
    expect(loadConfig(env).demoData).toBe(demoData);
  });

  it.each([
    ['empty strings count as unset', { DATABASE_URL: '', REDIS_URL: '', JWT_SECRET: '' }],
    ['whitespace-only URLs count as unset', { DATABASE_URL: '  ', REDIS_URL: ' ' }],
  ])('%s', (_name, env) => {
    const c = loadConfig(env);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.jwtSecret).toBeUndefined();
  });

  it('accepts a complete production environment', () => {
    const c = loadConfig({ ...PROD_OK, REDIS_URL: 'rediss://cache:6380', PORT: '8080' });
    expect(c).toMatchObject({
      production: true,
      port: 8080,
      databaseUrl: PROD_OK.DATABASE_URL,
      redisUrl: 'rediss://cache:6380',
      jwtSecret: SECRET,
      authority: { email: PROD_OK.AUTHORITY_EMAIL, password: PROD_OK.AUTHORITY_PASSWORD },
      demoData: false,
    });
  });
});

describe('loadConfig rejects bad values with a ConfigError naming the variable', () => {
  it.each<[string, Record<string, string>, string]>([
    ['PORT not a number', { PORT: 'abc' }, 'PORT'],
    ['PORT above 65535', { PORT: '70000' }, 'PORT'],
    ['PORT negative', { PORT: '-1' }, 'PORT'],
    ['PORT fractional', { PORT: '80.5' }, 'PORT'],
    ['DATABASE_URL of another database', { DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    ['DATABASE_URL not a URL', { DATABASE_URL: 'postgres://db:notaport/x' }, 'DATABASE_URL'],
    ['REDIS_URL over HTTP', { REDIS_URL: 'http://x' }, 'REDIS_URL'],
    ['MEILI_URL over redis', { MEILI_URL: 'redis://x' }, 'MEILI_URL'],
    ['JWT_SECRET too short', { JWT_SECRET: 'short-secret-value' }, 'JWT_SECRET'],
    ['AUTHORITY_EMAIL without AUTHORITY_PASSWORD', { AUTHORITY_EMAIL: 'a@b.cn' }, 'AUTHORITY_PASSWORD'],
    ['AUTHORITY_PASSWORD without AUTHORITY_EMAIL', { AUTHORITY_PASSWORD: 'long-enough-pass' }, 'AUTHORITY_EMAIL'],
    ['AUTHORITY_EMAIL not an address', { AUTHORITY_EMAIL: 'nobody', AUTHORITY_PASSWORD: 'long-enough-pass' }, 'AUTHORITY_EMAIL'],
    ['AUTHORITY_PASSWORD too short', { AUTHORITY_EMAIL: 'a@b.cn', AUTHORITY_PASSWORD: 'pw-123' }, 'AUTHORITY_PASSWORD'],
    ['production without DATABASE_URL', { ...PROD_OK, DATABASE_URL: '' }, 'DATABASE_URL'],
    ['production without JWT_SECRET', { ...PROD_OK, JWT_SECRET: '' }, 'JWT_SECRET'],
    ['production without AUTHORITY_EMAIL', { ...PROD_OK, AUTHORITY_EMAIL: '', AUTHORITY_PASSWORD: '' }, 'AUTHORITY_EMAIL'],
    ['production with MEILI_URL but no key', { ...PROD_OK, MEILI_URL: 'http://meili:7700' }, 'MEILI_MASTER_KEY'],
    ['NODE_ENV unknown', { NODE_ENV: 'staging' }, 'NODE_ENV'],
    ['LOG_LEVEL unknown', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['DEMO_DATA not on/off', { DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    ['WORKER_CONCURRENCY zero', { WORKER_CONCURRENCY: '0' }, 'WORKER_CONCURRENCY'],
    ['WORKER_BULK_CONCURRENCY zero', { WORKER_BULK_CONCURRENCY: '0' }, 'WORKER_BULK_CONCURRENCY'],
    ['IMPORT_FILE_RETENTION_DAYS zero', { IMPORT_FILE_RETENTION_DAYS: '0' }, 'IMPORT_FILE_RETENTION_DAYS'],
    ['IMPORT_FILE_RETENTION_DAYS not a number', { IMPORT_FILE_RETENTION_DAYS: 'thirty' }, 'IMPORT_FILE_RETENTION_DAYS'],
    ['IMPORT_FILE_RETENTION_DAYS over ten years', { IMPORT_FILE_RETENTION_DAYS: '3651' }, 'IMPORT_FILE_RETENTION_DAYS'],
    ['JWT_TTL_SECONDS below a minute', { JWT_TTL_SECONDS: '5' }, 'JWT_TTL_SECONDS'],
  ])('%s', (_name, env, variable) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toContain(variable);
    expect(err.message.length).toBeGreaterThan(`Invalid configuration: ${variable} `.length);
  });

  it('names one of the missing variables when production lacks all three', () => {
    // All three missing: the first one in the schema's order is reported.
    const err = configError({ NODE_ENV: 'production' });
    expect(['DATABASE_URL', 'JWT_SECRET', 'AUTHORITY_EMAIL']).toContain(err.variable);
  });

  it.each<[string, Record<string, string>]>([
    ['PORT', { PORT: 'abc' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DEMO_DATA', { DEMO_DATA: 'maybe' }],
  ])('echoes the rejected non-secret value of %s so it can be found', (variable, env) => {
    expect(configError(env).message).toContain(`"${env[variable]}"`);
  });
});

describe('loadConfig never echoes secrets', () => {
  it.each<[string, Record<string, string>, string]>([
    ['a short JWT_SECRET', { JWT_SECRET: 'hunter2-jwt-secret' }, 'hunter2-jwt-secret'],
    ['a short AUTHORITY_PASSWORD', { AUTHORITY_EMAIL: 'a@b.cn', AUTHORITY_PASSWORD: 'pw-hunt2' }, 'pw-hunt2'],
    ['AUTHORITY_PASSWORD without its e-mail', { AUTHORITY_PASSWORD: 'pw-hunter2-long-enough' }, 'pw-hunter2-long-enough'],
    ['MEILI_MASTER_KEY when MEILI_URL is bad', { MEILI_URL: 'ftp://m', MEILI_MASTER_KEY: 'meili-hunter2' }, 'meili-hunter2'],
    ['the password inside a rejected DATABASE_URL', { DATABASE_URL: 'mysql://app:db-hunter2@db:3306/x' }, 'db-hunter2'],
    ['the password inside a rejected REDIS_URL', { REDIS_URL: 'http://:redis-hunter2@cache:6379' }, 'redis-hunter2'],
    ['the password inside an unparseable DATABASE_URL', { DATABASE_URL: 'postgres://app:pg-hunter2@db:notaport/x' }, 'pg-hunter2'],
  ])('%s', (_name, env, secret) => {
    const err = configError(env);
    expect(err.message).not.toContain(secret);
    expect(String(err.stack)).not.toContain(secret);
  });

  it('still names the host of a rejected URL once its credentials are hidden', () => {
    const err = configError({ DATABASE_URL: 'mysql://app:db-hunter2@db.internal:3306/x' });
    expect(err.variable).toBe('DATABASE_URL');
    expect(err.message).toContain('db.internal');
  });
});

describe('loadConfig: HTTP limits', () => {
  it('refuses a headers timeout longer than the request timeout, and short operator tokens', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '60000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
    expect(() => loadConfig({ OPERATOR_TOKEN: 'short' })).toThrow(/OPERATOR_TOKEN must be at least 32 characters/);
    expect(loadConfig({ OPERATOR_TOKEN: 'o'.repeat(32) }).metrics.token).toBe('o'.repeat(32));
    expect(loadConfig({ OPERATOR_TOKEN: 'o'.repeat(32), METRICS_TOKEN: 'm'.repeat(32) }).metrics.token).toBe('m'.repeat(32));
  });
});
