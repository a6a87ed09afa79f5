import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { AppError } from '../../../../libs/platform/src/index.js';
import type { AuditLogService, NewAuditEntry } from '../../../../libs/insights/src/index.js';
import type { RequestContext } from './request-context.js';

type Args = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.length <= 100 ? v : null);

/** The row a mutation acts on: its `id` (or `userId`, unlockAccount; `organizationId`, title decisions) argument, the listing/challenge/park it names, or the id it returned. Never other argument values. */
export function targetOf(args: Args, result: unknown): string | null {
  const input = (args.input ?? {}) as Args;
  const returned = result as { id?: unknown; user?: { id?: unknown } } | null | undefined;
  return str(args.id) ?? str(args.userId) ?? str(args.organizationId) ?? str(input.listingId) ?? str(input.challengeId) ?? str(input.parkId) ?? str(returned?.id) ?? str(returned?.user?.id) ?? null;
}

export function codeOf(err: unknown): string {
  if (err instanceof AppError) return err.code;
  const code = (err as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** Mutation field names of the operation in `document` (for calls refused before they ran). */
function mutationFields(document: DocumentNode | undefined, operationName: string | null | undefined): string[] {
  const op = document?.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation' && (!operationName || d.name?.value === operationName),
  );
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return [];
  return op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && !s.name.value.startsWith('__') ? [s.name.value] : []));
}

/** Where a request's mutation fields report how they ended: set by {@link auditPlugin} per request (by context). */
const fieldSinks = new WeakMap<object, (fieldName: string, args: Args, error: unknown, result: unknown) => void>();

const isPromise = (x: unknown): x is Promise<unknown> => typeof (x as { then?: unknown } | null)?.then === 'function';

/**
 * Wraps the resolver of every Mutation field so that, when it has finished, the request's audit
 * sink hears its name, arguments and outcome (in place; the schema is returned for chaining).
 * Only the Mutation type is touched: Apollo's `willResolveField` hook, which this replaced, made
 * Apollo wrap every field of every type on the first mutation, so each field of every query paid
 * for a hook only mutations use.
 */
export function auditMutationFields(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field.resolve;
    if (!resolve) continue;
    field.resolve = (source, args, context, info) => {
      const sink = fieldSinks.get(context as object);
      if (!sink) return resolve(source, args, context, info);
      let result: unknown;
      try {
        result = resolve(source, args, context, info);
      } catch (error) {
        sink(info.fieldName, args, error, undefined);
        throw error;
      }
      if (!isPromise(result)) {
        sink(info.fieldName, args, null, result);
        return result;
      }
      return result.then(
        (value) => {
          sink(info.fieldName, args, null, value);
          return value;
        },
        (error: unknown) => {
          sink(info.fieldName, args, error, undefined);
          throw error;
        },
      );
    };
  }
  return schema;
}

/**
 * 操作审计: records every mutation field a request ran — caller, organization, operation, target
 * id, outcome — after it finished, and the fields of a mutation refused before running
 * (validation, limits). Arguments are never stored, so passwords and tokens cannot leak in.
 * Anonymous callers write a row only for a call that succeeded (login, register, accepting an
 * invitation: the account that came back is the target); their refusals write nothing, so an
 * anonymous flood cannot grow the append-only table (failed logins are counted by the login throttle).
 * The fields report through {@link auditMutationFields} (installed on the schema).
 */
export function auditPlugin(audit: AuditLogService, onError: (err: unknown) => void): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const entries: NewAuditEntry[] = [];
      let executed = false;
      const who = (ctx: RequestContext) => {
        const actor = ctx.auth.actor;
        return {
          userId: actor?.userId ?? null,
          organizationId: actor?.organizationId ?? null,
          organizationKind: actor?.kind ?? null,
          requestId: (ctx.req?.id as string | undefined) ?? null,
        };
      };
      // login/register run anonymously: the account that came back is the target.
      fieldSinks.set(contextValue, (operation, args, error, result) => {
        entries.push({ ...who(contextValue), operation, targetId: targetOf(args, result), outcome: error ? codeOf(error) : 'OK' });
      });
      return {
        async executionDidStart({ operation }) {
          // Apollo runs execute (and this hook) even when no operation was chosen (several in the document, no name).
          if (operation) executed = true;
        },
        async willSendResponse({ contextValue, document, request, errors }) {
          fieldSinks.delete(contextValue);
          if (!executed) {
            const fields = mutationFields(document, request.operationName);
            const outcome = codeOf(errors?.[0]);
            for (const operation of fields) entries.push({ ...who(contextValue), operation, targetId: null, outcome });
          }
          const kept = entries.filter((e) => e.userId !== null || e.outcome === 'OK');
          if (kept.length === 0) return;
          try {
            await audit.record(kept);
          } catch (err) {
            onError(err);
          }
        },
      };
    },
  };
}
