/** Domain code asks the clock for "now"; tests and the deadline benchmark inject their own. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
