import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { MATCH_KINDS, MATCH_SET_BOUNDS, WEIGHTS } from '../../../../libs/matching/src/index.js';

/** The largest page any paginated field serves (checkPageSize). */
const MAX_PAGE = 100;
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

/** The list of one page inside a paginated result (a connection's edges/nodes/entries, search's hits): its size is counted at the paginated field. */
const PAGE_LISTS = new Set(['edges', 'nodes', 'entries', 'hits']);

/** Lists without `first` whose real size is known and below {@link DEFAULT_LIST_SIZE}: a match's reasons, one per scoring factor at most. */
const MAX_FACTORS = Math.max(...Object.values(WEIGHTS).map((w) => Object.keys(w).length));
const LIST_SIZE: Record<string, number> = { 'Recommendation.reasons': MAX_FACTORS, 'Lead.reasons': MAX_FACTORS };

/** The page a paginated field serves: `first` (or input.first) within 1..MAX_PAGE and the field's real maximum. */
function pageSize(parentType: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
  const asked = pageSizeArg(field, args);
  if (asked === undefined) return undefined;
  const max = REAL_MAXIMUM[`${parentType}.${field.name}`]?.(args) ?? Infinity;
  // Above MAX_PAGE the resolver refuses the page naming its field: price the largest page allowed.
  return Math.min(Math.max(1, asked), MAX_PAGE, max);
}

/** The page lists (edges, nodes, entries, hits) directly under `selectionSet`, through inline fragments and spreads. */
function pageLists(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((sel) => {
    if (sel.kind === Kind.FIELD) return PAGE_LISTS.has(sel.name.value) ? [sel] : [];
    if (sel.kind === Kind.INLINE_FRAGMENT) return pageLists(sel.selectionSet, fragments, seen);
    const name = sel.name.value;
    if (seen.has(name)) return [];
    seen.add(name);
    return pageLists(fragments.get(name)?.selectionSet, fragments, seen);
  });
}

/**
 * For every paginated field that returns one object (a connection, SearchResult), the page size its
 * page list (edges/nodes/entries/hits) is counted with: only the page grows with `first`, not
 * totalCount, pageInfo or facets beside it.
 */
function pageListSizes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): Map<FieldNode, number> {
  const sizes = new Map<FieldNode, number>();
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!def || !parent || isListType(getNullableType(def.type))) return;
        let n: number | undefined;
        try {
          n = pageSize(parent.name, def, getArgumentValues(def, node, variables));
        } catch {
          return; // a bad argument: execution reports it
        }
        if (n === undefined) return;
        for (const list of pageLists(node.selectionSet, fragments)) sizes.set(list, Math.max(sizes.get(list) ?? 0, n));
      },
    }),
  );
  return sizes;
}

/**
 * Paginated fields (every field with `first`, or `input.first`: listings, search, matchRequests,
 * auditLog, leads, recommendations …) cost their page size times their rows, capped by the field's
 * real maximum: a list-typed one (leads, recommendations) multiplies its child cost, a connection
 * (or SearchResult) multiplies its page list (edges/nodes/entries/hits) only. Other lists cost their
 * child cost times their known size, else {@link DEFAULT_LIST_SIZE}.
 */
function listEstimator(sizes: Map<FieldNode, number>): ComplexityEstimator {
  return ({ args, childComplexity, field, type, node }) => {
    const isList = isListType(getNullableType(field.type));
    const n = pageSize(type.name, field, args);
    if (n !== undefined) return isList ? 1 + childComplexity * n : 1 + childComplexity;
    if (!isList) return undefined;
    const page = sizes.get(node);
    if (page !== undefined) return 1 + childComplexity * page;
    return 1 + childComplexity * (LIST_SIZE[`${type.name}.${field.name}`] ?? DEFAULT_LIST_SIZE);
  };
}

/**
 * Schema introspection (`__schema`, `__type`) walks a bounded, static schema and costs nothing to
 * the database; priced as lists it would cost far above any limit and lock out the sandbox and
 * codegen. Production disables introspection outright.
 */
const introspectionEstimator: ComplexityEstimator = ({ field }) =>
  field.name === '__schema' || field.name === '__type' ? 0 : undefined;

const FIELD_EXTENSIONS = fieldExtensionsEstimator();
const SIMPLE = simpleEstimator({ defaultComplexity: 1 });

/** Operations whose cost is remembered at most (a client sending unique documents only churns this many). */
export const COST_CACHE_ENTRIES = 2_000;
/** A variables shape longer than this is not remembered (the cost is computed, as before). */
const MAX_SHAPE_LENGTH = 512;

/**
 * The variables as far as the cost can depend on them: Int, Float, Boolean and enum values (page
 * sizes, `kinds`, @skip/@include) verbatim; strings, ids and other scalars as `s` (the estimators
 * never read them); lists item by item, input objects field by field. Undefined when it would be
 * longer than {@link MAX_SHAPE_LENGTH}.
 */
export function variablesShape(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], coerced: Record<string, unknown>): string | undefined {
  let length = 0;
  const shapeOf = (value: unknown, type: GraphQLInputType): string => {
    if (length > MAX_SHAPE_LENGTH) return '';
    let out: string;
    if (value === null || value === undefined) out = 'n';
    else if (isNonNullType(type)) return shapeOf(value, type.ofType);
    else if (isListType(type)) out = `[${(Array.isArray(value) ? value : [value]).map((v) => shapeOf(v, type.ofType)).join(',')}]`;
    else if (isInputObjectType(type)) {
      const fields = type.getFields();
      out = `{${Object.keys(value as object)
        .sort()
        .map((k) => `${k}:${fields[k] ? shapeOf((value as Record<string, unknown>)[k], fields[k].type) : 's'}`)
        .join(',')}}`;
    } else if (isEnumType(type) || (isScalarType(type) && COST_SCALARS.has(type.name))) out = JSON.stringify(value);
    else out = 's';
    length += out.length;
    return out;
  };
  const parts: string[] = [];
  for (const def of definitions) {
    const type = typeFromAST(schema, def.type) as GraphQLInputType | undefined;
    parts.push(`${def.variable.name.value}=${type ? shapeOf(coerced[def.variable.name.value], type) : 's'}`);
  }
  const shape = parts.join(';');
  return length > MAX_SHAPE_LENGTH || shape.length > MAX_SHAPE_LENGTH ? undefined : shape;
}

/** The scalars whose values the estimators read. */
const COST_SCALARS = new Set(['Int', 'Float', 'Boolean']);

/** A bounded least-recently-used map of operation costs. */
export class CostCache {
  private readonly costs = new Map<string, number>();

  constructor(private readonly maxEntries = COST_CACHE_ENTRIES) {}

  get(key: string): number | undefined {
    const cost = this.costs.get(key);
    if (cost !== undefined) {
      // Most recently used last: the first key is the one to evict.
      this.costs.delete(key);
      this.costs.set(key, cost);
    }
    return cost;
  }

  set(key: string, cost: number): void {
    this.costs.delete(key);
    if (this.costs.size >= this.maxEntries) this.costs.delete(this.costs.keys().next().value!);
    this.costs.set(key, cost);
  }

  get size(): number {
    return this.costs.size;
  }
}

/** What a cost lookup may reuse: the cache and the key of the document (Apollo's query hash). */
export interface CostMemo {
  cache: CostCache;
  documentKey: string;
}

/**
 * The cost check itself: an error when the operation's estimated cost is above `maxCost`.
 * Skipped (undefined) when the variables do not coerce: execution reports those as BAD_USER_INPUT.
 * With `memo`, the cost of a (document, operation, variables shape) is computed once.
 */
export function complexityError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  maxCost: number,
  memo?: CostMemo,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  // Variables are coerced only later, at execution; getComplexity would throw a bare
  // GraphQLError on a bad one (answered as a 500). Leave those to Apollo: BAD_USER_INPUT.
  const variables = getVariableValues(schema, operation?.variableDefinitions ?? [], rawVariables ?? {});
  if (variables.errors) return undefined;
  const shape = memo && variablesShape(schema, operation?.variableDefinitions ?? [], variables.coerced);
  const key = memo && shape !== undefined ? `${memo.documentKey}|${operationName ?? ''}|${shape}` : undefined;
  let cost = key === undefined ? undefined : memo!.cache.get(key);
  if (cost === undefined) {
    cost = getComplexity({
      schema,
      operationName: operationName ?? undefined,
      query: document,
      variables: rawVariables ?? {},
      estimators: [introspectionEstimator, FIELD_EXTENSIONS, listEstimator(pageListSizes(schema, document, variables.coerced)), SIMPLE],
    });
    if (key !== undefined) memo!.cache.set(key, cost);
  }
  if (cost <= maxCost) return undefined;
  return new GraphQLError(
    `查询成本 ${cost} 超过上限 ${maxCost}：请减少请求的字段或分页大小 (query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer fields or smaller pages)`,
    // Thrown from a plugin hook, Apollo would answer 500 unless told this is the client's doing.
    { extensions: { code: 'BAD_USER_INPUT', limit: 'cost', cost, maxCost, http: { status: 400 } } },
  );
}

/** Rejects operations whose estimated cost is above `maxCost` before they run; costs are remembered per document and variables shape. */
export function complexityPlugin(maxCost: number, cache = new CostCache()): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, queryHash }) {
          const error = complexityError(schema, document, request.operationName, request.variables, maxCost, { cache, documentKey: queryHash });
          if (error) throw error;
        },
      };
    },
  };
}
