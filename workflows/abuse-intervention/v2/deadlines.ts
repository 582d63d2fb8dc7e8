import type { DeadlineTable, EscalationStep } from '../../types';

/**
 * The commune's standard ladder (DESIGN.md, issue "Legal deadlines that fire"): at the breach the
 * assignee and the commune's supervisors hear of it; a day later, still unsettled, the chair.
 */
const LADDER: EscalationStep[] = [
  { level: 1, afterHours: 0, audience: ['assignee', 'supervisors'] },
  { level: 2, afterHours: 24, audience: ['chair', 'supervisors'] },
];

/*
 * v2 adds no deadline of the case: the school confirms the child's return within
 * `SCHOOL_REINTEGRATION_DAYS` (machine.ts; product default, configurable), the completion deadline
 * of its `school_reintegration` handoff (workflow `handoff`).
 */
export const deadlines: DeadlineTable = {
  emergency_response: {
    key: 'emergency_response',
    rule: { hours: 12 },
    anchor: 'receipt',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 26 khoản 3, Điều 31–32',
    titleVi: 'Xác minh, đánh giá nguy cơ và áp dụng biện pháp khẩn cấp trong 12 giờ',
    titleEn: 'Verify, assess the risk and take emergency measures within 12 hours',
    escalation: LADDER,
  },
  emergency_measures: {
    key: 'emergency_measures',
    rule: { hours: 12 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 26 khoản 3, Điều 31–32',
    titleVi: 'Áp dụng biện pháp khẩn cấp trong 12 giờ sau khi phát hiện nguy hiểm',
    titleEn: 'Take emergency measures within 12 hours of finding immediate danger',
    escalation: LADDER,
  },
  initial_assessment: {
    key: 'initial_assessment',
    rule: { workingDays: 2 },
    anchor: 'receipt',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 26 (product default, configurable; confirm locally)',
    titleVi: 'Xác minh và đánh giá nguy cơ ban đầu',
    titleEn: 'Verification and initial risk assessment',
    escalation: LADDER,
  },
  plan_submission: {
    key: 'plan_submission',
    rule: { workingDays: 5 },
    anchor: 'receipt',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 28 khoản 1',
    titleVi: 'Xây dựng kế hoạch hỗ trợ, can thiệp trong 5 ngày làm việc',
    titleEn: 'Draft the support and intervention plan within 5 working days',
    escalation: LADDER,
  },
  replan_submission: {
    key: 'replan_submission',
    rule: { workingDays: 5 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 28 khoản 1 (counted from reopening)',
    titleVi: 'Xây dựng lại kế hoạch sau khi mở lại hồ sơ',
    titleEn: 'Draft a new plan after the case was reopened',
    escalation: LADDER,
  },
  plan_resubmission: {
    key: 'plan_resubmission',
    rule: { workingDays: 2 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 28 (product default, configurable; confirm locally)',
    titleVi: 'Sửa và trình lại kế hoạch bị trả lại',
    titleEn: 'Revise and resubmit a rejected plan',
    escalation: LADDER,
  },
  plan_approval: {
    key: 'plan_approval',
    rule: { workingDays: 2 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 28 (product default, configurable; confirm locally)',
    titleVi: 'Chủ tịch UBND xã phê duyệt kế hoạch',
    titleEn: 'Commune chair decides on the plan',
    escalation: LADDER,
  },
  review: {
    key: 'review',
    rule: { calendarDays: 30 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 30 (product default, configurable; confirm locally)',
    titleVi: 'Rà soát, đánh giá kết quả thực hiện kế hoạch',
    titleEn: 'Review the child’s state and safety',
    escalation: LADDER,
  },
  closure_approval: {
    key: 'closure_approval',
    rule: { workingDays: 2 },
    anchor: 'transition',
    legalBasis: 'NĐ 56/2017/NĐ-CP Điều 30 (product default, configurable; confirm locally)',
    titleVi: 'Phê duyệt kết thúc hồ sơ',
    titleEn: 'Decide on closing the case',
    escalation: LADDER,
  },
};
