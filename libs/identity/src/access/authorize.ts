import { AppError } from '../../../platform/src/index.js';
import { decide, decideKind, type Actor, type DecisionContext, type Decision, type MutationName } from './access-policy.js';
import { decideQuery, type QueryName, type ReadContext } from './query-policy.js';

function refuse(decision: Decision, mutation: MutationName): void {
  if (!decision.allowed) throw new AppError(decision.code, decision.reason, { policy: mutation });
}

/**
 * Before the target is loaded: throws UNAUTHENTICATED or FORBIDDEN (with the policy's reason) unless
 * the caller's kind, role and verification allow `mutation`. Rules about own rows are checked by
 * {@link authorizeRow} once the row is loaded; mutations on no row (creates) need nothing more.
 */
export function authorizeKind(actor: Actor | undefined, mutation: MutationName): void {
  refuse(decideKind(actor, mutation), mutation);
}

/** After the target is loaded: the whole rule, the row's owner included. */
export function authorizeRow(actor: Actor | undefined, mutation: MutationName, row: Required<DecisionContext>): void {
  refuse(decide(actor, mutation, row), mutation);
}

/** Throws FORBIDDEN with the rule's message unless `actor` may read `query` (and `row`, for rules about rows). */
export function authorizeQuery(actor: Actor, query: QueryName, row?: ReadContext): void {
  const decision = decideQuery(actor, query, row);
  if (!decision.allowed) throw new AppError('FORBIDDEN', decision.reason);
}
