/**
 * The first national administrator of a production database (which starts with no users and,
 * with SEED_DEMO off, gets none): `npm run admin:bootstrap -- <username> "<Full name>"`. Prints a
 * temporary password once; the administrator must change it at first sign-in. Refused when an
 * active national admin exists (they create everyone else in the console).
 */
import { DataSource } from 'typeorm';
import { hashPassword, temporaryPassword } from '../identity/passwords';

export const NATIONAL_AUTHORITY_NAME = 'Cục Bà mẹ và Trẻ em - Bộ Y tế';

export async function bootstrapNationalAdmin(ds: DataSource, username: string, fullName: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) throw new Error('username: 3–64 lowercase letters, digits, dot, dash, underscore');
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await ds.transaction(async (tx) => {
    await tx.query(`LOCK TABLE users IN EXCLUSIVE MODE`);
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM users WHERE role = 'national_admin' AND active`);
    if (n > 0) throw new Error('An active national admin exists: create administrators in the console (Người dùng / Users)');
    if ((await tx.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [username])).length) throw new Error(`username ${username} is taken`);
    let [agency] = await tx.query(`SELECT id FROM agencies WHERE type = 'national_authority' ORDER BY name LIMIT 1`);
    if (!agency) {
      [agency] = await tx.query(`INSERT INTO agencies (type, name, province_code, commune_code) VALUES ('national_authority', $1, NULL, NULL) RETURNING id`,
        [NATIONAL_AUTHORITY_NAME]);
    }
    const [user] = await tx.query(
      `INSERT INTO users (username, password_hash, full_name, role, agency_id, must_change_password) VALUES ($1, $2, $3, 'national_admin', $4, true) RETURNING id`,
      [username, hash, fullName, agency.id],
    );
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity, entity_id, details) VALUES (NULL, 'system', 'admin.national_admin_bootstrapped', 'user', $1, '{}')`,
      [user.id],
    );
  });
  return password;
}
