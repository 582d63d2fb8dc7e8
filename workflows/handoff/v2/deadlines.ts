import type { DeadlineTable, EscalationStep } from '../../types';

/** A missed handoff deadline reaches the sending commune's supervisors and the receiving agency's head. */
const LADDER: EscalationStep[] = [
  { level: 1, afterHours: 0, audience: ['assignee', 'supervisors', 'receiving_agency_head'] },
  { level: 2, afterHours: 24, audience: ['chair', 'receiving_agency_head'] },
];

export const deadlines: DeadlineTable = {
  acceptance_urgent: {
    key: 'acceptance_urgent',
    rule: { hours: 2 },
    anchor: 'transition',
    legalBasis: 'Luật Trẻ em 2016 Điều 50; NĐ 56/2017/NĐ-CP Điều 31–32 (product default, configurable)',
    titleVi: 'Cơ quan tiếp nhận yêu cầu khẩn cấp trong 2 giờ',
    titleEn: 'Agency accepts an urgent request within 2 hours',
    escalation: LADDER,
  },
  acceptance_normal: {
    key: 'acceptance_normal',
    rule: { workingDays: 1 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 29 (product default, configurable)',
    titleVi: 'Cơ quan tiếp nhận yêu cầu phối hợp trong 1 ngày làm việc',
    titleEn: 'Agency accepts a request within 1 working day',
    escalation: LADDER,
  },
  completion: {
    key: 'completion',
    rule: { calendarDays: 7 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 29 (due date from the approved plan or the request)',
    titleVi: 'Hoàn thành phần việc được giao',
    titleEn: 'Complete the assigned work',
    escalation: LADDER,
  },
};
