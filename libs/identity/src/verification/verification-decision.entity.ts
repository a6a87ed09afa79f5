import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { VERIFICATION_STATES, type VerificationState } from './verification-state.js';

/** History of verification decisions (and resubmissions); never updated or deleted. */
@Entity('organization_verification_decisions')
@Index('ix_org_verification_decisions_org', ['organizationId', 'decidedAt'])
export class VerificationDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column({ name: 'from_state', type: 'enum', enum: VERIFICATION_STATES, enumName: 'organization_verification_state' })
  fromState: VerificationState;

  @Column({ name: 'to_state', type: 'enum', enum: VERIFICATION_STATES, enumName: 'organization_verification_state' })
  toState: VerificationState;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', default: () => 'now()' })
  decidedAt: Date;
}
