import type { DeadlineTable } from '../../types';

export const deadlines: DeadlineTable = {
  transfer_decision: {
    key: 'transfer_decision',
    rule: { workingDays: 1 },
    anchor: 'transition',
    legalBasis: 'Luật Trẻ em 2016 Điều 52 khoản 2; NĐ 56/2017/NĐ-CP Điều 26 (product default, configurable)',
    titleVi: 'Xã/phường nhận quyết định tiếp nhận hồ sơ trong 1 ngày làm việc',
    titleEn: 'The receiving commune decides on taking the case within 1 working day',
    // A missed decision reaches the receiving office and its head, then the head again with the
    // supervisors and the chair of the commune still leading the case.
    escalation: [
      { level: 1, afterHours: 0, audience: ['receiving_agency', 'receiving_agency_head'] },
      { level: 2, afterHours: 24, audience: ['receiving_agency_head', 'supervisors', 'chair'] },
    ],
  },
};
