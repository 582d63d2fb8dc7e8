import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { InvalidInput } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db } from '../database/db';
import type { Principal } from '../identity/roles';
import type { CommunesQuery, DrillDownQuery, TrendsQuery } from './dto/oversight.dto';
import {
  agencyFigures, AgencyFigure, casesBehind, communeComparison, DRILL_FIGURES, FIRST_YEAR, HeadlineFigures, LAST_YEAR, localRange,
  MAX_TREND_MONTHS, monthlyTrend, monthsBetween, SpecialCircumstances, Statistics, statisticsFigures,
} from './figures';
import { INDICATOR_DEFINITIONS, IndicatorDefinition } from './indicators';
import { CaseSummaryRow, OversightRepository } from './oversight.repository';
import { periodRange, withDefaults } from './report-calendar';
import { ReportCalendarRepository } from './report-calendar.repository';

/** The report of a period: the statistics, the handoffs per agency, the lingering cases, the register, and what each figure means. */
export interface StatisticsReport extends Statistics {
  /** Per receiving agency, the handoffs offered in the period and how their deadlines went. */
  handoffs: AgencyFigure[];
  /** Cases open when the report is drawn up, for longer than 30, 60 and 90 days. */
  openLongerThan: { days30: number; days60: number; days90: number };
  /** The special-circumstances register; null where it does not exist. */
  specialCircumstances: SpecialCircumstances;
  definitions: readonly IndicatorDefinition[];
}

/** The statistics of the 6-month and annual reports, over the cases received in a period, scoped to the caller. */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly repo: OversightRepository, private readonly clock: Clock, private readonly db: Db, private readonly audit: AuditService,
    private readonly calendars: ReportCalendarRepository,
  ) {}

  async statistics(p: Principal, period: string): Promise<StatisticsReport> {
    const range = await this.period(p, period);
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

  /**
   * The cases behind a figure or one of its cells (`casesBehind`: the same rules that count it),
   * newest first, in the shape of the case list; scoped to the caller, and audited
   * (`statistics.drill_down`) since it names children. Never for the national role (the route's roles).
   */
  async drillDown(p: Principal, q: DrillDownQuery): Promise<Page<CaseSummary>> {
    const range = await this.period(p, q.period);
    const allowed: readonly string[] = DRILL_FIGURES[q.figure];
    if (q.by !== undefined && !allowed.includes(q.by)) {
      throw new InvalidInput({ by: [`Chỉ tiêu này chỉ chia theo: ${allowed.join(', ')} / this figure breaks down by ${allowed.join(', ') || 'nothing'} only`] });
    }
    if ((q.by === undefined) !== (q.value === undefined)) {
      throw new InvalidInput({ value: ['by và value đi cùng nhau / by and value go together'] });
    }
    const rows = casesBehind(await this.repo.statisticsRows(p, range, this.clock.now()), { figure: q.figure, by: q.by, value: q.value });
    const ids = [...new Set(rows.sort((a, b) => b.received_at.getTime() - a.received_at.getTime() || a.case_id.localeCompare(b.case_id))
      .map((r) => r.case_id))];
    const pageIds = ids.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return this.db.transaction(async (tx) => {
      const items = (await this.repo.caseSummaries(tx, p, pageIds)).map((r) => caseSummary(r, this.clock.now()));
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'statistics.drill_down', entity: 'statistics',
        details: { period: range.period, figure: q.figure, by: q.by ?? null, value: q.value ?? null, total: ids.length, returned: items.length },
      });
      return { items, total: ids.length, page: q.page, pageSize: q.pageSize };
    });
  }

  /** Per month of receipt from `from` to `to` (`YYYY-MM`), the headline figures, scoped to the caller. */
  async trends(p: Principal, q: TrendsQuery): Promise<{ from: string; to: string; months: Array<HeadlineFigures & { month: string }> }> {
    const months = monthsBetween(q.from, q.to);
    if (months.length === 0) throw new InvalidInput({ to: ['"to" không được trước "from" / "to" cannot be before "from"'] });
    if (months.length > MAX_TREND_MONTHS) {
      throw new InvalidInput({ to: [`Tối đa ${MAX_TREND_MONTHS} tháng / at most ${MAX_TREND_MONTHS} months`] });
    }
    const [y, m] = q.to.split('-').map(Number);
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const range = localRange(`${q.from}-01`, `${q.to}-${String(lastDay).padStart(2, '0')}`);
    const rows = await this.repo.statisticsRows(p, range, this.clock.now(), q.provinceCode);
    return { from: q.from, to: q.to, months: monthlyTrend(months, rows) };
  }

  /**
   * The headline figures of a period per commune: a province's staff compare the communes of
   * their province; the national role those of `provinceCode`; a commune's staff see their own.
   */
  async communes(p: Principal, q: CommunesQuery): Promise<{ period: string; communes: Array<HeadlineFigures & { communeCode: string; name: string }> }> {
    if (p.role === 'national_admin' && !q.provinceCode) {
      throw new InvalidInput({ provinceCode: ['Chọn tỉnh để so sánh các xã / choose the province whose communes to compare'] });
    }
    const province = p.role === 'national_admin' ? q.provinceCode : undefined;
    const range = await this.period(p, q.period, province);
    const [communes, rows] = await Promise.all([
      this.repo.communesToCompare(p, province), this.repo.statisticsRows(p, range, this.clock.now(), province),
    ]);
    communes.sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code));
    return { period: range.period, communes: communeComparison(communes, rows) };
  }

  /**
   * The local days of a statistics period under the caller's province's report calendar (the
   * national role: under `provinceCode`'s, or the default calendar).
   */
  private async period(p: Principal, period: string, provinceCode?: string) {
    const province = provinceCode ?? p.provinceCode;
    const range = periodRange(period, withDefaults(province ? await this.calendars.calendarOf(province) : []));
    if (!range) {
      throw new InvalidInput({
        period: [`Kỳ báo cáo dạng YYYY-H1, YYYY-H2 hoặc YYYY (năm ${FIRST_YEAR}–${LAST_YEAR}) / ` +
          `period must be YYYY-H1, YYYY-H2 or YYYY (year ${FIRST_YEAR}–${LAST_YEAR})`],
      });
    }
    return range;
  }
}

/** A line of the case list (`GET /cases`), as the drill-down answers it. */
export interface CaseSummary {
  id: string;
  code: string;
  state: string;
  version: number;
  communeCode: string;
  receivedAt: Date;
  riskLevel: string | null;
  immediateDanger: boolean;
  abuseTypes: string[];
  assigneeId: string | null;
  overdue: boolean;
  escalationLevel: number;
  nextDueAt: Date | null;
  nextDeadline: { key: string; titleVi: string; titleEn: string; dueAt: Date; late: boolean } | null;
  childName: string | null;
  flags: string[];
}

function caseSummary(r: CaseSummaryRow, now: Date): CaseSummary {
  const next = r.next_deadline;
  return {
    id: r.id, code: r.code, state: r.state, version: r.version, communeCode: r.commune_code, receivedAt: r.received_at,
    riskLevel: r.risk_level, immediateDanger: r.immediate_danger, abuseTypes: r.abuse_types, assigneeId: r.assignee_id,
    overdue: r.escalation_level > 0, escalationLevel: r.escalation_level, nextDueAt: r.next_due_at,
    nextDeadline: next && { key: next.key, titleVi: next.title_vi, titleEn: next.title_en, dueAt: new Date(next.due_at), late: next.status === 'breached' || new Date(next.due_at) <= now },
    childName: r.child_name, flags: r.flags ?? [],
  };
}
