import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNamedType, getOperationAST, getVariableValues, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** Page size asked for: `first` (or `input.first`, search), else the argument's default, else 20. */
function pageSize(args: Record<string, unknown>, field: GraphQLField<unknown, unknown>): number {
  const asked = typeof args.first === 'number' ? args.first : (args.input as { first?: unknown } | undefined)?.first;
  if (typeof asked === 'number') return Math.max(1, asked);
  const fallback = field.args?.find((a) => a.name === 'first')?.defaultValue;
  return typeof fallback === 'number' ? Math.max(1, fallback) : 20;
}

/**
 * Lists cost their child cost times the page size asked for (`first`, default 20). A Relay
 * connection (`…Connection`, ADR 0032) costs its child cost times its `first`: its lists (`edges`,
 * a timeline's `entries`) are counted once per node there, not again.
 */
const listEstimator: ComplexityEstimator = ({ args, childComplexity, field, type }) => {
  const isList = String(field.type).includes('[');
  const named = getNamedType(field.type).name;
  // A connection's lists (edges, or entries of a timeline) hold the page its `first` already counted.
  if (isList && type.name.endsWith('Connection')) return 1 + childComplexity;
  if (!isList && named.endsWith('Connection')) return 1 + childComplexity * pageSize(args, field);
  if (!isList) return undefined;
  return 1 + childComplexity * pageSize(args, field);
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
