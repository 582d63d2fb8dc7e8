import { binder, caseScopeSql, leadCaseScopeSql } from './access.repository';
import { caseProjection, leadsCase, mayIntakeFor, transferActions } from './policy';
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
    expect(caseScopeSql(base, binder(params))).toBe('(c.commune_code = $1 OR c.partner_commune_code = $1 OR c.pending_commune_code = $1)');
    expect(params).toEqual(['van-son']);
    const lead: unknown[] = [];
    expect(leadCaseScopeSql(base, binder(lead))).toBe('c.commune_code = $1');
    expect(lead).toEqual(['van-son']);
    const province: unknown[] = [];
    expect(caseScopeSql({ ...base, communeCode: null }, binder(province))).toContain('c.pending_commune_code IN (SELECT code FROM communes WHERE province_code = $1)');
    expect(province).toEqual(['thanh-hoa']);
    const p2: unknown[] = [];
    expect(caseScopeSql({ ...base, role: 'police', agencyId: 'pol' }, binder(p2))).toContain('sh.agency_id = $1');
    expect(p2).toEqual(['pol', 'u1']);
    expect(caseScopeSql({ ...base, role: 'admin' }, binder([]))).toBe('FALSE');
    expect(caseScopeSql({ ...base, role: 'auditor', communeCode: null, provinceCode: null }, binder([]))).toBe('FALSE');
  });

  it('lets only the commune leading a case act on it (or province staff of its province)', () => {
    const lead = { communeCode: 'van-son', provinceCode: 'thanh-hoa' };
    expect(leadsCase(base, lead)).toBe(true);
    expect(leadsCase({ ...base, communeCode: 'ngoc-lien' }, lead)).toBe(false);
    expect(leadsCase({ ...base, role: 'supervisor', communeCode: null }, lead)).toBe(true);
    expect(leadsCase({ ...base, role: 'supervisor', communeCode: null, provinceCode: 'ha-noi' }, lead)).toBe(false);
    expect(leadsCase({ ...base, role: 'police', communeCode: 'ngoc-lien' }, lead)).toBe(true); // partners act within their own scope
  });

  it('leaves a transfer’s decision to the receiving commune and its withdrawal to the asking one', () => {
    const contracts = {
      ACCEPT_TRANSFER: { roles: ['social_worker', 'supervisor', 'chair'], membership: 'receiving_commune' as const, labelVi: '', labelEn: '', fields: [] },
      CANCEL_TRANSFER: { roles: ['social_worker', 'supervisor'], membership: 'lead_commune' as const, labelVi: '', labelEn: '', fields: [] },
    };
    const t = { fromCommuneCode: 'van-son', fromProvinceCode: 'thanh-hoa', toCommuneCode: 'nam-phu' };
    const open = () => true;
    expect(transferActions(base, t, contracts, open)).toEqual(['CANCEL_TRANSFER']);
    expect(transferActions({ ...base, communeCode: 'nam-phu', provinceCode: 'ha-noi', role: 'chair' }, t, contracts, open)).toEqual(['ACCEPT_TRANSFER']);
    expect(transferActions({ ...base, communeCode: 'ngoc-lien' }, t, contracts, open)).toEqual([]);
    expect(transferActions(base, t, contracts, () => false)).toEqual([]);
  });
});
