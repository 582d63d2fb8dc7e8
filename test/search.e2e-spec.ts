/**
 * Search that forgives (issue 15): `GET /children?q=` and `GET /cases?q=` find a child by name with
 * or without diacritics, with a typo, in another order, by a parent's name, a phone in another
 * format, the personal identification number or the village; scoped to the caller, paged, audited.
 * Children come in through intake (the registry record it creates); the fields intake does not take
 * (parents, phones, village, personal id) are written with SQL.
 */
import { intake } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

interface Item { id: string; fullName: string; score: number; matched: string[]; communeName: string | null; openCases: number }

describe('search that forgives (e2e)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const caseIds: Record<string, string> = {};

  /** A child filed by intake in `commune` (as that commune's social worker), then given the record fields intake does not take. */
  async function child(key: string, commune: 'van-son' | 'ngoc-lien', fullName: string, record: Record<string, unknown> = {}) {
    const filer = commune === 'van-son' ? 'vanson.social_worker' : 'ngoclien.social_worker';
    const c = await intake(t, filer, { communeCode: commune, child: { fullName, sex: 'female', dateOfBirth: '2014-05-06' } });
    const [{ child_id }] = await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [c.id]);
    await t.ds.query(
      `UPDATE children SET residence_commune_code = $2, village = $3, father = $4, mother = $5, personal_id = $6, other_names = $7 WHERE id = $1`,
      [child_id, commune, record.village ?? null, record.father ? JSON.stringify(record.father) : null,
        record.mother ? JSON.stringify(record.mother) : null, record.personalId ?? null, record.otherNames ?? []],
    );
    ids[key] = child_id;
    caseIds[key] = c.id;
  }

  async function search(as: string, query: Record<string, string | number>) {
    return t.http.get('/api/v1/children').query(query).set('Authorization', await t.login(as));
  }

  async function found(as: string, q: string): Promise<Item[]> {
    const res = await search(as, { q });
    expect(res.status).toBe(200);
    return res.body.items;
  }

  beforeAll(async () => {
    t = await bootTestApp();
    await child('giang', 'van-son', 'Nguyễn Thị Hương Giang', {
      village: 'Thôn Đông', father: { fullName: 'Nguyễn Văn Hùng', phone: '0912 345 678' }, mother: { fullName: 'Trần Thị Mai' },
      personalId: '038314001234', otherNames: ['Bống'],
    });
    await child('huong', 'van-son', 'Nguyễn Thị Hương', { village: 'Thôn Tây' });
    await child('leGiang', 'van-son', 'Lê Văn Giang', { village: 'Thôn Tây', mother: { fullName: 'Phạm Thị Giang', phone: '+84 987 654 321' } });
    await child('other', 'ngoc-lien', 'Phạm Thị Hương Giang', { village: 'Thôn Đông' });
  });
  afterAll(() => t.close());

  it('finds a name without diacritics, ranking the whole name first', async () => {
    const items = await found('vanson.social_worker', 'huong giang');
    expect(items[0].id).toBe(ids.giang);
    expect(items[0].matched).toEqual(['fullName']);
    expect(items[0].communeName).toBe('Xã Vân Sơn');
    expect(items[0].openCases).toBe(1);
    expect(items.map((i) => i.id)).not.toContain(ids.other); // another commune's child
    const exact = await found('vanson.social_worker', 'Nguyễn Thị Hương Giang');
    expect(exact[0]).toMatchObject({ id: ids.giang, score: 100 });
    const folded = await found('vanson.social_worker', 'NGUYEN THI HUONG GIANG');
    expect(folded[0]).toMatchObject({ id: ids.giang, score: 100 });
  });

  it('forgives a typo and a swapped order', async () => {
    for (const q of ['nguyen thi huogn giang', 'Nguyen Thi Huong Gianh', 'nguyễn thị hươngg giang']) {
      const items = await found('vanson.social_worker', q);
      expect([q, items[0]?.id]).toEqual([q, ids.giang]);
      expect(items[0].score).toBeLessThan(100);
    }
    const swapped = await found('vanson.social_worker', 'Giang Nguyễn Thị Hương');
    expect(swapped[0]).toMatchObject({ id: ids.giang, score: 95 });
    // The exact name outranks the same name with a typo in the query only when typed exactly.
    const hương = await found('vanson.social_worker', 'nguyen thi huong');
    expect(hương[0]).toMatchObject({ id: ids.huong, score: 100 });
    expect(hương.map((i) => i.id)).toContain(ids.giang);
  });

  it('finds a child by a parent’s name, other names, a phone in another format, the personal id, the village', async () => {
    expect((await found('vanson.social_worker', 'nguyen van hung'))[0]).toMatchObject({ id: ids.giang, matched: ['fatherName'] });
    expect((await found('vanson.social_worker', 'Trần Thị Mai'))[0]).toMatchObject({ id: ids.giang, matched: ['motherName'] });
    // "bong" is also one letter from "dong" (Thôn Đông): forgiven, and said so.
    expect((await found('vanson.social_worker', 'bong'))[0]).toMatchObject({ id: ids.giang, score: 70, matched: ['otherNames', 'village'] });
    expect(await found('vanson.social_worker', '+84 912-345-678')).toEqual([expect.objectContaining({ id: ids.giang, matched: ['fatherPhone'] })]);
    expect(await found('vanson.social_worker', '0987.654.321')).toEqual([expect.objectContaining({ id: ids.leGiang, matched: ['motherPhone'] })]);
    expect(await found('vanson.social_worker', '0383 1400 1234')).toEqual([expect.objectContaining({ id: ids.giang, score: 100, matched: ['personalId'] })]);
    const village = await found('vanson.social_worker', 'thon tay');
    expect(village.map((i) => i.id).sort()).toEqual([ids.huong, ids.leGiang].sort());
    expect(village.every((i) => i.matched.includes('village'))).toBe(true);
    // "giang": the name (the shorter, the more of it the word covers) and, for the same child, the mother's name.
    const giang = await found('vanson.social_worker', 'giang');
    expect(giang.map((i) => i.id)).toEqual([ids.leGiang, ids.giang]);
    expect(giang[0].matched).toEqual(['fullName', 'motherName']);
  });

  it('filters by commune, village, sex and birth year, and lists without q', async () => {
    const byVillage = await search('vanson.social_worker', { village: 'thôn tây' });
    expect(byVillage.body.items.map((i: Item) => i.id).sort()).toEqual([ids.huong, ids.leGiang].sort());
    expect(byVillage.body.items[0].score).toBeNull();
    expect((await search('vanson.social_worker', { q: 'giang', village: 'Thon Dong' })).body.items.map((i: Item) => i.id)).toEqual([ids.giang]);
    expect((await search('vanson.social_worker', { q: 'giang', birthYear: 2014, sex: 'male' })).body.total).toBe(0);
    expect((await search('vanson.social_worker', { q: 'giang', birthYear: 2013 })).body.total).toBe(0);
    expect((await search('vanson.social_worker', { q: 'giang', birthYear: 2014, sex: 'female' })).body.total).toBe(2);
    expect((await search('vanson.social_worker', { communeCode: 'ngoc-lien' })).body.total).toBe(0);
    expect((await search('vanson.social_worker', { village: '---' })).body.total).toBe(0);
  });

  it('is scoped: other communes’ children are not found; the province sees its communes; others may not search', async () => {
    expect((await found('ngoclien.social_worker', 'huong giang')).map((i) => i.id)).toEqual([ids.other]);
    expect((await found('namphu.supervisor', 'huong giang'))).toEqual([]);
    const province = (await found('thanhhoa.supervisor', 'huong giang')).map((i) => i.id);
    expect(province).toEqual(expect.arrayContaining([ids.giang, ids.other]));
    expect((await found('vanson.auditor', 'huong giang')).map((i) => i.id)).toEqual(expect.arrayContaining([ids.giang, ids.other]));
    for (const user of ['vanson.police', 'vanson.hotline_operator', 'vanson.health', 'vanson.admin']) {
      expect([user, (await search(user, { q: 'huong giang' })).status]).toEqual([user, 403]);
    }
    // A child of the commune's case is found even when living elsewhere, and by the commune they live in.
    await t.ds.query(`UPDATE children SET residence_commune_code = 'nam-phu' WHERE id = $1`, [ids.huong]);
    expect((await found('vanson.social_worker', 'nguyen thi huong'))[0].id).toBe(ids.huong);
    expect((await found('namphu.social_worker', 'nguyen thi huong')).map((i) => i.id)).toEqual([ids.huong]);
    await t.ds.query(`UPDATE children SET residence_commune_code = 'van-son' WHERE id = $1`, [ids.huong]);
  });

  it('pages', async () => {
    const all = await search('vanson.social_worker', { q: 'giang', pageSize: 200 });
    expect(all.body.total).toBe(2);
    const first = await search('vanson.social_worker', { q: 'giang', pageSize: 1 });
    const second = await search('vanson.social_worker', { q: 'giang', pageSize: 1, page: 2 });
    expect(first.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect([...first.body.items, ...second.body.items].map((i: Item) => i.id)).toEqual(all.body.items.map((i: Item) => i.id));
    const past = await search('vanson.social_worker', { q: 'giang', pageSize: 1, page: 5 });
    expect(past.body).toMatchObject({ items: [], total: 2, page: 5 });
  });

  it('refuses bad input with field errors in Vietnamese and English, never a 500', async () => {
    const bad: Array<[Record<string, string | number>, string]> = [
      [{ q: 'x'.repeat(101) }, 'q'], [{ sex: 'other' }, 'sex'], [{ birthYear: 'abc' }, 'birthYear'], [{ birthYear: 1800 }, 'birthYear'],
      [{ communeCode: 'x'.repeat(65) }, 'communeCode'], [{ village: 'v'.repeat(201) }, 'village'],
    ];
    for (const [query, field] of bad) {
      const res = await search('vanson.social_worker', query);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.details.fields[field][0]).toContain(' / ');
    }
    for (const q of ['%', '_', '\\', '   ', '()', '+', '0', '999999999999999', 'a b c d e f g h i j', "'; DROP TABLE children; --"]) {
      expect([q, (await search('vanson.social_worker', { q })).status]).toEqual([q, 200]);
    }
    const repeated = await t.http.get('/api/v1/children?q=a&q=b').set('Authorization', await t.login('vanson.social_worker'));
    expect(repeated.status).toBe(400);
  });

  it('searches cases the same way (partners by case code only), ranked by relevance', async () => {
    const cases = async (as: string, q: string) => {
      const res = await t.http.get('/api/v1/cases').query({ q }).set('Authorization', await t.login(as));
      expect(res.status).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id) as string[];
    };
    expect((await cases('vanson.social_worker', 'huong giang'))[0]).toBe(caseIds.giang);
    expect(await cases('vanson.social_worker', 'huong giang')).not.toContain(caseIds.other);
    expect((await cases('vanson.social_worker', 'Giang Nguyen Thi Huogn'))[0]).toBe(caseIds.giang);
    expect(await cases('vanson.social_worker', 'nguyen van hung')).toEqual([caseIds.giang]);
    expect(await cases('vanson.social_worker', '84912345678')).toEqual([caseIds.giang]);
    expect(await cases('vanson.social_worker', '038314001234')).toEqual([caseIds.giang]);
    expect(await cases('vanson.social_worker', 'thon dong')).toEqual([caseIds.giang]);
    expect(await cases('thanhhoa.supervisor', 'thon dong')).toEqual(expect.arrayContaining([caseIds.giang, caseIds.other]));
    const [{ code }] = await t.ds.query(`SELECT code FROM cases WHERE id = $1`, [caseIds.giang]);
    expect(await cases('vanson.social_worker', code.toLowerCase())).toEqual([caseIds.giang]);
    // Partners: never by the child (the police hold no handoff of these cases: nothing at all).
    expect(await cases('vanson.police', 'huong giang')).toEqual([]);
  });

  it('ranks at most 500 matches, says when more match, and keeps the exact names among them', async () => {
    // 600 children of Vân Sơn called "… Xuyến", then the one whose whole name is typed, last of all.
    await t.ds.query(
      `INSERT INTO children (full_name, sex, residence_commune_code)
       SELECT 'Phùng Thị ' || (ARRAY['Ngọc', 'Thu', 'Kim', 'Bảo'])[1 + g % 4] || ' Xuyến ' || g, 'female', 'van-son' FROM generate_series(1, 600) g`,
    );
    const [{ id: exact }] = await t.ds.query(`INSERT INTO children (full_name, sex, residence_commune_code) VALUES ('Phùng Thị Xuyến', 'female', 'van-son') RETURNING id`);
    const res = await search('vanson.social_worker', { q: 'xuyen phung thi', pageSize: 100 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 500, totalCapped: true });
    expect(res.body.items[0]).toMatchObject({ id: exact, score: 95 });
    // Past the ranked matches: nothing more to page through.
    const past = await search('vanson.social_worker', { q: 'xuyen phung thi', pageSize: 100, page: 6 });
    expect(past.body).toMatchObject({ items: [], total: 500, totalCapped: true });
    const narrow = await search('vanson.social_worker', { q: 'xuyen 17' });
    expect(narrow.body).toMatchObject({ total: 1, totalCapped: false });
  });

  it('audits every search: the filters and how many were found', async () => {
    await search('vanson.supervisor', { q: 'audit huong giang', sex: 'female' });
    await t.http.get('/api/v1/cases').query({ q: 'audit huong' }).set('Authorization', await t.login('vanson.supervisor'));
    await t.http.get('/api/v1/cases').set('Authorization', await t.login('vanson.supervisor'));
    const rows: Array<{ action: string; details: Record<string, unknown>; actor_role: string }> = await t.ds.query(
      `SELECT a.action, a.details, a.actor_role FROM audit_log a JOIN users u ON u.id = a.actor_id
        WHERE u.username = 'vanson.supervisor' AND a.action IN ('child.search', 'case.search') ORDER BY a.id`,
    );
    expect(rows).toEqual([
      { action: 'child.search', actor_role: 'supervisor', details: expect.objectContaining({ filters: { q: 'audit huong giang', sex: 'female' }, total: 0, returned: 0 }) },
      { action: 'case.search', actor_role: 'supervisor', details: expect.objectContaining({ filters: { q: 'audit huong' }, byChild: true, total: 0 }) },
    ]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'child.search'`);
    expect(n).toBeGreaterThan(20);
  });
});
