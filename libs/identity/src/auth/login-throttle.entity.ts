import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per account and per client address in a sliding 15-minute window (see LoginThrottle). */
@Entity('login_throttle')
export class LoginThrottleEntity {
  /** `account:<sha256 of the normalised e-mail>` or `ip:<address>`. */
  @PrimaryColumn('text')
  key: string;

  @Column('timestamptz', { name: 'window_start' })
  windowStart: Date;

  @Column('int')
  failures: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;
}
