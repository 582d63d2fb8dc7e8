/** The caseload and the agenda built from their rows, and the week they are read in (pure). */
import { addLocalDays, isWorkingDay, localDate, startOfLocalDay, type Holidays, type LocalDate } from '../deadlines/business-calendar';
import { CHAIR_DEADLINES } from '../oversight/overdue-item';
import { supportCode } from '../supports/support-store';
import type { AgendaRow, CaseloadRow, SupportAgendaRow, WorkerRow } from './casework.repository';

/** Today and this week (Monday to Sunday) in Vietnam, with the instants that end them. */
export interface Week {
  today: LocalDate;
  todayEnds: Date;
  /** The Sunday ending this week. */
  weekEnds: LocalDate;
  weekEndsAt: Date;
}

export function weekOf(now: Date): Week {
  const today = localDate(now);
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  const weekEnds = addLocalDays(today, (7 - dow) % 7);
  return { today, todayEnds: startOfLocalDay(addLocalDays(today, 1)), weekEnds, weekEndsAt: startOfLocalDay(addLocalDays(weekEnds, 1)) };
}

export interface Counts {
  open: number;
  byStage: Array<{ state: string; count: number }>;
  overdue: number;
  dueThisWeek: number;
  highRisk: number;
}

const empty = (): Counts => ({ open: 0, byStage: [], overdue: 0, dueThisWeek: 0, highRisk: 0 });

function add(c: Counts, r: CaseloadRow): void {
  c.open += r.open;
  c.overdue += r.overdue;
  c.dueThisWeek += r.due_this_week;
  c.highRisk += r.high_risk;
  c.byStage.push({ state: r.state, count: r.open });
}

export interface WorkerCounts extends Counts {
  userId: string;
  fullName: string;
  role: string;
  communeCode: string;
  active: boolean;
}

/**
 * Each worker's figures (the commune's social workers with none too, then anyone else holding
 * cases), the most open cases first; the unassigned apart. Stages in the workflow's order.
 */
export function caseload(rows: CaseloadRow[], workers: WorkerRow[], stateOrder: readonly string[]): { workers: WorkerCounts[]; unassigned: Counts } {
  const byUser = new Map<string, WorkerCounts>(workers.map((w) => [w.id, {
    userId: w.id, fullName: w.full_name, role: w.role, communeCode: w.commune_code, active: w.active, ...empty(),
  }]));
  const unassigned = empty();
  for (const r of rows) {
    const target = r.assignee_id === null ? unassigned : byUser.get(r.assignee_id);
    if (target) add(target, r);
  }
  const position = (s: string) => (stateOrder.includes(s) ? stateOrder.indexOf(s) : stateOrder.length);
  const order = (c: Counts) => c.byStage.sort((a, b) => position(a.state) - position(b.state) || a.state.localeCompare(b.state));
  order(unassigned);
  const list = [...byUser.values()];
  list.forEach(order);
  list.sort((a, b) => b.open - a.open || a.fullName.localeCompare(b.fullName, 'vi') || a.userId.localeCompare(b.userId));
  return { workers: list, unassigned };
}

/** Working days strictly after `from` up to and including `to` (local dates). */
export function workingDaysBetween(from: LocalDate, to: LocalDate, holidays: Holidays): number {
  let n = 0;
  for (let d = addLocalDays(from, 1); d <= to && n < 400; d = addLocalDays(d, 1)) if (isWorkingDay(d, holidays)) n++;
  return n;
}

export interface AgendaEntry {
  deadlineId: string;
  caseId: string;
  caseCode: string;
  communeCode: string;
  stage: string;
  deadline: string;
  titleVi: string;
  titleEn: string;
  dueAt: Date;
  when: 'overdue' | 'today' | 'this_week';
  secondsLeft: number;
  workingDaysLeft: number;
  owedBy: { type: 'worker' | 'chair'; id: string | null; name: string | null };
}

/**
 * A due deadline as the agenda shows it: late, due later today or later this week; how long is
 * left; who owes the step (the chair for a plan or closure decision, else the case's worker —
 * none while nobody is assigned).
 */
export function agendaEntry(r: AgendaRow, now: Date, week: Week, holidays: Holidays): AgendaEntry {
  const chair = CHAIR_DEADLINES.includes(r.key);
  return {
    deadlineId: r.id, caseId: r.case_id, caseCode: r.code, communeCode: r.commune_code, stage: r.state, deadline: r.key,
    titleVi: r.title_vi, titleEn: r.title_en, dueAt: r.due_at, ...timing(r, now, week, holidays),
    owedBy: chair ? { type: 'chair', id: r.chair_id, name: r.chair_name } : { type: 'worker', id: r.assignee_id, name: r.assignee_name },
  };
}

/** A special-circumstances support's deadline on the agenda: the step, its time left, the worker who registered the child (who owes it). */
export interface SupportAgendaEntry {
  deadlineId: string;
  supportId: string;
  supportCode: string;
  communeCode: string;
  status: string;
  deadline: string;
  titleVi: string;
  titleEn: string;
  dueAt: Date;
  when: AgendaEntry['when'];
  secondsLeft: number;
  workingDaysLeft: number;
  owedBy: { id: string; name: string };
}

export function supportAgendaEntry(r: SupportAgendaRow, now: Date, week: Week, holidays: Holidays): SupportAgendaEntry {
  return {
    deadlineId: r.id, supportId: r.support_id, supportCode: supportCode(r.support_id), communeCode: r.commune_code, status: r.support_status,
    deadline: r.key, titleVi: r.title_vi, titleEn: r.title_en, dueAt: r.due_at, ...timing(r, now, week, holidays),
    owedBy: { id: r.registered_by, name: r.registered_by_name },
  };
}

/** When a deadline falls: late, later today or this week, the seconds and working days left. */
function timing(r: { due_at: Date; status: string }, now: Date, week: Week, holidays: Holidays): Pick<AgendaEntry, 'when' | 'secondsLeft' | 'workingDaysLeft'> {
  const due = r.due_at.getTime();
  const when = due <= now.getTime() || r.status === 'breached' ? 'overdue' : due <= week.todayEnds.getTime() ? 'today' : 'this_week';
  // A deadline at 24:00 falls at the start of the next local day: it is due on the day before.
  const dueDay = localDate(new Date(due - 1));
  return {
    when, secondsLeft: Math.floor((due - now.getTime()) / 1000),
    workingDaysLeft: when === 'overdue' ? 0 : workingDaysBetween(week.today, dueDay, holidays),
  };
}
