import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { inputGuardPlugin } from './input-guard.plugin.js';
import type { Request } from 'express';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig, Metrics } from '../../../../libs/platform/src/index.js';
import type { IdentityService, VerificationService, TokenService } from '../../../../libs/identity/src/index.js';
import type { TierAssessmentEntity, TierAssessmentService } from '../../../../libs/tier-assessments/src/index.js';
import type { ListingService, ChallengeApplicationService } from '../../../../libs/listings/src/index.js';
import type { MatchRequestService } from '../../../../libs/matching/src/index.js';
import type { AccessLogService, AccessRecord } from '../../../../libs/enterprises/src/index.js';
import DataLoader from 'dataloader';
import { complexityPlugin } from './complexity.plugin.js';
import { auditMutationFields, auditPlugin } from './audit.plugin.js';
import type { AuditLogService } from '../../../../libs/insights/src/index.js';
import { createErrorFormatter } from './format-error.js';
import { errorLogPlugin, loggableError, metricsPlugin } from './error-log.js';
import { RequestContext, byIdLoader, type Authentication, type Loaders } from './request-context.js';
import { DateTimeScalar } from './scalars.js';
import { answerPrefetchedFields } from './prefetched-fields.js';
import { describeRootTypes } from './root-types.js';
import { isWsContext, noSubscriptionsOverHttpPlugin, websocketOptions } from './websocket.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const SCHEMA_FILE = join(repoRoot, 'schema.gql');

/** A token whose session was ended (logout, revocation, password change or reset) or has expired. */
export const SESSION_ENDED = '会话已失效，请重新登录 (the session has ended or expired; sign in again)';

/** Checks an `Authorization` value ("Bearer <token>"): HTTP headers and websocket connection params alike. */
export async function authenticateHeader(header: string | undefined, identity: IdentityService, tokens: TokenService): Promise<Authentication> {
  if (!header) return {};
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { problem: 'Authorization 头格式应为 "Bearer <token>" (malformed Authorization header)' };
  const check = await tokens.verify(match[1]!);
  if (!check.ok) return { problem: check.reason };
  // A token without a session (issued before sessions existed) is refused without a read.
  if (!check.claims.sessionId) return { problem: SESSION_ENDED };
  // Through the process's actor cache (ADR 0041): no read while nothing about the caller changed.
  const loaded = await identity.actorForSession(check.claims.userId, check.claims.sessionId);
  if (!loaded || loaded.actor.organizationId !== check.claims.organizationId) {
    return { problem: '该账号已不存在，请重新登录 (the account behind this token no longer exists)' };
  }
  if (!loaded.sessionActive) return { problem: SESSION_ENDED };
  return { actor: loaded.actor, expiresAt: check.expiresAt };
}

/** The services the per-request loaders read through. */
export interface LoaderSources {
  identity: IdentityService;
  verification: VerificationService;
  assessments: TierAssessmentService;
  listings: ListingService;
  applications: ChallengeApplicationService;
  matchRequests: MatchRequestService;
  accessLog: AccessLogService;
}

/** Fresh per request, so nothing is cached across callers. */
function createLoaders({ identity, verification, assessments, listings, applications, matchRequests, accessLog }: LoaderSources): Loaders {
  return {
    accessLog: new DataLoader(
      async (rows: readonly AccessRecord[]) => {
        await accessLog.write(rows);
        return rows.map(() => true as const);
      },
      { cache: false, maxBatchSize: 1000 },
    ),
    providerStats: new DataLoader((ids: readonly string[]) => matchRequests.providerStats(ids)),
    listing: new DataLoader(async (ids: readonly string[]) => {
      const rows = await listings.byIds(ids);
      const map = new Map(rows.map((r) => [r.listing.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    applicationsByChallenge: new DataLoader((ids: readonly string[]) => applications.loadByChallengeIds(ids)),
    matchRequest: byIdLoader((ids) => matchRequests.byIds(ids)),
    challengeApplication: byIdLoader((ids) => applications.byIds(ids)),
    organization: byIdLoader((ids) => identity.organizationsByIds(ids)),
    user: byIdLoader((ids) => identity.usersByIds(ids)),
    claimConflict: new DataLoader((ids: readonly string[]) => verification.claimConflicts(ids)),
    park: byIdLoader((ids) => listings.parksByIds(ids)),
    assessments: new DataLoader(async (keys: readonly string[]) => {
      const byRuleSet = new Map<string, string[]>();
      for (const key of keys) {
        const [org, ruleSet] = key.split('|') as [string, string];
        byRuleSet.set(ruleSet, [...(byRuleSet.get(ruleSet) ?? []), org]);
      }
      const found = new Map<string, TierAssessmentEntity[]>();
      for (const [ruleSet, orgs] of byRuleSet) {
        for (const [org, rows] of await assessments.latest(orgs, ruleSet || undefined)) found.set(`${org}|${ruleSet}`, rows);
      }
      return keys.map((k) => found.get(k) ?? []);
    }),
  };
}

const MAX_TOKENS = 2_000;

/** Apollo, code-first, with the request limits and error policy of the product. */
export function graphqlOptions(config: AppConfig, tokens: TokenService, sources: LoaderSources, logger: Logger, audit?: AuditLogService, metrics?: Metrics): ApolloDriverConfig {
  const { identity } = sources;
  // Over HTTP errors are logged by errorLogPlugin, which knows the request id; over the websocket here.
  const formatError = createErrorFormatter({ development: config.env === 'development', log: () => undefined });
  const formatWsError = createErrorFormatter({
    development: config.env === 'development',
    log: (err) => logger.error({ error: loggableError(err) }, 'unexpected error in a GraphQL subscription'),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, ignoreIntrospection: true },
    // armor exempts `__typename` by default; every alias multiplies the response, so all count.
    maxAliases: { n: config.graphql.maxAliases, allowList: [] },
    maxDirectives: { n: 20 },
    // graphql-js counts tokens itself (parseOptions below); armor's token plugin answered 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false }, // graphql-query-complexity below knows list sizes
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  return {
    path: '/graphql',
    // The committed schema.gql is written by development runs; tests and production build it in memory.
    autoSchemaFile: config.env === 'development' ? SCHEMA_FILE : true,
    sortSchema: true,
    // Root types get their descriptions here, in the served schema and in the written schema.gql alike.
    // Root type descriptions; mutation fields report to the audit log; prefetched fields answered without Nest's resolver pipeline.
    transformSchema: (schema) => answerPrefetchedFields(auditMutationFields(describeRootTypes(schema))),
    transformAutoSchemaFile: true,
    playground: false,
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: config.env === 'development',
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    // @nestjs/apollo's typings point at Apollo's CommonJS declarations; the runtime objects are the same.
    plugins: [
      ...armor.plugins,
      // Before the cost check, whose variable coercion recurses into whatever JSON it is given.
      inputGuardPlugin(),
      complexityPlugin(config.graphql.maxCost),
      errorLogPlugin(logger),
      ...(metrics ? [metricsPlugin(metrics)] : []),
      ...(audit ? [auditPlugin(audit, (err) => logger.error({ error: loggableError(err) }, 'could not write the audit log'))] : []),
      noSubscriptionsOverHttpPlugin(),
      config.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
      // Apollo installs these unless told not to (ADR 0041). Cache control adds a hook to every
      // field resolved and sets no header here (no field has a cache hint); the others would only
      // look for Apollo's hosted services (APOLLO_KEY) or a federated subgraph, neither of which this is.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ] as unknown as ApolloDriverConfig['plugins'],
    // Apollo pretty-prints responses by default (two-space indentation): compact JSON is smaller and cheaper.
    stringifyResult: (result: unknown) => JSON.stringify(result),
    formatError,
    // Subscriptions over graphql-ws on the same path; HTTP answers a subscription with an error.
    subscriptions: {
      'graphql-ws': websocketOptions({
        authenticate: (header) => authenticateHeader(header, identity, tokens),
        validationRules: armor.validationRules,
        maxTokens: MAX_TOKENS,
        maxCost: config.graphql.maxCost,
        formatError: formatWsError,
        sessionRecheckMs: config.wsSessionRecheckSeconds * 1000,
        maxSubscriptionsPerSocket: config.websocket.maxSubscriptionsPerSocket,
        maxSocketsPerUser: config.websocket.maxSocketsPerUser,
      }) as NonNullable<ApolloDriverConfig['subscriptions']>['graphql-ws'],
    },
    // HTTP: one context per request. WebSocket: one per subscription, with the actor the
    // connection authenticated as (onConnect) and loaders renewed for every event delivered.
    context: async (arg: { req: Request } | unknown) => {
      if (isWsContext(arg)) {
        return new RequestContext(arg.extra.request as Request, arg.extra.auth ?? {}, createLoaders(sources), () => createLoaders(sources));
      }
      const { req } = arg as { req: Request };
      const auth = await authenticateHeader(req.headers.authorization, identity, tokens);
      return new RequestContext(req, auth, createLoaders(sources));
    },
  };
}
