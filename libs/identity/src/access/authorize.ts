import { AppError } from '../../../platform/src/errors/app-error.js';
import { decide, type Actor, type DecisionContext, type MutationName } from './access-policy.js';

/** Throws UNAUTHENTICATED or FORBIDDEN (with the policy's reason) unless the policy allows. */
export function authorize(actor: Actor | undefined, mutation: MutationName, context?: DecisionContext): void {
  const decision = decide(actor, mutation, context);
  if (!decision.allowed) throw new AppError(decision.code, decision.reason, { policy: mutation });
}
