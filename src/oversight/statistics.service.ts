import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInput } from '../common/errors';
import { Db } from '../database/db';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { binder, caseScopeSql } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import { FIRST_YEAR, LAST_YEAR, parsePeriod, Statistics, statisticsFigures, StatisticsCaseRow } from './figures';

/** The statistics of the 6-month and annual reports, over the cases received in a period, scoped to the caller. */
@Injectable()
export class StatisticsService {
  constructor(private readonly db: Db, private readonly deadlines: DeadlinesService, private readonly clock: Clock) {}

  async statistics(p: Principal, period: string): Promise<Statistics> {
    const range = parsePeriod(period);
    if (!range) {
      throw new InvalidInput({
        period: [`Kỳ báo cáo dạng YYYY-H1, YYYY-H2 hoặc YYYY (năm ${FIRST_YEAR}–${LAST_YEAR}) / ` +
          `period must be YYYY-H1, YYYY-H2 or YYYY (year ${FIRST_YEAR}–${LAST_YEAR})`],
      });
    }
    const params: unknown[] = [];
    const bind = binder(params);
    const rows: StatisticsCaseRow[] = await this.db.query(
      `SELECT c.received_at, c.channel, c.abuse_types, c.state, c.outcome, ch.sex,
              to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, ch.approx_age_years, ev.verified_at, ev.plan_approved_at
         FROM cases c LEFT JOIN case_children ch ON ch.case_id = c.id
        CROSS JOIN LATERAL (
          SELECT min(e.occurred_at) FILTER (WHERE e.type = 'RECORD_INITIAL_ASSESSMENT') AS verified_at,
                 min(e.occurred_at) FILTER (WHERE e.type = 'APPROVE_PLAN') AS plan_approved_at
            FROM case_events e WHERE e.case_id = c.id) ev
        WHERE c.received_at >= ${bind(range.start)} AND c.received_at < ${bind(range.end)} AND ${caseScopeSql(p, bind)}`,
      params,
    );
    return statisticsFigures(range, rows, { now: this.clock.now(), holidays: await this.deadlines.holidays() });
  }
}
