import { overdueItem, OverdueRow } from './overdue-item';

const row: OverdueRow = {
  id: 'd1', case_id: 'c1', handoff_id: null, key: 'plan_submission', title_vi: 'Lập kế hoạch', title_en: 'Plan',
  due_at: new Date('2026-03-09T17:00:00Z'), breached_at: new Date('2026-03-09T17:00:05Z'), escalation_level: 1,
  code: 'VS-2026-000001', commune_code: 'van-son', commune_name: 'Xã Vân Sơn', state: 'planning',
  assignee_id: 'u1', assignee_name: 'Cán bộ A', handoff_kind: null, agency_id: null, agency_name: null, chair_id: 'u9', chair_name: 'Chủ tịch',
};
const now = new Date('2026-03-10T17:00:00.999Z');

describe('overdue items', () => {
  it('says how late in whole seconds and that the case’s worker owes a case deadline', () => {
    expect(overdueItem(row, now)).toEqual({
      kind: 'deadline', deadlineId: 'd1', caseId: 'c1', caseCode: 'VS-2026-000001', communeCode: 'van-son', stage: 'planning',
      deadline: 'plan_submission', titleVi: 'Lập kế hoạch', titleEn: 'Plan', dueAt: row.due_at, breachedAt: row.breached_at,
      lateSeconds: 86_400, escalationLevel: 1, owedBy: { type: 'worker', id: 'u1', name: 'Cán bộ A' },
    });
  });

  it('puts an unassigned case on the commune’s supervisors', () => {
    expect(overdueItem({ ...row, assignee_id: null, assignee_name: null }, now).owedBy).toEqual({
      type: 'worker', id: null, name: 'Chưa phân công: giám sát viên Xã Vân Sơn / Unassigned: the supervisors of Xã Vân Sơn',
    });
  });

  it('puts plan and closure decisions on the chair', () => {
    for (const key of ['plan_approval', 'closure_approval']) {
      expect(overdueItem({ ...row, key }, now).owedBy).toEqual({ type: 'chair', id: 'u9', name: 'Chủ tịch' });
    }
  });

  it('puts a handoff’s deadline on the receiving agency', () => {
    const item = overdueItem({
      ...row, handoff_id: 'h1', key: 'completion', handoff_kind: 'medical_care', agency_id: 'a1', agency_name: 'Trạm Y tế', chair_id: null, chair_name: null,
    }, now);
    expect(item).toMatchObject({
      kind: 'handoff', handoffId: 'h1', handoffKind: 'medical_care', owedBy: { type: 'agency', id: 'a1', name: 'Trạm Y tế' },
    });
  });
});
