/**
 * What time it is, injected: services and scheduled jobs that compare with deadlines read `now()`
 * from here, so tests move time forward (working days, holidays) without sleeping. Production uses
 * {@link systemClock}. Rows keep their database timestamps (created_at); only deadline logic asks
 * the clock.
 */
export interface Clock {
  now(): Date;
}

/** Injection token of the process's {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and move (never used in production code paths). */
export class SettableClock implements Clock {
  private at: number;

  constructor(start: Date) {
    this.at = start.getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date): void {
    this.at = at.getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
