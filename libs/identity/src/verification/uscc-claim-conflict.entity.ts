import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { USCC_CLAIM_OUTCOMES, type UsccClaimOutcome } from './verification-state.js';

/**
 * An AUTHORITY import met a USCC already claimed by an organization that is not VERIFIED: the
 * import attached nothing to it and records the second claim here, for the verification desk.
 * One row per claimant organization; a later import of the same USCC bumps it (and reopens it if
 * it had been decided). Open while `outcome` is null; `resolveUsccClaim` decides it.
 */
@Entity('uscc_claim_conflicts')
@Unique('uq_uscc_claim_conflicts_org', ['organizationId'])
export class UsccClaimConflictEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The registered (unverified) claimant. */
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('varchar', { length: 18 })
  uscc: string;

  /** The enterprise name in the AUTHORITY's list (the second claim). */
  @Column('text', { name: 'imported_name' })
  importedName: string;

  /** The AUTHORITY user whose import met the claim (null from the CLI). */
  @Column('uuid', { name: 'imported_by', nullable: true })
  importedBy: string | null;

  @Column('timestamptz', { name: 'first_seen_at', default: () => 'now()' })
  firstSeenAt: Date;

  @Column('timestamptz', { name: 'last_seen_at', default: () => 'now()' })
  lastSeenAt: Date;

  @Column('int', { name: 'import_count', default: 1 })
  importCount: number;

  /** The AUTHORITY's decision; null while the conflict is open. */
  @Column({ type: 'enum', enum: USCC_CLAIM_OUTCOMES, enumName: 'uscc_claim_outcome', nullable: true })
  outcome: UsccClaimOutcome | null;

  /** The decision's reason (a bureau text, shown to the AUTHORITY). */
  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
