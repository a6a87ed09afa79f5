import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNamedType, getNullableType, getOperationAST, getVariableValues, isInputObjectType, isListType, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { MATCH_KINDS, MATCH_SET_BOUNDS } from '../../../../libs/matching/src/index.js';

/** Rows a list without a `first` argument is assumed to return. */
const DEFAULT_LIST_SIZE = 20;

/**
 * The most rows a paginated field can return whatever `first` asks for, where that is below `first`:
 * recommendations come from the stored match set, the best {@link MATCH_SET_BOUNDS.perKind} of each
 * kind asked for (every kind when none is named).
 */
const REAL_MAXIMUM: Record<string, (args: Record<string, unknown>) => number> = {
  'Query.recommendations': (args) => MATCH_SET_BOUNDS.perKind * (Array.isArray(args.kinds) && args.kinds.length > 0 ? new Set(args.kinds).size : MATCH_KINDS.length),
};

/** The page a field asks for: its `first` argument, or `first` of its `input` (search); undefined when it takes none. */
function pageSizeArg(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
  if (field.args.some((a) => a.name === 'first')) return typeof args.first === 'number' ? args.first : DEFAULT_LIST_SIZE;
  const input = field.args.find((a) => a.name === 'input');
  const inputType = input && getNamedType(input.type);
  if (inputType && isInputObjectType(inputType) && 'first' in inputType.getFields()) {
    const first = (args.input as { first?: unknown } | undefined)?.first;
    return typeof first === 'number' ? first : DEFAULT_LIST_SIZE;
  }
  return undefined;
}

/** The list of one page inside a paginated result (a connection's edges/nodes, search's hits): its size is counted at the paginated field. */
const PAGE_LISTS = new Set(['edges', 'nodes', 'hits']);

/**
 * Paginated fields (every field with `first`, or `input.first`: listings, search, matchRequests,
 * auditLog, leads, recommendations …) cost their child cost times the page asked for, capped by the
 * field's real maximum; the page's own list inside (edges, nodes, hits) is then counted once. Other
 * lists cost their child cost times {@link DEFAULT_LIST_SIZE}.
 */
const listEstimator: ComplexityEstimator = ({ args, childComplexity, field, type }) => {
  const asked = pageSizeArg(field, args);
  if (asked !== undefined) {
    const max = REAL_MAXIMUM[`${type.name}.${field.name}`]?.(args) ?? Infinity;
    return 1 + childComplexity * Math.min(Math.max(1, asked), max);
  }
  if (!isListType(getNullableType(field.type))) return undefined;
  if (PAGE_LISTS.has(field.name) && /(Connection|Result)$/.test(type.name)) return 1 + childComplexity;
  return 1 + childComplexity * DEFAULT_LIST_SIZE;
};

/**
 * Schema introspection (`__schema`, `__type`) walks a bounded, static schema and costs nothing to
 * the database; priced as lists it would cost far above any limit and lock out the sandbox and
 * codegen. Production disables introspection outright.
 */
const introspectionEstimator: ComplexityEstimator = ({ field }) =>
  field.name === '__schema' || field.name === '__type' ? 0 : undefined;

/** Built once: the estimators are stateless. */
const ESTIMATORS: ComplexityEstimator[] = [introspectionEstimator, fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })];

/**
 * The cost check itself: an error when the operation's estimated cost is above `maxCost`.
 * Skipped (undefined) when the variables do not coerce: execution reports those as BAD_USER_INPUT.
 */
export function complexityError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  maxCost: number,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  // Variables are coerced only later, at execution; getComplexity would throw a bare
  // GraphQLError on a bad one (answered as a 500). Leave those to Apollo: BAD_USER_INPUT.
  const variables = getVariableValues(schema, operation?.variableDefinitions ?? [], rawVariables ?? {});
  if (variables.errors) return undefined;
  const cost = getComplexity({
    schema,
    operationName: operationName ?? undefined,
    query: document,
    variables: rawVariables ?? {},
    estimators: ESTIMATORS,
  });
  if (cost <= maxCost) return undefined;
  return new GraphQLError(
    `查询成本 ${cost} 超过上限 ${maxCost}：请减少请求的字段或分页大小 (query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer fields or smaller pages)`,
    // Thrown from a plugin hook, Apollo would answer 500 unless told this is the client's doing.
    { extensions: { code: 'BAD_USER_INPUT', limit: 'cost', cost, maxCost, http: { status: 400 } } },
  );
}

/** Rejects operations whose estimated cost is above `maxCost` before they run. */
export function complexityPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const error = complexityError(schema, document, request.operationName, request.variables, maxCost);
          if (error) throw error;
        },
      };
    },
  };
}
