import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationEntity } from '../../../identity/src/index.js';

/** A 专精特新产业园 / 小微企业园 run by a PARK_OPERATOR; vacancies belong to one. */
@Entity('parks')
export class ParkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_parks_operator')
  @Column('uuid', { name: 'operator_organization_id' })
  operatorOrganizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_organization_id' })
  operator?: OrganizationEntity;

  @Column('text')
  name: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  @Column('int', { name: 'star_rating', nullable: true })
  starRating: number | null;

  @Column('text', { array: true, default: () => "'{}'" })
  industries: string[];

  @Column('text')
  address: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
