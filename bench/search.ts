/**
 * `npm run bench:search [-- --children=1000000 --runs=40 --keep]`
 *
 * Builds its own database (`baove_bench_search`): one province of 100 communes (a few towns much
 * bigger than the rest) with N children in the registry (`INSERT ... SELECT generate_series`, in
 * batches, through the registry's own trigger, which folds the search columns): Vietnamese family
 * names at their national frequencies (Nguyễn ~38 %, Trần, Lê, Phạm, Hoàng/Huỳnh, Phan, Vũ/Võ,
 * Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý …), middle names by sex (Thị, Văn, Minh, Ngọc …), ~150 given
 * names (some of two words: Hương Giang), nicknames, fathers and mothers with their names and
 * phones, villages (the same few names in every commune, as in life), personal identification
 * numbers for 40 %; and a case for 10 % of them. The search indexes are built once after the load.
 *
 * Then realistic searches, each for a child drawn from the data: the full name without diacritics,
 * with a typo, in another order, the given names alone, a parent's name, a phone written another
 * way, the personal identification number, a name with the village filter, a village alone — timed
 * through ChildrenSearchService (transaction and audit entry included) as a commune's social worker
 * (the biggest commune) and as a province-level supervisor (the whole registry), `runs` different
 * children per kind after a warm-up. The case search (`GET /cases?q=`, CasesRepository.list with
 * the same terms) is timed too. The baseline is the same name searches done the pre-registry way,
 * on the same data: `ILIKE '%…%'` on the names as stored, and `unaccent` on them without an index.
 * "top hit right" is the share of searches whose first hit is the child or one the search cannot
 * tell from it (the same full name, the same mother's name …: names repeat, in a province by the thousand).
 * `--keep` leaves the database in place (for EXPLAIN); otherwise it is dropped at the end.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { CASE_WORKFLOW } from '../workflows';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { randomBytes } from 'node:crypto';
import { CasesRepository } from '../src/cases/cases.repository';
import { FieldCipher } from '../src/crypto/field-cipher';
import { FieldKeysRepository } from '../src/crypto/field-keys.repository';
import { ConfigKeyring } from '../src/crypto/keyring';
import { ChildrenSearchRepository } from '../src/children/children-search.repository';
import { ChildrenSearchService } from '../src/children/children-search.service';
import { SearchChildrenQuery } from '../src/children/dto/children-search.dto';
import { fold } from '../src/children/names';
import { loadConfig } from '../src/config/config';
import { Db } from '../src/database/db';
import type { Principal } from '../src/identity/roles';
import { createDataSource } from '../src/schema/data-source';
import { arg, benchDatabase, fmt, percentile, principal } from './support';

const COMMUNES = 100;
const BATCH = 100_000;
const PAGE = 20;

/** A weighted list as a 1,000-slot array: picking a slot at random picks each name at its frequency. */
function weighted(entries: Array<[string, number]>): string[] {
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  const out: string[] = [];
  for (const [name, w] of entries) for (let i = 0; i < Math.round((w / sum) * 1000); i++) out.push(name);
  return out;
}

/** Family names at their frequencies in Việt Nam (per cent, rounded). */
const FAMILY = weighted([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3.5], ['Huỳnh', 1.6], ['Phan', 4.5], ['Vũ', 2.5], ['Võ', 1.4],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Trương', 0.8],
  ['Lâm', 0.5], ['Mai', 0.5], ['Đoàn', 0.6], ['Lương', 0.5], ['Trịnh', 0.6], ['Cao', 0.4], ['Hà', 0.5], ['Tạ', 0.3], ['Lò', 0.3],
  ['Quách', 0.2], ['Chu', 0.2], ['Vương', 0.3], ['Kiều', 0.2], ['Triệu', 0.3],
]);
const MIDDLE_F = weighted([['Thị', 60], ['Ngọc', 8], ['Thu', 5], ['Thanh', 5], ['Minh', 4], ['Hồng', 4], ['Mai', 3], ['Kim', 4], ['Bảo', 4], ['Khánh', 3]]);
const MIDDLE_M = weighted([['Văn', 45], ['Minh', 10], ['Đức', 8], ['Quốc', 6], ['Hữu', 6], ['Công', 5], ['Gia', 6], ['Thành', 5], ['Anh', 4], ['Quang', 5]]);
const GIVEN_F = ['Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Cúc', 'Diệp', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng',
  'Huệ', 'Hương', 'Huyền', 'Khánh', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Nhi', 'Oanh',
  'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thơ', 'Thu', 'Thủy', 'Thúy', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy',
  'Xuân', 'Yến', 'Hân', 'Hiếu', 'Lam', 'Nguyệt', 'Nhàn', 'Phượng', 'Thanh', 'Thắm', 'Thư', 'Tiên', 'Trúc', 'Vi', 'Diễm', 'Đào',
  'Hảo', 'Kiều', 'Lệ', 'Mơ', 'Na', 'Ngà', 'Nhã', 'Sương', 'Tú', 'Vui'];
const GIVEN_M = ['An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Đức', 'Giang', 'Hải', 'Hào', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng',
  'Huy', 'Hưng', 'Khang', 'Khải', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Luân', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhân',
  'Phát', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Tân', 'Thắng', 'Thành', 'Thịnh', 'Thông', 'Tiến', 'Toàn', 'Trí', 'Trung',
  'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Khôi', 'Lợi', 'Nguyên', 'Phước', 'Sang', 'Tâm', 'Thái', 'Thiện', 'Tín', 'Tú', 'Vĩnh',
  'Hậu', 'Công', 'Định', 'Hiển', 'Kha', 'Lực', 'Mỹ', 'Quý', 'Sỹ', 'Trọng', 'Tường'];
const NICKNAMES = ['Bống', 'Tít', 'Bin', 'Su', 'Na', 'Cún', 'Mít', 'Bi', 'Tũn', 'Bông', 'Ken', 'Gạo'];
const VILLAGES = ['Thôn Đông', 'Thôn Tây', 'Thôn Nam', 'Thôn Bắc', 'Thôn Trung', 'Xóm Chùa', 'Xóm Mới', 'Thôn 1', 'Thôn 2', 'Thôn 3',
  'Thôn 4', 'Bản Mường', 'Thôn Yên Phú', 'Thôn Cầu', 'Tổ dân phố 5'];

const lit = (a: string[]) => `ARRAY[${a.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[]`;
/** A random element of a SQL array literal of `n` elements (random() drawn per row). */
const pick = (arr: string, n: number) => `(${arr})[1 + floor(random() * ${n})::int]`;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  console.log(`  ${label} in ${fmt((Date.now() - started) / 1000)} s`);
  return result;
}

async function loadProvince(pg: Client): Promise<void> {
  await pg.query(`INSERT INTO provinces (code, name) VALUES ('bs', 'Tỉnh Bench')`);
  await pg.query(`INSERT INTO communes (code, province_code, name, case_prefix)
                  SELECT 'bs' || lpad(m::text, 3, '0'), 'bs', 'Xã ' || m, 'S' || m FROM generate_series(1, ${COMMUNES}) m`);
  await pg.query(`INSERT INTO agencies (type, name, province_code, commune_code)
                  SELECT 'child_affairs_office', 'Phòng Văn hóa - Xã hội ' || name, 'bs', code FROM communes WHERE province_code = 'bs'`);
  await pg.query(`INSERT INTO agencies (type, name, province_code) VALUES ('provincial_health_department', 'Sở Y tế Bench', 'bs')`);
  // Bench staff cannot log in: the password hash is not a password hash.
  await pg.query(`INSERT INTO users (username, password_hash, full_name, role, agency_id)
                  SELECT a.commune_code || '.social_worker', '!', 'Bench worker ' || a.commune_code, 'social_worker', a.id
                    FROM agencies a WHERE a.province_code = 'bs' AND a.type = 'child_affairs_office'`);
  await pg.query(`INSERT INTO users (username, password_hash, full_name, role, agency_id)
                  SELECT 'bs.supervisor', '!', 'Bench province supervisor', 'supervisor', a.id
                    FROM agencies a WHERE a.province_code = 'bs' AND a.type = 'provincial_health_department'`);
}

/** Children `from`..`to`: one INSERT ... SELECT through the registry's trigger. */
async function loadChildren(pg: Client, from: number, to: number): Promise<void> {
  const family = lit(FAMILY);
  await pg.query(`
    INSERT INTO children (full_name, other_names, sex, date_of_birth, approx_age_years, age_as_of, personal_id, residence_commune_code,
                          village, current_address, father, mother, created_at, updated_at)
    SELECT concat_ws(' ', d.family, d.middle, d.given2, d.given), CASE WHEN d.r_nick < 0.05 THEN ARRAY[${pick(lit(NICKNAMES), NICKNAMES.length)}] ELSE '{}' END,
           d.sex, CASE WHEN d.r_dob < 0.85 THEN d.dob END, CASE WHEN d.r_dob >= 0.85 THEN 2026 - extract(year FROM d.dob)::int END,
           CASE WHEN d.r_dob >= 0.85 THEN date '2026-01-15' END,
           CASE WHEN d.r_pid < 0.4 THEN '038' || CASE WHEN d.sex = 'male' THEN '2' ELSE '3' END || to_char(d.dob, 'YY') || lpad((d.g % 1000000)::text, 6, '0') END,
           d.commune, d.village, d.village || ', ' || d.commune_name,
           CASE WHEN d.r_father < 0.85 THEN jsonb_build_object('fullName', concat_ws(' ', d.family, ${pick(lit(MIDDLE_M), MIDDLE_M.length)}, ${pick(lit(GIVEN_M), GIVEN_M.length)}),
                'birthYear', extract(year FROM d.dob)::int - 22 - floor(random() * 15)::int,
                'phone', CASE WHEN random() < 0.5 THEN d.phone_f END) END,
           CASE WHEN d.r_mother < 0.92 THEN jsonb_build_object('fullName', concat_ws(' ', ${pick(family, FAMILY.length)},
                  CASE WHEN random() < 0.7 THEN 'Thị' ELSE ${pick(lit(MIDDLE_F), MIDDLE_F.length)} END, ${pick(lit(GIVEN_F), GIVEN_F.length)}),
                'birthYear', extract(year FROM d.dob)::int - 20 - floor(random() * 15)::int,
                'phone', CASE WHEN random() < 0.7 THEN d.phone_m END) END,
           now(), now()
      FROM (SELECT g, s.sex, s.family, s.commune, 'Xã ' || s.commune_no AS commune_name,
                   CASE WHEN s.sex = 'male' THEN ${pick(lit(MIDDLE_M), MIDDLE_M.length)} ELSE ${pick(lit(MIDDLE_F), MIDDLE_F.length)} END AS middle,
                   CASE WHEN random() < 0.15 THEN CASE WHEN s.sex = 'male' THEN ${pick(lit(GIVEN_M), GIVEN_M.length)} ELSE ${pick(lit(GIVEN_F), GIVEN_F.length)} END END AS given2,
                   CASE WHEN s.sex = 'male' THEN ${pick(lit(GIVEN_M), GIVEN_M.length)} ELSE ${pick(lit(GIVEN_F), GIVEN_F.length)} END AS given,
                   date '2008-02-01' + floor(random() * 6500)::int AS dob, ${pick(lit(VILLAGES), VILLAGES.length)} AS village,
                   random() AS r_nick, random() AS r_dob, random() AS r_pid, random() AS r_father, random() AS r_mother,
                   -- Phones as people write them: 0912345678 or +84 912345678.
                   (ARRAY['09', '09', '+84 9'])[1 + g % 3] || lpad(floor(random() * 1e8)::text, 8, '0') AS phone_f,
                   (ARRAY['08', '03', '+84 3'])[1 + g % 3] || lpad(floor(random() * 1e8)::text, 8, '0') AS phone_m
              FROM (SELECT s0.*, 'bs' || lpad(s0.commune_no::text, 3, '0') AS commune
                      FROM (SELECT g, CASE WHEN random() < 0.005 THEN 'unknown' WHEN random() < 0.5 THEN 'female' ELSE 'male' END AS sex,
                                   ${pick(family, FAMILY.length)} AS family, 1 + floor(${COMMUNES} * random() ^ 1.3)::int AS commune_no
                              FROM generate_series($1::int, $2::int) g) s0) s) d`, [from, to]);
}

/** A case for one child in ten, in the child's commune, filed by its worker. */
async function loadCases(pg: Client): Promise<void> {
  await pg.query(`
    INSERT INTO cases (code, commune_code, incident_commune_code, residence_commune_code, partner_commune_code, child_id, workflow, workflow_version,
                       state, snapshot, version, channel, received_at, immediate_danger, abuse_types, incident, created_by, created_at, updated_at, closed_at)
    SELECT CASE WHEN s.away THEN 'X' ELSE 'S' END || substr(ch.residence_commune_code, 3) || '-2025-'
             || lpad(row_number() OVER (PARTITION BY s.away, ch.residence_commune_code ORDER BY ch.id)::text, 6, '0'),
           s.lead, s.lead, ch.residence_commune_code, CASE WHEN s.away THEN ch.residence_commune_code END,
           ch.id, $1, 1, s.state, jsonb_build_object('value', s.state, 'context', '{}'::jsonb), 1, 'hotline_111',
           now() - random() * interval '700 days', false, ARRAY['neglect'], '{}', u.id, now(), now(), CASE WHEN s.state = 'closed' THEN now() END
      FROM children ch
     -- One case in twenty happened in the next commune: led there, shared with the commune where the child lives.
     CROSS JOIN LATERAL (SELECT random() < 0.05 AS away, CASE WHEN random() < 0.7 THEN 'closed' ELSE 'intervening' END AS state) r
     CROSS JOIN LATERAL (SELECT r.away, r.state, CASE WHEN r.away
                                THEN 'bs' || lpad((substr(ch.residence_commune_code, 3)::int % ${COMMUNES} + 1)::text, 3, '0')
                                ELSE ch.residence_commune_code END AS lead) s
      JOIN users u ON u.username = s.lead || '.social_worker'
     WHERE random() < 0.1`, [CASE_WORKFLOW]);
  await pg.query(`INSERT INTO case_children (case_id, full_name, sex, date_of_birth, approx_age_years, address)
                  SELECT c.id, ch.full_name, ch.sex, ch.date_of_birth, ch.approx_age_years, ch.current_address
                    FROM cases c JOIN children ch ON ch.id = c.child_id WHERE c.commune_code LIKE 'bs%'`);
}

/** The children table's indexes that back no constraint: dropped for the load, rebuilt from their own definitions after. */
async function dropIndexesForLoad(pg: Client): Promise<string[]> {
  const { rows } = await pg.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename IN ('children', 'cases') AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)
        AND i.indexname NOT LIKE 'UQ_%'`);
  for (const i of rows) await pg.query(`DROP INDEX "${i.indexname}"`);
  return rows.map((i: { indexdef: string }) => i.indexdef);
}

interface Sample {
  id: string; full_name: string; village: string; personal_id: string | null; father: string | null; mother: string | null;
  mother_phone: string | null; father_phone: string | null;
}

/** A typo a person makes: two neighbouring letters swapped, or one left out, in the longest word. */
function typo(folded: string, seed: number): string {
  const words = folded.split(' ');
  const at = words.reduce((best, w, i) => (w.length > words[best].length ? i : best), 0);
  const w = words[at];
  const i = 1 + (seed % Math.max(1, w.length - 2));
  words[at] = seed % 2 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
  return words.join(' ');
}

/** Another way of writing a phone: 0912345678 ↔ +84 912 345 678. */
function otherPhoneForm(phone: string): string {
  const d = phone.replace(/[^0-9+]/g, '').replace(/^\+84/, '0');
  return phone.startsWith('+84') ? `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}` : `+84 ${d.slice(1, 4)} ${d.slice(4, 7)} ${d.slice(7)}`;
}

interface Hit { id: string; fullName: string | null; fatherName: string | null; motherName: string | null; village: string | null }
/** Whether the best hit is right: the child, or one the search cannot tell from it (the same name, parent, village). */
type Right = (top: Hit, s: Sample) => boolean;
type Kind = { name: string; q: (s: Sample, i: number) => string | null; right: Right; village?: boolean; baseline?: boolean };
const sameName: Right = (top, s) => top.id === s.id || fold(top.fullName) === fold(s.full_name);

const KINDS: Kind[] = [
  { name: 'full name, no diacritics', q: (s) => fold(s.full_name), right: sameName, baseline: true },
  { name: 'full name with a typo', q: (s, i) => typo(fold(s.full_name), i), right: sameName, baseline: true },
  { name: 'swapped order (given first)', q: (s) => { const w = fold(s.full_name).split(' '); return [w[w.length - 1], ...w.slice(0, -1)].join(' '); }, right: sameName, baseline: true },
  { name: 'given names only', q: (s) => fold(s.full_name).split(' ').slice(-2).join(' '), right: (top, s) => fold(top.fullName).endsWith(fold(s.full_name).split(' ').slice(-2).join(' ')), baseline: true },
  { name: 'mother’s name', q: (s) => s.mother && fold(s.mother), right: (top, s) => fold(top.motherName) === fold(s.mother) },
  { name: 'father’s name with a typo', q: (s, i) => s.father && typo(fold(s.father), i), right: (top, s) => fold(top.fatherName) === fold(s.father) },
  { name: 'phone, another format', q: (s) => (s.mother_phone ? otherPhoneForm(s.mother_phone) : s.father_phone && otherPhoneForm(s.father_phone)), right: (top, s) => top.id === s.id },
  { name: 'personal id', q: (s) => s.personal_id, right: (top, s) => top.id === s.id },
  { name: 'given name + village filter', q: (s) => fold(s.full_name).split(' ').slice(-1)[0], village: true,
    right: (top, s) => top.village === s.village && fold(top.fullName).endsWith(fold(s.full_name).split(' ').slice(-1)[0]) },
  { name: 'village alone', q: (s) => fold(s.village), right: (top, s) => top.village === s.village },
];

interface Stats { ms: number[]; found: number; total: number }
const stats = (): Stats => ({ ms: [], found: 0, total: 0 });

async function main(): Promise<void> {
  const n = arg('children', 1_000_000);
  const runs = arg('runs', 40);
  const baselineRuns = arg('baseline-runs', 5);
  const keep = process.argv.includes('--keep');
  console.log(`bench:search — ${n.toLocaleString('en')} children in ${COMMUNES} communes of one province`);
  const db = await benchDatabase('baove_bench_search');
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const ds = await createDataSource(db.url, 4).initialize();
  try {
    const loadStarted = Date.now();
    await pg.query(`SET maintenance_work_mem = '512MB'`);
    await pg.query(`SELECT setseed(0.15)`);
    const indexes = await dropIndexesForLoad(pg);
    await timed('province, communes, staff', () => loadProvince(pg));
    for (let from = 1; from <= n; from += BATCH) {
      const to = Math.min(n, from + BATCH - 1);
      await timed(`children ${from.toLocaleString('en')}–${to.toLocaleString('en')} (through the registry trigger)`, () => loadChildren(pg, from, to));
    }
    await timed('cases for one child in ten', () => loadCases(pg));
    await timed(`${indexes.length} indexes built`, async () => {
      for (const def of indexes) await pg.query(def);
    });
    await timed('VACUUM ANALYZE', () => pg.query('VACUUM ANALYZE children, cases, case_children, children_search_words'));
    const counts = (await pg.query(`SELECT (SELECT count(*) FROM children)::int AS children, (SELECT count(*) FROM cases WHERE commune_code LIKE 'bs%')::int AS cases,
        (SELECT count(*) FROM children_search_words)::int AS words,
        (SELECT round(100.0 * count(*) FILTER (WHERE full_name LIKE 'Nguyễn %') / count(*)) FROM children)::int AS nguyen`)).rows[0];
    console.log(`  loaded in ${fmt((Date.now() - loadStarted) / 1000)} s: ${counts.children.toLocaleString('en')} children (${counts.nguyen} % Nguyễn), `
      + `${counts.cases.toLocaleString('en')} cases, ${counts.words.toLocaleString('en')} words in the search vocabulary`);

    const dbh = new Db(ds);
    const service = new ChildrenSearchService(dbh, new ChildrenSearchRepository(), new AuditService(dbh, new AuditRepository(dbh), loadConfig({ NODE_ENV: 'test' })));
    // The list reads no sealed field: a keyring of one throwaway key will do.
    const cases = new CasesRepository(new FieldCipher(new ConfigKeyring([{ id: 'bench', key: randomBytes(32) }]), new FieldKeysRepository(dbh)));
    const commune = await principal(pg, 'bs001.social_worker');
    const province = await principal(pg, 'bs.supervisor');
    const table: string[][] = [];
    for (const [who, p] of [['commune (bs001)', commune], ['province', province]] as const) {
      const inScope = p.communeCode
        ? (await pg.query(`SELECT count(*)::int AS n FROM children WHERE residence_commune_code = $1`, [p.communeCode])).rows[0].n
        : n;
      const { rows: samples } = await pg.query<Sample>(
        `SELECT id, full_name, village, personal_id, father->>'fullName' AS father, mother->>'fullName' AS mother,
                mother->>'phone' AS mother_phone, father->>'phone' AS father_phone
           FROM children TABLESAMPLE SYSTEM (5) WHERE ${p.communeCode ? `residence_commune_code = '${p.communeCode}'` : 'TRUE'}
          ORDER BY random() LIMIT ${runs * 3}`);
      console.log(`\n  ${who}: ${inScope.toLocaleString('en')} children in scope; ${runs} searches per kind (different children) after 3 warm-up searches`);
      const all = stats();
      for (const kind of KINDS) {
        const s = stats();
        const usable = samples.map((x, i) => ({ x, q: kind.q(x, i) })).filter((u): u is { x: Sample; q: string } => !!u.q).slice(0, runs + 3);
        for (const [i, u] of usable.entries()) {
          const query = Object.assign(new SearchChildrenQuery(), { q: u.q, page: 1, pageSize: PAGE, ...(kind.village ? { village: u.x.village } : {}) });
          const t0 = process.hrtime.bigint();
          const page = await service.search(p, query);
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          if (i < 3) continue;
          s.ms.push(ms);
          all.ms.push(ms);
          s.total += page.total;
          if (page.items[0] && kind.right(page.items[0], u.x)) s.found++;
        }
        table.push(row(who, kind.name, s));
      }
      table.push(row(who, 'all kinds', { ...all, found: NaN, total: NaN }));
      // Cases: GET /cases?q= with the same terms (the full name without diacritics, a typo, a phone).
      const cs = stats();
      for (const [i, x] of samples.slice(0, runs + 3).entries()) {
        const q = i % 3 === 0 ? fold(x.full_name) : i % 3 === 1 ? typo(fold(x.full_name), i) : fold(x.full_name).split(' ').slice(-2).join(' ');
        const t0 = process.hrtime.bigint();
        const child = await service.terms(dbh, q);
        const page = await cases.list(dbh, p, { text: q, child, page: 1, pageSize: PAGE });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (i < 3) continue;
        cs.ms.push(ms);
        cs.total += page.total;
      }
      table.push(row(who, 'GET /cases?q= (name, typo, given)', { ...cs, found: NaN }));
      for (const [label, predicate] of [
        ['baseline: ILIKE on names as stored', (q: string) => `(ch.full_name ILIKE '%' || ${q} || '%' OR ch.father->>'fullName' ILIKE '%' || ${q} || '%' OR ch.mother->>'fullName' ILIKE '%' || ${q} || '%')`],
        ['baseline: unaccent, no index', (q: string) => `(lower(unaccent(ch.full_name)) LIKE '%' || ${q} || '%' OR lower(unaccent(concat_ws(' ', ch.father->>'fullName', ch.mother->>'fullName'))) LIKE '%' || ${q} || '%')`],
      ] as const) {
        const b = stats();
        for (const kind of KINDS.filter((k) => k.baseline)) {
          for (const [i, x] of samples.slice(0, baselineRuns + 1).entries()) {
            const q = kind.q(x, i)!;
            const scope = p.communeCode ? `ch.residence_commune_code = $2` : `ch.province_code = $2`;
            const t0 = process.hrtime.bigint();
            const { rows } = await pg.query(
              `SELECT ch.id, ch.full_name AS "fullName", ch.father->>'fullName' AS "fatherName", ch.mother->>'fullName' AS "motherName",
                      ch.village, count(*) OVER () AS total FROM children ch WHERE ${scope} AND ${predicate('$1')} ORDER BY ch.full_name LIMIT ${PAGE}`,
              [q, p.communeCode ?? p.provinceCode]);
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            if (i < 1) continue;
            b.ms.push(ms);
            b.total += rows.length ? Number(rows[0].total) : 0;
            if (rows[0] && kind.right(rows[0], x)) b.found++;
          }
        }
        table.push(row(who, `${label} (the 4 name kinds)`, b));
      }
    }
    printTable(table);
  } finally {
    await ds.destroy();
    await pg.end();
    if (keep) console.log(`  database kept: ${db.url}`);
    else await db.drop();
    await db.infra.stop();
  }
}

function row(scope: string, kind: string, s: Stats): string[] {
  const sorted = [...s.ms].sort((a, b) => a - b);
  return [scope, kind, fmt(percentile(sorted, 50)), fmt(percentile(sorted, 95)), fmt(percentile(sorted, 99)),
    Number.isFinite(s.found) ? `${Math.round((100 * s.found) / s.ms.length)} %` : '', Number.isFinite(s.total) ? fmt(s.total / s.ms.length, 0) : ''];
}

function printTable(rows: string[][]): void {
  const head = ['scope', 'search', 'p50 ms', 'p95 ms', 'p99 ms', 'top hit right', 'avg total'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
