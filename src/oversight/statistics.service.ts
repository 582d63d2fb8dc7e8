import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInput } from '../common/errors';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { Principal } from '../identity/roles';
import { FIRST_YEAR, LAST_YEAR, parsePeriod, Statistics, statisticsFigures } from './figures';
import { OversightRepository } from './oversight.repository';

/** The statistics of the 6-month and annual reports, over the cases received in a period, scoped to the caller. */
@Injectable()
export class StatisticsService {
  constructor(private readonly repo: OversightRepository, private readonly deadlines: DeadlinesService, private readonly clock: Clock) {}

  async statistics(p: Principal, period: string): Promise<Statistics> {
    const range = parsePeriod(period);
    if (!range) {
      throw new InvalidInput({
        period: [`Kỳ báo cáo dạng YYYY-H1, YYYY-H2 hoặc YYYY (năm ${FIRST_YEAR}–${LAST_YEAR}) / ` +
          `period must be YYYY-H1, YYYY-H2 or YYYY (year ${FIRST_YEAR}–${LAST_YEAR})`],
      });
    }
    const rows = await this.repo.casesReceived(p, range);
    return statisticsFigures(range, rows, { now: this.clock.now(), holidays: await this.deadlines.holidays() });
  }
}
