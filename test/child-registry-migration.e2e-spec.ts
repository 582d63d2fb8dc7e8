/**
 * The migration that made the registry: a database as it was before it (migrated up to
 * SystemClients1795800100000) with cases and their children, migrated on: every case has exactly
 * one registry record of its own, with the same fields — none lost, none duplicated.
 */
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { createDataSource } from '../src/schema/data-source';
import { freshDatabase } from './support/test-app';

describe('ChildRegistry migration (e2e)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  beforeAll(async () => {
    db = await freshDatabase();
    ds = await createDataSource(db.url, 2).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('turns every existing case’s child into a registry record of its own', async () => {
    const names = MIGRATIONS.map((M) => new M().name);
    const upTo = names.indexOf('SystemClients1795800100000');
    for (let i = names.length - 1; i > upTo; i--) await ds.undoLastMigration({ transaction: 'each' });
    expect((await ds.query(`SELECT name FROM schema_migrations ORDER BY timestamp DESC LIMIT 1`))[0].name).toBe('SystemClients1795800100000');

    const [{ id: user }] = await ds.query(`SELECT id FROM users WHERE username = 'vanson.social_worker'`);
    // Two reports with the very same child: still two records (no migration merges; a person decides).
    const children = [
      ['Nguyễn Thị Lan', 'female', '2015-04-01', null, 'Thôn Đông'],
      ['Nguyễn Thị Lan', 'female', '2015-04-01', null, 'Thôn Đông'],
      [null, 'unknown', null, 7, null],
      ['Lê Văn Nam', 'male', null, 12, 'Xóm 3'],
      ['Giàng A Páo', 'male', '2012-12-31', null, null],
    ];
    const communes = ['van-son', 'van-son', 'ngoc-lien', 'nam-phu', 'van-son'];
    for (const [i, [name, sex, dob, age, address]] of children.entries()) {
      const [{ id }] = await ds.query(
        `INSERT INTO cases (code, commune_code, workflow, workflow_version, state, snapshot, version, channel, received_at, immediate_danger,
                            abuse_types, incident, created_by, created_at, updated_at)
         VALUES ($1, $2, 'abuse-intervention', 1, 'received', '{"value":"received","context":{}}', 1, 'other', $3, false, '{neglect}', '{}', $4, $3, $3)
         RETURNING id`,
        [`MIG-${i}`, communes[i], new Date(Date.UTC(2026, 0, 10 + i)), user],
      );
      await ds.query(`INSERT INTO case_children (case_id, full_name, sex, date_of_birth, approx_age_years, address) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, name, sex, dob, age, address]);
    }

    await ds.runMigrations({ transaction: 'each' });
    const rows = await ds.query(
      `SELECT c.id, c.child_id, c.created_at, cc.full_name AS c_name, cc.sex AS c_sex, to_char(cc.date_of_birth, 'YYYY-MM-DD') AS c_dob,
              cc.approx_age_years AS c_age, cc.address AS c_address, ch.full_name, ch.sex, to_char(ch.date_of_birth, 'YYYY-MM-DD') AS dob,
              ch.approx_age_years AS age, to_char(ch.age_as_of, 'YYYY-MM-DD') AS age_as_of, ch.current_address, ch.created_by, ch.created_at AS child_created,
              ch.origin_case_id, ch.province_code, m.province_code AS case_province, ch.search_name
         FROM cases c JOIN case_children cc ON cc.case_id = c.id JOIN children ch ON ch.id = c.child_id JOIN communes m ON m.code = c.commune_code
        ORDER BY c.code`,
    );
    expect(rows).toHaveLength(children.length);
    expect(new Set(rows.map((r: { child_id: string }) => r.child_id)).size).toBe(children.length);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM children`);
    expect(n).toBe(children.length);
    for (const r of rows) {
      expect([r.full_name, r.sex, r.dob, r.age, r.current_address]).toEqual([r.c_name, r.c_sex, r.c_dob, r.c_age, r.c_address]);
      expect(r.created_by).toBe(user);
      expect(r.child_created).toEqual(r.created_at);
      // ChildRecords: the intake that made it, and the province it was reported in (it names no commune of residence).
      expect(r.origin_case_id).toBe(r.id);
      expect(r.province_code).toBe(r.case_province);
      if (r.c_age !== null) expect(r.age_as_of).toMatch(/^2026-01-1\d$/);
    }
    expect(rows.map((r: { search_name: string | null }) => r.search_name)).toEqual(['nguyen thi lan', 'nguyen thi lan', null, 'le van nam', 'giang a pao']);
  });
});
