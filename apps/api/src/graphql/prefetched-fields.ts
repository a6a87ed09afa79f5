/**
 * A field whose value came with its parent's statement (ADR 0040: a listing's owner, a vacancy's
 * park, a park's operator read in the listings page's one statement; a match request's
 * listing and enterprise read in the match requests page's) is answered synchronously,
 * without Nest's resolver pipeline. Each Nest field resolver is an async chain (its handler, its
 * param pipes, the interceptor consumer: four promises and a params array per call) even when its
 * first line returns `parent.prefetched<Field>`; with twenty listings that was a third of the page's
 * execution, and one promise anywhere in a node makes graphql-js complete the whole list
 * asynchronously. The fields listed here answer `parent.prefetched<Field>` when it is set — which
 * is exactly what their resolvers do first (this API has no field-level guards, interceptors or
 * filters: `fieldResolverEnhancers` is empty) — and call the resolver otherwise.
 */
import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/** `Type.field` pairs whose Nest resolver starts with `if (parent.prefetched<Field>) return parent.prefetched<Field>`. */
export const PREFETCHED_FIELDS: readonly string[] = [
  'ServiceOffering.owner',
  'CreditProduct.owner',
  'Challenge.owner',
  'ParkVacancy.owner',
  'ParkVacancy.park',
  'Park.operator',
  'MatchRequest.listing',
  'MatchRequest.enterprise',
];

const prefetchedKey = (field: string) => `prefetched${field[0]!.toUpperCase()}${field.slice(1)}`;

/** Installs the synchronous path on {@link PREFETCHED_FIELDS} (in place; the schema is returned for chaining). */
export function answerPrefetchedFields(schema: GraphQLSchema, fields: readonly string[] = PREFETCHED_FIELDS): GraphQLSchema {
  for (const name of fields) {
    const [typeName, fieldName] = name.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = type instanceof GraphQLObjectType ? type.getFields()[fieldName] : undefined;
    // A renamed type or field must not leave its entry silently doing nothing.
    if (!field?.resolve) throw new Error(`answerPrefetchedFields: ${name} is not a field with a resolver`);
    const key = prefetchedKey(fieldName);
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
    field.resolve = (source, args, context, info) => {
      const prefetched = (source as Record<string, unknown> | null)?.[key];
      return prefetched ? prefetched : resolve(source, args, context, info);
    };
  }
  return schema;
}
