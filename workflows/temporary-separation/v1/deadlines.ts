import type { DeadlineTable } from '../../types';

/**
 * The deadlines of a temporary separation. The decision within 12 hours and the 15 days are the
 * law's; the warning two days before the end and the monitoring visits' rhythm are product defaults.
 * `separation_end`, `separation_end_warning` and `monitoring_visit` are scheduled with the due
 * instant the separations module computes (the decision's instant + the days decided; the visit
 * rhythm from the configuration `SEPARATION_MONITORING_DAYS`): their rules here say what the law
 * or the default is, for the record and the console.
 */
export const deadlines: DeadlineTable = {
  separation_decision: {
    key: 'separation_decision',
    rule: { hours: 12 },
    anchor: 'transition',
    legalBasis: 'Luật Trẻ em 2016 Điều 52; NĐ 56/2017/NĐ-CP Điều 26 khoản 3, Điều 32',
    titleVi: 'Chủ tịch UBND xã/phường quyết định tạm thời cách ly trẻ em trong 12 giờ',
    titleEn: 'The commune chair decides on the temporary separation within 12 hours',
    escalation: [
      { level: 1, afterHours: 0, audience: ['chair', 'supervisors', 'assignee'] },
      { level: 2, afterHours: 4, audience: ['chair', 'supervisors'] },
    ],
  },
  separation_end: {
    key: 'separation_end',
    rule: { calendarDays: 15 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 32: tạm thời cách ly không quá 15 ngày, trừ khi cơ quan có thẩm quyền gia hạn',
    titleVi: 'Hết thời hạn tạm thời cách ly (tối đa 15 ngày)',
    titleEn: 'The temporary separation ends (15 days at most)',
    escalation: [{ level: 1, afterHours: 0, audience: ['assignee', 'supervisors', 'chair'] }],
  },
  separation_end_warning: {
    key: 'separation_end_warning',
    rule: { calendarDays: 13 },
    anchor: 'transition',
    legalBasis: 'Cảnh báo 2 ngày trước khi hết thời hạn cách ly (product default, configurable: SEPARATION_END_WARNING_DAYS)',
    titleVi: 'Còn 2 ngày nữa hết thời hạn tạm thời cách ly: chuẩn bị cho trẻ trở về hoặc đề nghị gia hạn',
    titleEn: 'The separation ends in 2 days: prepare the child’s return or ask for an extension',
    escalation: [{ level: 1, afterHours: 0, audience: ['assignee', 'supervisors', 'chair'] }],
  },
  monitoring_visit: {
    key: 'monitoring_visit',
    rule: { calendarDays: 3 },
    anchor: 'transition',
    legalBasis: 'Luật Trẻ em 2016 Điều 63; NĐ 56/2017/NĐ-CP Điều 46: theo dõi, giám sát việc chăm sóc thay thế (product default: every 3 days, configurable: SEPARATION_MONITORING_DAYS)',
    titleVi: 'Thăm, giám sát trẻ tại nơi chăm sóc thay thế',
    titleEn: 'Monitoring visit to the child in alternative care',
    escalation: [
      { level: 1, afterHours: 0, audience: ['assignee', 'supervisors'] },
      { level: 2, afterHours: 24, audience: ['supervisors', 'chair'] },
    ],
  },
};
