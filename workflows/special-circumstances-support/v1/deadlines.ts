import type { DeadlineTable } from '../../types';

/**
 * No statute sets how soon a registered child is assessed and given a plan, nor how often the
 * plan is reviewed: Luật Trẻ em 2016 Điều 52 khoản 1 owes them support, NĐ 56/2017/NĐ-CP Điều 22–23
 * (the case-management steps this register follows) give no days for it. The numbers are ours —
 * product defaults, configurable (SUPPORT_ASSESSMENT_WORKING_DAYS, SUPPORT_PLAN_WORKING_DAYS,
 * SUPPORT_REVIEW_MONTHS): the service computes each instant and the machine schedules it with `dueAt`;
 * the rules below are the defaults the table documents.
 */
const BASIS = 'Luật Trẻ em 2016 Điều 10, Điều 52 khoản 1 (no statutory time limit); ';

export const deadlines: DeadlineTable = {
  support_assessment: {
    key: 'support_assessment',
    rule: { workingDays: 7 },
    anchor: 'transition',
    legalBasis: `${BASIS}product default 7 working days from registration, configurable (SUPPORT_ASSESSMENT_WORKING_DAYS)`,
    titleVi: 'Đánh giá nhu cầu của trẻ em có hoàn cảnh đặc biệt',
    titleEn: 'Assess the needs of the child in special circumstances',
    escalation: [
      { level: 1, afterHours: 0, audience: ['assignee', 'supervisors'] },
      { level: 2, afterHours: 72, audience: ['supervisors', 'chair'] },
    ],
  },
  support_plan: {
    key: 'support_plan',
    rule: { workingDays: 10 },
    anchor: 'transition',
    legalBasis: `${BASIS}product default 10 working days from the assessment, configurable (SUPPORT_PLAN_WORKING_DAYS)`,
    titleVi: 'Lập kế hoạch hỗ trợ, trợ giúp trẻ em',
    titleEn: 'Make the child’s support plan',
    escalation: [
      { level: 1, afterHours: 0, audience: ['assignee', 'supervisors'] },
      { level: 2, afterHours: 72, audience: ['supervisors', 'chair'] },
    ],
  },
  support_review: {
    key: 'support_review',
    rule: { calendarDays: 183 },
    anchor: 'transition',
    legalBasis: `${BASIS}product default every 6 months from the plan or the last review, configurable (SUPPORT_REVIEW_MONTHS)`,
    titleVi: 'Rà soát định kỳ việc hỗ trợ trẻ em',
    titleEn: 'Periodic review of the child’s support',
    escalation: [
      { level: 1, afterHours: 0, audience: ['assignee', 'supervisors'] },
      { level: 2, afterHours: 168, audience: ['supervisors', 'chair'] },
    ],
  },
};
