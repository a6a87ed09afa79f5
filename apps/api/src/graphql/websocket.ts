import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context as WsContext, ServerOptions } from 'graphql-ws';
import type { Authentication } from './request-context.js';
import { complexityError } from './complexity.plugin.js';

/** What a graphql-ws connection keeps between its callbacks (`ctx.extra`). */
export interface WsExtra {
  /** The `ws` socket; only `close` is used. */
  readonly socket: { close(code: number, reason: string): void };
  /** The HTTP upgrade request. */
  readonly request: IncomingMessage;
  /** Set by onConnect once the token is accepted. */
  auth?: Authentication;
  /** Closes the socket when the token expires. */
  expiryTimer?: NodeJS.Timeout;
  /** Re-reads the session now and then; closes the socket once it has ended (logout, revocation). */
  sessionTimer?: NodeJS.Timeout;
  /** The user this socket is counted for (per-user socket limit); released on close. */
  countedUser?: string;
}

export type SubscriptionWsContext = WsContext<Record<string, unknown> | undefined, WsExtra>;

/** 4401 Unauthorized (graphql-ws): no token or a refused one. Clients do not retry it. */
export const WS_UNAUTHORIZED = 4401;

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > 123) break;
    out += ch;
  }
  return out;
}

export const NO_TOKEN_REASON = 'UNAUTHENTICATED: send connectionParams { authorization: "Bearer <token>" } (请先登录)';
export const EXPIRED_REASON = 'UNAUTHENTICATED: access token expired; reconnect with a new token (令牌已过期)';

/**
 * Subscriptions one connection may hold at once (WS_MAX_SUBSCRIPTIONS_PER_SOCKET). A client needs one
 * per feed (a few); each holds a pub/sub subscriber and its buffer, so a socket cannot open thousands.
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;
/** Open sockets one user may hold in one process (WS_MAX_SOCKETS_PER_USER): a few tabs, not thousands. */
export const MAX_SOCKETS_PER_USER = 10;

/** 4429: too many sockets for this user; the client should close one before reconnecting. */
export const WS_TOO_MANY = 4429;

/** setTimeout's longest delay (about 24.8 days); a token living longer is re-armed. */
const MAX_TIMER_MS = 2_147_483_647;


/** The `Authorization`-style value of the connection params: `authorization`, `Authorization`, or a bare `token`. */
export function authorizationParam(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  for (const key of ['authorization', 'Authorization']) {
    const v = params[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  const token = params.token;
  if (typeof token === 'string' && token.trim() !== '') {
    const t = token.trim();
    return /^Bearer\s/i.test(t) ? t : `Bearer ${t}`;
  }
  return undefined;
}

export interface WsOptionsDeps {
  /** Checks an `Authorization` header value, as HTTP requests are checked. */
  authenticate(header: string): Promise<Authentication>;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  maxCost: number;
  /** The same formatter as HTTP responses: codes kept, unexpected errors masked. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /**
   * How often an open connection re-reads its session (one statement per connection per period);
   * an ended session closes it with 4401. New connections are always checked at once.
   */
  sessionRecheckMs?: number;
  /** Defaults {@link MAX_SUBSCRIPTIONS_PER_CONNECTION}. */
  maxSubscriptionsPerSocket?: number;
  /** Defaults {@link MAX_SOCKETS_PER_USER}. */
  maxSocketsPerUser?: number;
}

/** An open socket outlives a revoked session by at most this long. */
export const SESSION_RECHECK_MS = 60_000;

const requestError = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/**
 * graphql-ws options for `subscriptions['graphql-ws']`: authentication at connection (refused with
 * 4401 and a reason naming what is wrong), subscriptions only (queries and mutations go over HTTP),
 * the same depth/alias/directive/token/cost limits as HTTP, and the same error shapes.
 */
export function websocketOptions(deps: WsOptionsDeps) {
  const rules = [...specifiedRules, ...deps.validationRules];
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => deps.formatError(e.toJSON(), e));
  const maxSubscriptions = deps.maxSubscriptionsPerSocket ?? MAX_SUBSCRIPTIONS_PER_CONNECTION;
  const maxSockets = deps.maxSocketsPerUser ?? MAX_SOCKETS_PER_USER;
  /** Open, authenticated sockets per user id in this process. */
  const socketsByUser = new Map<string, number>();
  const release = (extra: WsExtra) => {
    const user = extra.countedUser;
    if (user === undefined) return;
    extra.countedUser = undefined;
    const left = (socketsByUser.get(user) ?? 1) - 1;
    if (left > 0) socketsByUser.set(user, left);
    else socketsByUser.delete(user);
  };

  const options: Partial<ServerOptions<Record<string, unknown> | undefined, WsExtra>> & { path: string } = {
    path: '/graphql',
    // A client that opens the socket must authenticate (ConnectionInit) within 5 s.
    connectionInitWaitTimeout: 5_000,

    async onConnect(ctx) {
      const refuse = (reason: string) => {
        ctx.extra.socket.close(WS_UNAUTHORIZED, closeReason(reason));
        // graphql-ws then tries 4403; the socket is already closing with the reason above.
        return false;
      };
      const header = authorizationParam(ctx.connectionParams);
      if (!header) return refuse(NO_TOKEN_REASON);
      const auth = await deps.authenticate(header);
      if (auth.problem || !auth.actor) return refuse(`UNAUTHENTICATED: ${auth.problem ?? NO_TOKEN_REASON}`);
      const userId = auth.actor.userId;
      const open = socketsByUser.get(userId) ?? 0;
      if (open >= maxSockets) {
        ctx.extra.socket.close(WS_TOO_MANY, closeReason(`TOO_MANY_CONNECTIONS: at most ${maxSockets} open websockets per user (每个账号最多 ${maxSockets} 个连接)`));
        return false;
      }
      socketsByUser.set(userId, open + 1);
      ctx.extra.countedUser = userId;
      ctx.extra.auth = auth;
      // The token is checked once, here; a connection must not outlive it.
      const { expiresAt } = auth;
      if (expiresAt !== undefined) {
        const arm = () => {
          const left = expiresAt - Date.now();
          if (left <= 0) ctx.extra.socket.close(WS_UNAUTHORIZED, closeReason(EXPIRED_REASON));
          else (ctx.extra.expiryTimer = setTimeout(arm, Math.min(left, MAX_TIMER_MS))).unref();
        };
        arm();
      }
      const recheck = async () => {
        const again = await deps.authenticate(header).catch(() => undefined);
        // A database hiccup is not a revocation: the next period tries again.
        if (again === undefined) return;
        if (again.problem || !again.actor) {
          clearInterval(ctx.extra.sessionTimer);
          ctx.extra.socket.close(WS_UNAUTHORIZED, closeReason(`UNAUTHENTICATED: ${again.problem ?? NO_TOKEN_REASON}`));
        }
      };
      (ctx.extra.sessionTimer = setInterval(() => void recheck(), deps.sessionRecheckMs ?? SESSION_RECHECK_MS)).unref();
      return true;
    },

    onClose(ctx) {
      clearTimeout(ctx.extra.expiryTimer);
      clearInterval(ctx.extra.sessionTimer);
      // Runs for every socket closure, acknowledged or not.
      release(ctx.extra);
    },

    // Errors returned here go to the client as an Error message (formatted by onError below).
    onSubscribe(ctx, _id, payload) {
      // graphql-ws has already reserved this subscription's id in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > maxSubscriptions) {
        return [
          new GraphQLError(
            `每个连接最多同时 ${maxSubscriptions} 个订阅，请先结束不用的订阅 (at most ${maxSubscriptions} subscriptions per connection; complete one first)`,
            { extensions: { code: 'BAD_REQUEST', limit: 'subscriptions' } },
          ),
        ];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: deps.maxTokens });
      } catch (err) {
        const message = (err as Error).message;
        // The formatter (onError) turns the token limit into BAD_USER_INPUT, as over HTTP.
        return [requestError(message, 'GRAPHQL_PARSE_FAILED')];
      }
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return [requestError('Unable to identify the operation (send exactly one, or name it in operationName)', 'BAD_REQUEST')];
      if (operation.operation !== 'subscription') {
        return [
          requestError(
            `WebSocket 仅用于订阅；查询与变更请通过 HTTP POST 发送 (only subscriptions over the websocket; send ${operation.operation} operations over HTTP POST)`,
            'BAD_REQUEST',
          ),
        ];
      }
      // Nothing returned: graphql-ws parses again and validates with `validate` below.
      return undefined;
    },

    validate(schema: GraphQLSchema, document: DocumentNode) {
      return validate(schema, document, rules).map((e) =>
        /limit of \d+ exceeded/i.test(e.message) || e.extensions?.code
          ? e
          : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );
    },

    subscribe(args: ExecutionArgs) {
      const tooCostly = complexityError(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown>, deps.maxCost);
      if (tooCostly) return { errors: [tooCostly] };
      return subscribe(args);
    },

    onError(_ctx, _id, _payload, errors) {
      return format(errors);
    },

    onNext(_ctx, _id, _payload, _args, result) {
      if (!result.errors?.length) return undefined;
      return { ...result, errors: format(result.errors as readonly GraphQLError[]) };
    },
  };
  return options;
}

/** True for the graphql-ws context (first argument of the context function over the websocket). */
export function isWsContext(arg: unknown): arg is SubscriptionWsContext {
  return typeof arg === 'object' && arg !== null && 'extra' in arg && 'connectionInitReceived' in arg;
}

/**
 * Over HTTP, Apollo would run a subscription like a query and fail inside it (an internal error);
 * refuse it up front with a message that says where subscriptions live.
 */
export function noSubscriptionsOverHttpPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            '订阅需通过 WebSocket（graphql-ws 协议，路径 /graphql）发起 (subscriptions run over the websocket only: graphql-ws protocol at /graphql, ' +
              'connectionParams { authorization: "Bearer <token>" })',
            { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
