import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Fixed-window counters of the reusable throttle (RateLimiter); shared by every API process. */
@Entity('rate_limits')
export class RateLimitEntity {
  /** `<rule>:<sha256 of the subject>`: no address or e-mail in clear. */
  @PrimaryColumn('text')
  key: string;

  @Column('timestamptz', { name: 'window_start' })
  windowStart: Date;

  /** End of the window; rows past it are swept. */
  @Index('ix_rate_limits_window_end')
  @Column('timestamptz', { name: 'window_end' })
  windowEnd: Date;

  @Column('int')
  hits: number;
}
