import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Conflict, Forbidden, InvalidInput, NotAllowedNow, NotFound } from '../common/errors';
import { Db } from '../database/db';
import { localDate } from '../deadlines/business-calendar';
import { renderPdf } from '../documents/layout';
import type { Principal } from '../identity/roles';
import type { CalendarEntryDto, CalendarQuery, ReportsQuery } from './dto/report-calendar.dto';
import {
  CalendarEntry, DEFAULT_CALENDAR, isDayOfYear, PERIOD_REPORT_PATTERN, reportOf, REPORT_KINDS, ReportDue, ReportKind, reportsOfYear,
  withDefaults,
} from './report-calendar';
import { FIRST_YEAR, LAST_YEAR } from './figures';
import { CalendarRow, ReportCalendarRepository, ReportStatusRow } from './report-calendar.repository';
import { mayTake, nextStatus, ReportAction, ReportStatus } from './report-status';
import { statisticsPdfDocument } from './statistics-pdf';
import { StatisticsService } from './statistics.service';

export interface CalendarView {
  provinceCode: string;
  entries: Array<CalendarEntry & { custom: boolean; version: number | null; updatedAt: Date | null; updatedByName: string | null }>;
  /** The reports of `year` under this calendar. */
  year: number;
  reports: ReportDue[];
}

export interface ReportStatusView extends ReportDue {
  communeCode: string;
  communeName: string;
  status: ReportStatus | null;
  draftedBy: string | null;
  draftedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  sentBy: string | null;
  sentAt: Date | null;
  version: number | null;
}

const REPORT_NOT_FOUND = () => new NotFound('Report', 'báo cáo');

/**
 * The province's report calendar (read by its staff and administrators, edited by its
 * administrators and the national administrator) and the commune reports' statuses (drafted by a
 * supervisor, approved by the chair, sent). Every write is audited.
 */
@Injectable()
export class ReportCalendarService {
  constructor(
    private readonly repo: ReportCalendarRepository, private readonly stats: StatisticsService, private readonly db: Db,
    private readonly audit: AuditService, private readonly clock: Clock,
  ) {}

  /** The calendar entries of a province: its own where it has them, the defaults for the others. */
  async entries(provinceCode: string | null): Promise<CalendarEntry[]> {
    return withDefaults(provinceCode ? await this.repo.calendarOf(provinceCode) : []);
  }

  async calendar(p: Principal, q: CalendarQuery): Promise<CalendarView> {
    const provinceCode = await this.provinceOf(p, q.provinceCode);
    const own = await this.repo.calendarOf(provinceCode);
    const year = q.year ?? Number(localDate(this.clock.now()).slice(0, 4));
    const entries = REPORT_KINDS.map((k) => {
      const row: CalendarRow | undefined = own.find((e) => e.kind === k);
      const e = row ?? DEFAULT_CALENDAR.find((d) => d.kind === k)!;
      return {
        kind: k, periodStart: e.periodStart, periodEnd: e.periodEnd, due: e.due, recipients: e.recipients, custom: row !== undefined,
        version: row?.version ?? null, updatedAt: row?.updatedAt ?? null, updatedByName: row?.updatedByName ?? null,
      };
    });
    return { provinceCode, entries, year, reports: reportsOfYear(entries, year) };
  }

  /** Sets a province's entry for a report; audited with what it was. 409 when `expectedVersion` is not the current one. */
  async update(p: Principal, kind: ReportKind, dto: CalendarEntryDto): Promise<CalendarView> {
    const provinceCode = await this.provinceOf(p, dto.provinceCode);
    const errors: Record<string, string[]> = {};
    for (const f of ['periodStart', 'periodEnd', 'due'] as const) {
      if (!isDayOfYear(dto[f])) errors[f] = ['Ngày dạng MM-DD có trong mọi năm (không có 29/02) / a day of every year as MM-DD (no 29 February)'];
    }
    if (Object.keys(errors).length) throw new InvalidInput(errors);
    const before = (await this.repo.calendarOf(provinceCode)).find((e) => e.kind === kind) ?? null;
    const entry: CalendarEntry = { kind, periodStart: dto.periodStart, periodEnd: dto.periodEnd, due: dto.due, recipients: dto.recipients };
    await this.db.transaction(async (tx) => {
      const saved = await this.repo.saveEntry(tx, provinceCode, entry, dto.expectedVersion, p.userId, this.clock.now());
      if (!saved) {
        const current = await this.repo.entryVersion(tx, provinceCode, kind);
        throw new Conflict(
          `Lịch báo cáo đã được người khác thay đổi (phiên bản ${current}); hãy tải lại / The calendar was changed by someone else (version ${current}); reload it`,
          { expectedVersion: dto.expectedVersion, currentVersion: current },
        );
      }
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'report_calendar.updated', entity: 'report_calendar', entityId: null,
        details: {
          provinceCode, kind, version: saved.version,
          before: before && { periodStart: before.periodStart, periodEnd: before.periodEnd, due: before.due, recipients: before.recipients },
          after: { periodStart: entry.periodStart, periodEnd: entry.periodEnd, due: entry.due, recipients: entry.recipients },
        },
      });
    });
    return this.calendar(p, { provinceCode });
  }

  /** The reports of a year of the caller's commune (or every commune of their province), with their statuses. */
  async reports(p: Principal, q: ReportsQuery): Promise<{ year: number; items: ReportStatusView[] }> {
    const year = q.year ?? Number(localDate(this.clock.now()).slice(0, 4));
    const communes = await this.repo.communes(p.communeCode ? { communeCode: p.communeCode } : { provinceCode: p.provinceCode ?? '' });
    const due = reportsOfYear(await this.entries(p.provinceCode), year);
    const rows = await this.repo.statuses(communes, due.map((d) => d.report));
    return { year, items: rows.map((r) => statusView(r, due.find((d) => d.report === r.period)!)) };
  }

  /** Moves the caller's commune report of `period` on (draft, approve, send); audited. */
  async act(p: Principal, period: string, action: ReportAction): Promise<ReportStatusView> {
    const report = await this.reportDue(p, period);
    if (!mayTake(action, p.role) || !p.communeCode) {
      throw new Forbidden('Báo cáo do giám sát viên xã lập, Chủ tịch UBND xã phê duyệt / the commune supervisor drafts the report, the chair approves it');
    }
    const commune = p.communeCode;
    await this.db.transaction(async (tx) => {
      const current = await this.repo.lockStatus(tx, commune, period);
      const next = nextStatus((current?.status ?? null) as ReportStatus | null, action);
      if (!next) {
        throw new NotAllowedNow(
          `report_${current?.status ?? 'not_drafted'}`,
          `Không thể ${ACTION_VI[action]} báo cáo đang ở trạng thái ${STATUS_VI[current?.status ?? 'none']} / ` +
            `cannot ${action} a report that is ${current?.status ?? 'not drafted yet'}`,
        );
      }
      await this.repo.setStatus(tx, commune, period, next, p.userId, this.clock.now());
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: `report.${next}`, entity: 'report', entityId: null,
        details: { communeCode: commune, period, from: current?.status ?? null, to: next },
      });
    });
    const [row] = await this.repo.statuses([commune], [period]);
    return statusView(row, report);
  }

  /** The commune's report of `period` as a PDF summary, the chair's name on it once approved. */
  async document(p: Principal, period: string): Promise<{ filename: string; pdf: Buffer }> {
    const report = await this.reportDue(p, period);
    if (!p.communeCode) throw new Forbidden('Báo cáo là của từng xã / the report is a commune’s');
    const [row] = await this.repo.statuses([p.communeCode], [period]);
    const figures = await this.stats.statistics(p, period);
    const approved = row.status === 'approved' || row.status === 'sent';
    const pdf = await renderPdf(statisticsPdfDocument({
      communeName: row.commune_name, report, figures, now: this.clock.now(),
      approval: approved ? { name: row.approved_by_name, at: row.approved_at! } : null,
    }));
    return { filename: `baove-bao-cao-${period}-${p.communeCode}.pdf`, pdf };
  }

  /** The report a period names (`YYYY-H1`: the 6-month report; `YYYY`: the annual one) under the caller's calendar. */
  private async reportDue(p: Principal, period: string): Promise<ReportDue> {
    const m = PERIOD_REPORT_PATTERN.exec(period);
    if (!m || Number(m[1]) < FIRST_YEAR || Number(m[1]) > LAST_YEAR) throw REPORT_NOT_FOUND();
    return reportOf(await this.entries(p.provinceCode), m[2] ? 'six_month' : 'annual', Number(m[1]));
  }

  /**
   * The province whose calendar the caller reads or edits: their own; the national administrator
   * names it (400 without, 404 for none). Naming another province is not finding it.
   */
  private async provinceOf(p: Principal, asked: string | undefined): Promise<string> {
    if (p.role === 'national_admin') {
      if (!asked) throw new InvalidInput({ provinceCode: ['Chọn tỉnh / choose the province'] });
      if (!(await this.repo.provinceExists(asked))) throw new NotFound('Province', 'tỉnh');
      return asked;
    }
    if (!p.provinceCode || (asked !== undefined && asked !== p.provinceCode)) throw new NotFound('Province', 'tỉnh');
    return p.provinceCode;
  }
}

const ACTION_VI: Record<ReportAction, string> = { draft: 'lập', approve: 'phê duyệt', send: 'gửi' };
const STATUS_VI: Record<string, string> = { none: 'chưa lập', drafted: 'đã lập', approved: 'đã phê duyệt', sent: 'đã gửi' };

function statusView(r: ReportStatusRow, due: ReportDue): ReportStatusView {
  return {
    ...due, communeCode: r.commune_code, communeName: r.commune_name, status: r.status, draftedBy: r.drafted_by_name, draftedAt: r.drafted_at,
    approvedBy: r.approved_by_name, approvedAt: r.approved_at, sentBy: r.sent_by_name, sentAt: r.sent_at, version: r.version,
  };
}
