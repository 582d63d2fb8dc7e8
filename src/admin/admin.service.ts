import { Injectable } from '@nestjs/common';
import { SessionsService } from '../identity/sessions.service';
import { AuditService } from '../audit/audit.service';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db, Tx } from '../database/db';
import { hashPassword } from '../identity/passwords';
import type { AgencyType, Principal, Role } from '../identity/roles';
import { AGENCY_LEVEL, administeredProvince, roleFitsAgency, ROLE_AGENCY_TYPES, temporaryPassword } from './admin-policy';
import { AdminAgencyRow, AdminRepository, AdminScope, AdminUserRow, AgencyFilter, UserFilter } from './admin.repository';

const UserNotFound = () => new NotFound('User', 'người dùng');
const AgencyNotFound = () => new NotFound('Agency', 'cơ quan');

/**
 * Users and agencies, administered within the administrator's province (the national admin: every
 * province and the national agencies). Outside it a user or agency does not exist (404). Every
 * write is one transaction with its audit entry; a temporary password is returned once and only
 * its hash is kept.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly db: Db,
    private readonly repo: AdminRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  async users(p: Principal, f: UserFilter, page: number, pageSize: number): Promise<Page<AdminUserRow>> {
    const { rows, total } = await this.repo.userPage(scopeOf(p), f, pageSize, (page - 1) * pageSize);
    return { items: rows, total, page, pageSize };
  }

  async user(p: Principal, id: string): Promise<AdminUserRow> {
    return (await this.repo.userInScope(scopeOf(p), id)) ?? throwIt(UserNotFound());
  }

  async createUser(p: Principal, u: { username: string; fullName: string; role: Role; agencyId: string }) {
    return this.db.transaction(async (tx) => {
      const agency = await this.repo.agencyInScope(tx, scopeOf(p), u.agencyId) ?? throwIt(AgencyNotFound());
      checkFit(u.role, agency.type);
      if (await this.repo.usernameTaken(tx, u.username)) {
        throw new Conflict(`Tên đăng nhập "${u.username}" đã được dùng / Username "${u.username}" is taken`);
      }
      const password = temporaryPassword();
      const id = await this.repo.insertUser(tx, { ...u, passwordHash: await hashPassword(password) });
      await this.record(tx, p, 'admin.user_created', id, { username: u.username, role: u.role, agencyId: u.agencyId });
      return { user: await this.repo.user(tx, id), temporaryPassword: password };
    });
  }

  async updateUser(p: Principal, id: string, change: { fullName?: string; role?: Role; agencyId?: string }) {
    return this.db.transaction(async (tx) => {
      const scope = scopeOf(p);
      const user = await this.repo.lockUser(tx, scope, id) ?? throwIt(UserNotFound());
      const role = change.role ?? user.role;
      const agency = change.agencyId && change.agencyId !== user.agency.id
        ? await this.repo.agencyInScope(tx, scope, change.agencyId) ?? throwIt(AgencyNotFound())
        : { id: user.agency.id, type: user.agency.type };
      const movesStanding = role !== user.role || agency.id !== user.agency.id;
      if (movesStanding && id === p.userId) {
        throw new Conflict('Không thể tự đổi vai trò hoặc cơ quan của mình / You cannot change your own role or agency');
      }
      checkFit(role, agency.type);
      const next = { fullName: change.fullName ?? user.fullName, role, agencyId: agency.id };
      await this.repo.updateUser(tx, id, next);
      await this.record(tx, p, 'admin.user_updated', id, {
        before: { fullName: user.fullName, role: user.role, agencyId: user.agency.id }, after: next,
      });
      // Every process re-reads the user's role and agency when this commits: no session keeps the old ones.
      if (movesStanding) await this.sessions.standingChanged(tx, id);
      return { user: await this.repo.user(tx, id) };
    });
  }

  async setActive(p: Principal, id: string, active: boolean, reason?: string) {
    return this.db.transaction(async (tx) => {
      const user = await this.repo.lockUser(tx, scopeOf(p), id) ?? throwIt(UserNotFound());
      if (!active && id === p.userId) throw new Conflict('Không thể tự khóa tài khoản của mình / You cannot deactivate yourself');
      if (user.active !== active) {
        await this.repo.setActive(tx, id, active);
        await this.record(tx, p, active ? 'admin.user_reactivated' : 'admin.user_deactivated', id, reason ? { reason } : {});
        if (!active) await this.sessions.revokeAll(tx, id, 'deactivated');
      }
      return { user: await this.repo.user(tx, id) };
    });
  }

  async resetPassword(p: Principal, id: string) {
    return this.db.transaction(async (tx) => {
      await this.repo.lockUser(tx, scopeOf(p), id) ?? throwIt(UserNotFound());
      const password = temporaryPassword();
      await this.repo.setTemporaryPassword(tx, id, await hashPassword(password));
      await this.record(tx, p, 'admin.password_reset', id, {});
      await this.sessions.revokeAll(tx, id, 'password_reset');
      return { user: await this.repo.user(tx, id), temporaryPassword: password };
    });
  }

  async agencies(p: Principal, f: AgencyFilter, page: number, pageSize: number): Promise<Page<AdminAgencyRow>> {
    const { rows, total } = await this.repo.agencyPage(scopeOf(p), f, pageSize, (page - 1) * pageSize);
    return { items: rows, total, page, pageSize };
  }

  async agency(p: Principal, id: string): Promise<AdminAgencyRow> {
    return this.db.transaction(async (tx) => (await this.repo.agencyInScope(tx, scopeOf(p), id)) ?? throwIt(AgencyNotFound()));
  }

  async createAgency(p: Principal, a: { type: AgencyType; name: string; provinceCode?: string; communeCode?: string }) {
    return this.db.transaction(async (tx) => {
      const scope = scopeOf(p);
      const place = await this.placeOf(tx, scope, a);
      const row = { type: a.type, name: a.name, ...place };
      if (await this.repo.agencyExists(tx, row)) {
        throw new Conflict('Cơ quan cùng loại và tên đã có ở nơi này / An agency of this type and name already exists there');
      }
      const id = await this.repo.insertAgency(tx, row);
      await this.record(tx, p, 'admin.agency_created', id, { ...row }, 'agency');
      return { agency: await this.repo.agency(tx, id) };
    });
  }

  async updateAgency(p: Principal, id: string, change: { type?: AgencyType; name?: string }) {
    return this.db.transaction(async (tx) => {
      const agency = await this.repo.agencyInScope(tx, scopeOf(p), id, true) ?? throwIt(AgencyNotFound());
      const next = { type: change.type ?? agency.type, name: change.name ?? agency.name };
      if (AGENCY_LEVEL[next.type] !== AGENCY_LEVEL[agency.type]) {
        throw new InvalidInput({ type: [
          `Loại ${next.type} ở cấp ${AGENCY_LEVEL[next.type]}, cơ quan này ở cấp ${AGENCY_LEVEL[agency.type]} / ` +
            `type ${next.type} is ${AGENCY_LEVEL[next.type]}-level, this agency is ${AGENCY_LEVEL[agency.type]}-level`,
        ] });
      }
      const misfits = (await this.repo.rolesIn(tx, id)).filter((r) => !roleFitsAgency(r, next.type));
      if (misfits.length) {
        throw new Conflict(`Cơ quan có người dùng vai trò ${misfits.join(', ')} không thuộc loại ${next.type} / ` +
          `The agency has users in roles ${misfits.join(', ')} that do not fit type ${next.type}`);
      }
      if (await this.repo.agencyExists(tx, { ...next, provinceCode: agency.provinceCode, communeCode: agency.communeCode }, id)) {
        throw new Conflict('Cơ quan cùng loại và tên đã có ở nơi này / An agency of this type and name already exists there');
      }
      await this.repo.updateAgency(tx, id, next);
      await this.record(tx, p, 'admin.agency_updated', id, { before: { type: agency.type, name: agency.name }, after: next }, 'agency');
      return { agency: await this.repo.agency(tx, id) };
    });
  }

  /** Where a new agency sits, from its type's level, within the administrator's scope. */
  private async placeOf(tx: Tx, scope: AdminScope, a: { type: AgencyType; provinceCode?: string; communeCode?: string }) {
    const level = AGENCY_LEVEL[a.type];
    if (level === 'national') {
      if (scope !== null) throw new Forbidden('Chỉ quản trị viên quốc gia tạo cơ quan cấp quốc gia / Only a national admin creates national agencies');
      if (a.provinceCode || a.communeCode) {
        throw new InvalidInput({ provinceCode: ['Cơ quan cấp quốc gia không thuộc tỉnh hay xã / a national agency has no province or commune'] });
      }
      return { provinceCode: null, communeCode: null };
    }
    if (level === 'commune') {
      if (!a.communeCode) throw new InvalidInput({ communeCode: [`Loại ${a.type} cần mã xã / type ${a.type} needs a communeCode`] });
      const commune = await this.repo.commune(tx, a.communeCode);
      if (!commune || (scope !== null && commune.provinceCode !== scope)) throw new NotFound('Commune', 'xã');
      if (a.provinceCode && a.provinceCode !== commune.provinceCode) {
        throw new InvalidInput({ provinceCode: ['Xã không thuộc tỉnh này / the commune is not in this province'] });
      }
      return { provinceCode: commune.provinceCode, communeCode: commune.code };
    }
    if (a.communeCode) throw new InvalidInput({ communeCode: [`Loại ${a.type} là cơ quan cấp tỉnh, không có xã / type ${a.type} is province-level: no commune`] });
    const province = a.provinceCode ?? scope;
    if (!province) throw new InvalidInput({ provinceCode: [`Loại ${a.type} cần mã tỉnh / type ${a.type} needs a provinceCode`] });
    if ((scope !== null && province !== scope) || !(await this.repo.provinceExists(tx, province))) throw new NotFound('Province', 'tỉnh');
    return { provinceCode: province, communeCode: null };
  }

  private record(tx: Tx, p: Principal, action: string, entityId: string, details: Record<string, unknown>, entity = 'user') {
    return this.audit.record(tx, { actor: { id: p.userId, role: p.role }, action, entity, entityId, details });
  }
}

/** The administrator's scope; a non-administrator never reaches here (route roles), but deny anyway. */
export function scopeOf(p: Principal): AdminScope {
  const province = administeredProvince(p);
  if (province === undefined) throw new Forbidden('Chỉ quản trị viên / Administrators only');
  return province;
}

function checkFit(role: Role, agencyType: AgencyType): void {
  if (!roleFitsAgency(role, agencyType)) {
    throw new InvalidInput({ role: [
      `Vai trò ${role} cần cơ quan loại ${ROLE_AGENCY_TYPES[role].join(' hoặc ')}, không phải ${agencyType} / ` +
        `role ${role} needs an agency of type ${ROLE_AGENCY_TYPES[role].join(' or ')}, not ${agencyType}`,
    ] });
  }
}

function throwIt(e: Error): never {
  throw e;
}
