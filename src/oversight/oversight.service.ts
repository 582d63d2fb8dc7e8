import { Injectable } from '@nestjs/common';
import { listWorkflows } from '../../workflows';
import { CASE_STATES } from '../cases/dto/list-cases.dto';
import { Clock } from '../common/clock';
import { InvalidInput } from '../common/errors';
import type { Page } from '../common/pagination';
import type { Principal } from '../identity/roles';
import type { OverdueQuery, SlaQuery } from './dto/oversight.dto';
import { agencyFigures, AgencyFigure, deadlineFigures, DeadlineFigure, localRange, StageFigure, stageFigures } from './figures';
import { OverdueItem, overdueItem } from './overdue-item';
import { OversightRepository } from './oversight.repository';

/** Every workflow's deadline table, case workflow first: the order and titles of the deadline figures. */
const DEADLINE_SPECS = listWorkflows().flatMap((w) => Object.values(w.deadlines));

/** Stages whose length is measured: every state but `closed` (time spent closed before a reopening is not handling time). */
const MEASURED_STAGES = CASE_STATES.filter((s) => s !== 'closed');

export interface SlaReport {
  from: string;
  to: string;
  deadlines: DeadlineFigure[];
  agencies: AgencyFigure[];
  stages: StageFigure[];
  openLongerThan: { days30: number; days60: number; days90: number };
}

/**
 * What supervisors, the commune chair and auditors watch: the overdue board and the on-time
 * figures. Read-only, through the oversight read model, every query scoped to the caller.
 */
@Injectable()
export class OversightService {
  constructor(private readonly repo: OversightRepository, private readonly clock: Clock) {}

  /** Every open missed deadline in scope — the case's own and its handoffs' — most late first. */
  async overdue(p: Principal, q: OverdueQuery): Promise<Page<OverdueItem>> {
    const now = this.clock.now();
    const { rows, total } = await this.repo.overdue(p, q, now, q);
    return { items: rows.map((r) => overdueItem(r, now)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * On-time figures for the local days `from`..`to` (both included):
   * - per deadline key, the deadlines decided in the window — met in time (counted when met) or
   *   missed (counted at their due time) — and those still running, not yet due;
   * - per receiving agency, the handoffs offered in the window and how their deadlines went;
   * - per stage, the stays in it that ended in the window (from the case events' state changes);
   * - cases open now for longer than 30, 60 and 90 days.
   * Every figure comes from cases received before the window ended and open at some time in it:
   * deadlines are decided, handoffs offered and stages left only while a case is open.
   */
  async sla(p: Principal, q: SlaQuery): Promise<SlaReport> {
    if (q.to < q.from) throw new InvalidInput({ to: ['"to" không được trước "from" / "to" cannot be before "from"'] });
    const range = localRange(q.from, q.to);
    const now = this.clock.now();
    const [deadlines, agencies, stages, openLongerThan] = await Promise.all([
      this.repo.deadlineCounts(p, range, now),
      this.repo.agencyCounts(p, range, now),
      this.repo.stageLengths(p, range, MEASURED_STAGES),
      this.repo.openLongerThan(p, now),
    ]);
    return {
      from: range.from, to: range.to,
      deadlines: deadlineFigures(deadlines, DEADLINE_SPECS),
      agencies: agencyFigures(agencies),
      stages: stageFigures(stages, MEASURED_STAGES),
      openLongerThan,
    };
  }
}
