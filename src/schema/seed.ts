/**
 * Demo data for a first look (run by `npm start` when the database holds no users, or
 * `npm run seed`): two provinces, three communes named after the commune plans the product was
 * designed from, their agencies, and one user per role per commune. Demo passwords only.
 */
import { DataSource } from 'typeorm';
import type { AgencyType, Role } from '../identity/roles';
import { ROLES } from '../identity/roles';
import { hashPassword } from '../identity/passwords';

/** Roles with one demo user per commune (`<commune>.<role>`); the national admin is one user, `national.admin`. */
export const COMMUNE_DEMO_ROLES = ROLES.filter((r) => r !== 'national_admin');
export const NATIONAL_ADMIN_USERNAME = 'national.admin';

export const DEMO_PASSWORD = 'baove-demo-2026';

interface DemoCommune {
  code: string;
  name: string;
  prefix: string;
  slug: string;
  province: string;
}

export const DEMO_PROVINCES = [
  { code: 'thanh-hoa', name: 'Tỉnh Thanh Hóa', slug: 'thanhhoa' },
  { code: 'ha-noi', name: 'Thành phố Hà Nội', slug: 'hanoi' },
];

export const DEMO_COMMUNES: DemoCommune[] = [
  { code: 'van-son', name: 'Xã Vân Sơn', prefix: 'VS', slug: 'vanson', province: 'thanh-hoa' },
  { code: 'ngoc-lien', name: 'Xã Ngọc Liên', prefix: 'NL', slug: 'ngoclien', province: 'thanh-hoa' },
  { code: 'nam-phu', name: 'Xã Nam Phù', prefix: 'NP', slug: 'namphu', province: 'ha-noi' },
];

/** Which agency each role's demo user belongs to; `commune` agencies are per commune. */
const ROLE_AGENCY: Record<Exclude<Role, 'national_admin'>, { type: AgencyType; level: 'commune' | 'province' | 'national' }> = {
  hotline_operator: { type: 'hotline_111', level: 'national' },
  social_worker: { type: 'child_affairs_office', level: 'commune' },
  supervisor: { type: 'child_affairs_office', level: 'commune' },
  chair: { type: 'people_committee', level: 'commune' },
  police: { type: 'commune_police', level: 'commune' },
  health: { type: 'health_station', level: 'commune' },
  education: { type: 'school', level: 'commune' },
  legal_aid: { type: 'legal_aid_center', level: 'province' },
  social_work_center: { type: 'social_work_center', level: 'province' },
  auditor: { type: 'provincial_health_department', level: 'province' },
  admin: { type: 'provincial_health_department', level: 'province' },
  village_collaborator: { type: 'people_committee', level: 'commune' },
};

const COMMUNE_AGENCY_NAMES: Partial<Record<AgencyType, string>> = {
  people_committee: 'Ủy ban nhân dân',
  child_affairs_office: 'Phòng Văn hóa - Xã hội',
  commune_police: 'Công an',
  health_station: 'Trạm Y tế',
  school: 'Trường THCS',
};
const PROVINCE_AGENCY_NAMES: Partial<Record<AgencyType, string>> = {
  social_work_center: 'Trung tâm Công tác xã hội',
  legal_aid_center: 'Trung tâm Trợ giúp pháp lý nhà nước',
  provincial_health_department: 'Sở Y tế',
};

/** Returns false (and changes nothing) when the database already holds users. */
export async function seedDemo(ds: DataSource): Promise<boolean> {
  return ds.transaction(async (tx) => {
    await tx.query(`LOCK TABLE users IN EXCLUSIVE MODE`);
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM users`);
    if (n > 0) return false;
    const hash = await hashPassword(DEMO_PASSWORD);
    const agencyIds = new Map<string, string>();
    const agency = async (type: AgencyType, name: string, province: string | null, commune: string | null) => {
      const key = `${type}|${province}|${commune}`;
      let id = agencyIds.get(key);
      if (!id) {
        [{ id }] = await tx.query(
          `INSERT INTO agencies (type, name, province_code, commune_code) VALUES ($1, $2, $3, $4) RETURNING id`,
          [type, name, province, commune],
        );
        agencyIds.set(key, id!);
      }
      return id!;
    };
    const user = (username: string, fullName: string, role: Role, agencyId: string) => tx.query(
      `INSERT INTO users (username, password_hash, full_name, role, agency_id) VALUES ($1, $2, $3, $4, $5)`,
      [username, hash, fullName, role, agencyId],
    );

    for (const p of DEMO_PROVINCES) await tx.query(`INSERT INTO provinces (code, name) VALUES ($1, $2)`, [p.code, p.name]);
    for (const c of DEMO_COMMUNES) {
      await tx.query(`INSERT INTO communes (code, province_code, name, case_prefix) VALUES ($1, $2, $3, $4)`,
        [c.code, c.province, c.name, c.prefix]);
    }
    for (const c of DEMO_COMMUNES) {
      const province = DEMO_PROVINCES.find((p) => p.code === c.province)!;
      for (const role of COMMUNE_DEMO_ROLES) {
        const spec = ROLE_AGENCY[role as Exclude<Role, 'national_admin'>];
        const agencyId = spec.level === 'national'
          ? await agency(spec.type, 'Tổng đài quốc gia bảo vệ trẻ em 111', null, null)
          : spec.level === 'province'
            ? await agency(spec.type, `${PROVINCE_AGENCY_NAMES[spec.type]} ${province.name.replace(/^(Tỉnh|Thành phố) /, '')}`, c.province, null)
            : await agency(spec.type, `${COMMUNE_AGENCY_NAMES[spec.type]} ${c.name.replace(/^Xã /, "xã ")}`, c.province, c.code);
        await user(`${c.slug}.${role}`, `Demo ${role} ${c.name}`, role, agencyId);
      }
    }
    // Province-level supervisors (Sở Y tế) see every commune of their province.
    for (const p of DEMO_PROVINCES) {
      const agencyId = await agency('provincial_health_department',
        `Sở Y tế ${p.name.replace(/^(Tỉnh|Thành phố) /, '')}`, p.code, null);
      await user(`${p.slug}.supervisor`, `Demo supervisor ${p.name}`, 'supervisor', agencyId);
    }
    // The national administrator: administrative units, national holidays, every province.
    const ministry = await agency('national_authority', 'Cục Bà mẹ và Trẻ em - Bộ Y tế', null, null);
    await user(NATIONAL_ADMIN_USERNAME, 'Demo national admin', 'national_admin', ministry);
    return true;
  });
}
