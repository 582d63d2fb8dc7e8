import { AGENCY_TYPES, ROLES, type Principal } from '../identity/roles';
import { AGENCY_LEVEL, administeredProvince, ROLE_AGENCY_TYPES, roleFitsAgency, temporaryPassword } from './admin-policy';

const principal = (over: Partial<Principal>): Principal => ({
  userId: 'u', username: 'x', role: 'admin', agencyId: 'a', agencyType: 'provincial_health_department', provinceCode: 'thanh-hoa', communeCode: null, ...over,
});

describe('administration policy', () => {
  it('places every role in at least one agency type, and every agency type at a level', () => {
    for (const r of ROLES) expect(ROLE_AGENCY_TYPES[r].length).toBeGreaterThan(0);
    for (const t of AGENCY_TYPES) expect(['commune', 'province', 'national']).toContain(AGENCY_LEVEL[t]);
  });

  it('fits roles to agencies', () => {
    expect(roleFitsAgency('social_worker', 'child_affairs_office')).toBe(true);
    expect(roleFitsAgency('social_worker', 'commune_police')).toBe(false);
    expect(roleFitsAgency('national_admin', 'provincial_health_department')).toBe(false);
    expect(roleFitsAgency('admin', 'provincial_health_department')).toBe(true);
  });

  it('gives the national admin every province, a provincial admin its own, others none', () => {
    expect(administeredProvince(principal({ role: 'national_admin', provinceCode: null, agencyType: 'national_authority' }))).toBeNull();
    expect(administeredProvince(principal({}))).toBe('thanh-hoa');
    expect(administeredProvince(principal({ provinceCode: null }))).toBeUndefined();
    expect(administeredProvince(principal({ role: 'supervisor' }))).toBeUndefined();
  });

  it('makes strong, random temporary passwords', () => {
    const seen = new Set(Array.from({ length: 200 }, () => temporaryPassword()));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  });
});
