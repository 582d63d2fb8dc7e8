import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { InvalidInput } from '../common/errors';
import type { Principal } from '../identity/roles';
import { agencyFigures, AgencyFigure, FIRST_YEAR, LAST_YEAR, parsePeriod, SpecialCircumstances, Statistics, statisticsFigures } from './figures';
import { INDICATOR_DEFINITIONS, IndicatorDefinition } from './indicators';
import { OversightRepository } from './oversight.repository';

/** The report of a period: the statistics, the handoffs per agency, the lingering cases, the register, and what each figure means. */
export interface StatisticsReport extends Statistics {
  /** Per receiving agency, the handoffs offered in the period and how their deadlines went. */
  handoffs: AgencyFigure[];
  /** Cases open when the report is drawn up, for longer than 30, 60 and 90 days. */
  openLongerThan: { days30: number; days60: number; days90: number };
  /** The special-circumstances register; null where it does not exist. */
  specialCircumstances: SpecialCircumstances | null;
  definitions: readonly IndicatorDefinition[];
}

/** The statistics of the 6-month and annual reports, over the cases received in a period, scoped to the caller. */
@Injectable()
export class StatisticsService {
  constructor(private readonly repo: OversightRepository, private readonly clock: Clock) {}

  async statistics(p: Principal, period: string): Promise<StatisticsReport> {
    const range = parsePeriod(period);
    if (!range) {
      throw new InvalidInput({
        period: [`Kỳ báo cáo dạng YYYY-H1, YYYY-H2 hoặc YYYY (năm ${FIRST_YEAR}–${LAST_YEAR}) / ` +
          `period must be YYYY-H1, YYYY-H2 or YYYY (year ${FIRST_YEAR}–${LAST_YEAR})`],
      });
    }
    const now = this.clock.now();
    const [rows, agencies, openLongerThan, specialCircumstances] = await Promise.all([
      this.repo.statisticsRows(p, range, now),
      this.repo.agencyCounts(p, range, now),
      this.repo.openLongerThan(p, now),
      this.repo.specialCircumstances(p, range),
    ]);
    return {
      ...statisticsFigures(range, rows), handoffs: agencyFigures(agencies), openLongerThan, specialCircumstances,
      definitions: INDICATOR_DEFINITIONS,
    };
  }
}
