import type { EntityManager } from 'typeorm';
import { AppError } from '../../../platform/src/index.js';
import type { VerificationState } from './verification-state.js';

export interface OrganizationStanding {
  verified: boolean;
  state: VerificationState;
  regionCode: string;
}

/**
 * Reads an organization's verification standing with a share lock held to the end of the caller's
 * transaction: a revocation (which locks the row for update) either waits for the caller's write
 * and then sees it (closing or cancelling it), or commits first and the caller sees REVOKED.
 */
export async function lockStanding(manager: EntityManager, organizationId: string): Promise<OrganizationStanding> {
  const [row] = await manager.query('SELECT verified, verification_state AS state, region_code AS "regionCode" FROM organizations WHERE id = $1 FOR SHARE', [organizationId]);
  if (!row) throw new Error(`organization ${organizationId} does not exist`);
  return row as OrganizationStanding;
}

/** FORBIDDEN for an organization whose verification the AUTHORITY revoked (naming the operation). */
export function assertNotRevoked(standing: OrganizationStanding, operation: string): void {
  if (standing.state === 'REVOKED') {
    throw new AppError(
      'FORBIDDEN',
      `机构资质已被主管部门撤销，重新通过审核前不能执行该操作，可更正信息后重新提交审核 (${operation}: your organization's verification was revoked; resubmit it for review)`,
    );
  }
}
