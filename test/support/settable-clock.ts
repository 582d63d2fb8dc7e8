import { Clock } from '../../src/common/clock';

/** A clock a test sets: it reads the instant it was made with (epoch milliseconds) until `set` moves it. */
export class SettableClock extends Clock {
  constructor(private t: number) {
    super();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(ms: number): void {
    this.t = ms;
  }
}
