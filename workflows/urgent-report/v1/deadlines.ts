import type { DeadlineTable } from '../../types';

/**
 * Both deadlines run from the report's opening for the province's hours — `URGENT_REPORT_HOURS`
 * (24, a product default) or the province's own (`URGENT_REPORT_HOURS_BY_PROVINCE`): the service
 * computes the instants and the machine schedules them with `dueAt`. The rule below is the product
 * default the table documents (and what a schedule without `dueAt` would use).
 */
// No statute sets these hours: the commune plans ask to report "kịp thời" (at once); the number is ours.
const BASIS = 'Kế hoạch công tác trẻ em cấp xã 2025–2026 ("kịp thời báo cáo… các vụ việc gây tử vong trẻ em"), no statutory hours; ' +
  'product default 24 hours, configurable per province (URGENT_REPORT_HOURS, URGENT_REPORT_HOURS_BY_PROVINCE)';

export const deadlines: DeadlineTable = {
  urgent_report_chair: {
    key: 'urgent_report_chair',
    rule: { hours: 24 },
    anchor: 'transition',
    legalBasis: BASIS,
    titleVi: 'Chủ tịch UBND xã/phường nhận báo cáo đột xuất',
    titleEn: 'The commune chair receives the urgent report',
    // The commune's own staff first (they have not sent it, or the chair has not read it), then the chair again.
    escalation: [
      { level: 1, afterHours: 0, audience: ['assignee', 'supervisors', 'chair'] },
      { level: 2, afterHours: 12, audience: ['supervisors', 'chair'] },
    ],
  },
  urgent_report_province: {
    key: 'urgent_report_province',
    rule: { hours: 24 },
    anchor: 'transition',
    legalBasis: BASIS,
    titleVi: 'Sở Y tế tiếp nhận báo cáo đột xuất',
    titleEn: 'The provincial Department of Health acknowledges the urgent report',
    // Breach: the department's staff and the commune that reports; then the department's head and the chair.
    escalation: [
      { level: 1, afterHours: 0, audience: ['receiving_agency', 'supervisors'] },
      { level: 2, afterHours: 12, audience: ['receiving_agency_head', 'chair'] },
    ],
  },
};
