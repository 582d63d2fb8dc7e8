import { binder, caseScopeSql } from './access.repository';
import { caseProjection, mayIntakeFor } from './policy';
import type { Principal } from './roles';

const base: Principal = {
  userId: 'u1', username: 'x', role: 'social_worker', agencyId: 'a1', agencyType: 'child_affairs_office',
  provinceCode: 'thanh-hoa', communeCode: 'van-son',
};

describe('policy', () => {
  it('scopes intake by jurisdiction', () => {
    expect(mayIntakeFor(base, 'van-son', 'thanh-hoa')).toBe(true);
    expect(mayIntakeFor(base, 'ngoc-lien', 'thanh-hoa')).toBe(false);
    const hotline = { ...base, role: 'hotline_operator' as const, provinceCode: null, communeCode: null };
    expect(mayIntakeFor(hotline, 'nam-phu', 'ha-noi')).toBe(true);
    expect(mayIntakeFor({ ...base, role: 'chair' }, 'van-son', 'thanh-hoa')).toBe(false);
    const province = { ...base, role: 'supervisor' as const, communeCode: null };
    expect(mayIntakeFor(province, 'ngoc-lien', 'thanh-hoa')).toBe(true);
    expect(mayIntakeFor(province, 'nam-phu', 'ha-noi')).toBe(false);
  });

  it('projects the reporter only to commune case staff', () => {
    expect(caseProjection('social_worker')).toBe('full');
    expect(caseProjection('chair')).toBe('full');
    expect(caseProjection('auditor')).toBe('restricted');
    expect(caseProjection('hotline_operator')).toBe('restricted');
    expect(caseProjection('police')).toBe('need_to_know');
    expect(caseProjection('admin')).toBe('restricted');
  });

  it('builds scope predicates with bound parameters only', () => {
    const params: unknown[] = [];
    expect(caseScopeSql(base, binder(params))).toBe('c.commune_code = $1');
    expect(params).toEqual(['van-son']);
    const p2: unknown[] = [];
    expect(caseScopeSql({ ...base, role: 'police', agencyId: 'pol' }, binder(p2))).toContain('sh.agency_id = $1');
    expect(p2).toEqual(['pol', 'u1']);
    expect(caseScopeSql({ ...base, role: 'admin' }, binder([]))).toBe('FALSE');
    expect(caseScopeSql({ ...base, role: 'auditor', communeCode: null, provinceCode: null }, binder([]))).toBe('FALSE');
  });
});
