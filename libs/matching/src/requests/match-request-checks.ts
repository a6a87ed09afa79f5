import type { EntityManager } from 'typeorm';
import { badInput } from '../../../platform/src/index.js';
import { financingNeedAmount } from '../../../enterprises/src/index.js';
import { CreditProductEntity } from '../../../listings/src/index.js';
import { describeDeclineReasonProblem, type DeclineReasonKind } from '../../../codes/src/index.js';
import type { DeadlineStage } from '../../../calendar/src/index.js';
import { creditAmountProblem } from '../core/outcome-bounds.js';

/**
 * The decline's reason code (issue 17): required when declining, from the listing kind's list
 * (其他 needs the reply text); refused when accepting. Null when accepting.
 */
export function declineReasonFor(kind: DeclineReasonKind, accept: boolean, code: string | null | undefined, text: string | null): string | null {
  if (accept) {
    if (code != null) throw badInput('接受申请时无需填写理由代码，请去掉 reasonCode (reasonCode is only for declines)', 'reasonCode');
    return null;
  }
  const problem = describeDeclineReasonProblem(kind, code, text);
  if (problem) throw badInput(problem, 'reasonCode');
  return code!;
}

/**
 * The amount applied for on a credit product: an explicit amount must lie in the product's own
 * range (and under the platform's ceiling, outcome-bounds.ts); without one, the firm's recorded
 * financing need is used only when it lies in that range (else none: the firm did not ask this
 * product for that amount).
 */
export async function creditRequestAmount(manager: EntityManager, listingId: string, amount: number | null | undefined, enterpriseId: string): Promise<number | null> {
  const product = await manager.findOneBy(CreditProductEntity, { listingId });
  if (!product) return amount ?? null;
  if (amount !== undefined && amount !== null) {
    const problem = creditAmountProblem(amount, product, 'input.requestedAmount', '申请金额');
    if (problem) throw badInput(problem.message, problem.field);
    return amount;
  }
  const need = await financingNeedAmount(manager, enterpriseId);
  return need !== null && creditAmountProblem(need, product, 'input.requestedAmount', '申请金额') === null ? need : null;
}

/**
 * The deadline a match request runs against in `status`: the answer while PENDING, the decision while
 * ACCEPTED — until the provider records its credit decision or service delivery, which meets it
 * (issue 17 items 1 and 5; the sweep's SQL in deadline-desk.service.ts says the same). Null: none.
 */
export function matchDeadlineStage(status: string, outcomeRecordedAt: Date | null): DeadlineStage | null {
  if (status === 'PENDING') return 'RESPOND';
  if (status === 'ACCEPTED' && outcomeRecordedAt == null) return 'DECIDE';
  return null;
}
