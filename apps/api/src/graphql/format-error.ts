import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { APP_ERROR_CODES, AppError, echoInput, isServiceUnavailable } from '../../../../libs/platform/src/index.js';

/** Apollo's and graphql-js's codes for a request the client got wrong (its document, its operation). */
export const REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
] as const;

/** Codes whose messages are written for the client and can be shown as they are. */
const CLIENT_CODES = new Set<string>([...APP_ERROR_CODES, ...REQUEST_ERROR_CODES]);

export const UNAVAILABLE_MESSAGE = '服务暂时不可用（数据库或队列连接中断），请稍后重试 (service temporarily unavailable; retry shortly)';

/** graphql-armor's limits. */
const LIMIT = /(depth|aliases|directives) limit of (\d+) exceeded/i;
/** graphql-js' own token limit (parseOptions.maxTokens); "that" is its spelling. */
const TOKENS = /Document contains more (?:that|than) (\d+) tokens/;

/** A request limit the message reports, as [kind, what to tell the client], or undefined. */
function exceededLimit(message: string): [string, string] | undefined {
  const tokens = TOKENS.exec(message);
  if (tokens) return ['tokens', `Tokens limit of ${tokens[1]} exceeded.`];
  const limit = LIMIT.exec(message);
  return limit ? [limit[1]!.toLowerCase(), message.replace(/^Syntax Error: /, '')] : undefined;
}
/**
 * The longest message sent to a client. Messages that repeat the caller's input shorten it where they
 * are written (echoInput); this is the net under them, so no message grows with the request.
 */
export const MAX_ERROR_MESSAGE_CHARS = 2_000;
/** A double-quoted value in graphql-js' messages (its inspect() and JSON.stringify() quoting). */
const QUOTED = /"([^"\\]*(?:\\.[^"\\]*)*)"/g;
/**
 * Quoted text longer than this is a caller's value, not a schema name: names and coordinates stay
 * far below it (the longest, EnterpriseTierFactsInput.selfDevelopedInventionPatents, has 54).
 */
export const QUOTED_NAME_MAX_CHARS = 100;

/**
 * A client-facing message no longer than MAX_ERROR_MESSAGE_CHARS. graphql-js repeats the offending
 * value whole, once or twice ("Variable "$input" got invalid value "…" at "input.tier"; Value "…" does
 * not exist in "EnterpriseTier" enum."), so with `quotedValues` every quoted text longer than
 * QUOTED_NAME_MAX_CHARS is shortened by echoInput first; whatever is still too long is cut to its start.
 */
export function boundedMessage(message: string, quotedValues = false): string {
  const shortened = quotedValues ? message.replace(QUOTED, (whole, inner: string) => (inner.length > QUOTED_NAME_MAX_CHARS ? `"${echoInput(inner)}"` : whole)) : message;
  return echoInput(shortened, MAX_ERROR_MESSAGE_CHARS);
}

/** graphql-js gives up validating documents too costly to check (duplicated fields, fragments). */
const ABORTED = 'Validation aborted.';

/**
 * Shapes every error sent to clients: our AppErrors keep their code and message, GraphQL's own
 * request errors pass through, a backing service that is unreachable becomes SERVICE_UNAVAILABLE,
 * and anything else unexpected becomes a generic INTERNAL_SERVER_ERROR
 * (logged server-side with its stack). Stack traces leave the server only in development.
 */
export function createErrorFormatter(options: { development: boolean; log: (err: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const stack = options.development && formatted.extensions?.stacktrace ? { stacktrace: formatted.extensions.stacktrace } : {};
    if (original instanceof AppError) {
      return {
        message: boundedMessage(original.message),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...original.details, code: original.code, ...stack },
      };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (formatted.message === ABORTED) {
      return {
        message: '查询过于复杂，无法校验：请删除重复的字段和片段 (validation aborted: the document repeats fields or fragments too often to check; remove the duplicates)',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      };
    }
    const limit = exceededLimit(formatted.message);
    if (limit) {
      return {
        message: `查询超出限制：${limit[1]} 请拆分查询或减少嵌套/别名/重复字段 (split the query)`,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', limit: limit[0] },
      };
    }
    if (CLIENT_CODES.has(code)) {
      const { stacktrace: _drop, ...rest } = formatted.extensions ?? {};
      return { ...formatted, message: boundedMessage(formatted.message, true), extensions: { ...rest, ...stack } };
    }
    options.log(original);
    if (isServiceUnavailable(original)) {
      // An outage, not a bug: say so, so clients retry. A write cut off mid-commit may or may not have happened.
      return {
        message: UNAVAILABLE_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', ...stack },
      };
    }
    return {
      message: '服务器内部错误，请稍后重试 (internal server error; the request was not completed)',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...stack },
    };
  };
}
