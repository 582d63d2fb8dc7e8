/**
 * The child registry over HTTP and PostgreSQL: matching Vietnamese names (with and without
 * diacritics, misspelled, family and given names swapped) with expected rankings, a report linked
 * to a record at intake, reading and correcting a record, merging two records and undoing it,
 * relinking a case. Every read and write is audited.
 */
import { fold } from '../src/children/names';
import { intakeBody } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const GIANG = {
  fullName: 'Nguyễn Thị Hương Giang', sex: 'female', dateOfBirth: '2014-03-05', personalId: '038314001111', ethnicity: 'Kinh',
  residenceCommuneCode: 'van-son', village: 'Thôn Đông', mother: { fullName: 'Trần Thị Mai', birthYear: 1988, phone: '0912 345 678' },
  father: { fullName: 'Nguyễn Văn Hùng', birthYear: 1985, occupation: 'nông dân' },
};

describe('child registry (e2e)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const caseOf: Record<string, string> = {};

  /** Files a report about `child` in a commune; returns its case and the registry child it was linked to. */
  async function file(child: Record<string, unknown>, as = 'vanson.social_worker', communeCode = 'van-son') {
    const res = await t.http.post('/api/v1/intake').set('Authorization', await t.login(as))
      .send({ ...intakeBody({ communeCode }), child });
    if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { case: { id: string; code: string; childId: string; repeat: unknown }; candidates: Array<{ child: { id: string }; score: number; reasons: Array<{ code: string }> }> };
  }

  const matches = async (child: Record<string, unknown>, as = 'vanson.social_worker', communeCode = 'van-son') =>
    t.http.post('/api/v1/children/matches').set('Authorization', await t.login(as)).send({ communeCode, child });

  /** The ids of the candidates, best first. */
  const ranking = async (child: Record<string, unknown>) => {
    const res = await matches(child);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ child: { id: string }; score: number; reasons: Array<{ code: string }> }>);
  };

  beforeAll(async () => {
    t = await bootTestApp();
    const made = async (key: string, child: Record<string, unknown>, as?: string, commune?: string) => {
      const r = await file(child, as, commune);
      ids[key] = r.case.childId;
      caseOf[key] = r.case.id;
    };
    await made('giang', GIANG);
    // The same name, born four years earlier: another girl.
    await made('older', { fullName: 'Nguyễn Thị Hương Giang', sex: 'female', dateOfBirth: '2010-07-20', residenceCommuneCode: 'van-son', village: 'Thôn Bắc' });
    await made('lan', { fullName: 'Nguyễn Thị Hương Lan', sex: 'female', dateOfBirth: '2013-01-01', residenceCommuneCode: 'van-son' });
    await made('boy', { fullName: 'Nguyễn Văn Giang', sex: 'male', dateOfBirth: '2014-03-05', residenceCommuneCode: 'van-son' });
    await made('nam', { fullName: 'Lê Văn Nam', sex: 'male', approxAgeYears: 11, residenceCommuneCode: 'ngoc-lien' });
    // Another province: never a candidate for Vân Sơn.
    await made('hanoi', { fullName: 'Nguyễn Thị Hương Giang', sex: 'female', dateOfBirth: '2014-03-05' }, 'namphu.social_worker', 'nam-phu');
  });
  afterAll(() => t.close());

  it('folds names in SQL exactly as in TypeScript (baove_fold = fold) over Vietnamese names', async () => {
    const corpus = [
      'Nguyễn Thị Hương Giang', 'ĐẶNG ĐỨC ƯNG', 'Lò Thị Ơn', 'Hoàng Văn Thụ', 'Trịnh Công Sơn', 'Phạm Thị Ngọc Ánh', 'Vũ Đình Đạt',
      'Lương Thị Thuỳ Dương', 'Hà Thị Thủy', 'Bùi Xuân Phái', 'Đỗ Mười', 'Giàng A Páo', 'Sùng Thị Mỷ', 'Ksor H’Nhi', 'Y Moan Ênuôl',
      'Lê Quý Đôn', "Hồ Xuân Hương-Nguyễn", '  Trần   Hưng  Đạo ', 'Ngô Bảo Châu 2', 'Nguyễn Thị Hưong', 'Nông Quốc Tuấn', 'Mạc Thị Bưởi',
      'Tạ Thị Kiều', 'Ưng Hoàng Phúc', 'Âu Cơ', 'Ông Ích Khiêm', 'Ý Lan', 'Ỷ Lan', 'Ỵ Thị', 'Nguyễn Thị Ngọc Diễm',
      // Composed and decomposed (NFD) forms fold alike.
      'Nguyễn Thị Hương Giang'.normalize('NFD'), 'Lò Thị Ơn'.normalize('NFD'),
    ];
    const rows: Array<{ f: string | null }> = await t.ds.query(`SELECT baove_fold(n) AS f FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i`, [corpus]);
    expect(rows.map((r) => r.f ?? '')).toEqual(corpus.map(fold));
  });

  it('finds a child written without diacritics, by the given names alone ("huong giang"), the right one first', async () => {
    const items = await ranking({ fullName: 'huong giang', sex: 'female', dateOfBirth: '2014-03-05' });
    expect(items[0].child.id).toBe(ids.giang);
    expect(items[0].reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['name_similar', 'given_name_same', 'dob_same']));
    const ranked = items.map((i) => i.child.id);
    expect(ranked).not.toContain(ids.hanoi);
    expect(ranked).not.toContain(ids.nam);
    // Same name, another year of birth: below, if offered at all.
    if (ranked.includes(ids.older)) expect(ranked.indexOf(ids.older)).toBeGreaterThan(0);
  });

  it('forgives common misspellings: "Nguyen Thi Huong Giag", "Nguyễn Thị Hưong Giang"', async () => {
    const typo = await ranking({ fullName: 'Nguyen Thi Huong Giag', sex: 'female', dateOfBirth: '2014-03-05' });
    expect(typo[0].child.id).toBe(ids.giang);
    expect(typo[0].reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['name_similar', 'given_name_close', 'dob_same']));
    const accent = await ranking({ fullName: 'Nguyễn Thị Hưong Giang', sex: 'female', dateOfBirth: '2014-03-05' });
    expect(accent[0].child.id).toBe(ids.giang);
    expect(accent[0].reasons[0].code).toBe('name_same');
  });

  it('finds a child with family and given names swapped ("Giang Nguyễn Thị Hương")', async () => {
    const items = await ranking({ fullName: 'Giang Nguyễn Thị Hương', sex: 'female', dateOfBirth: '2014-03-05' });
    expect(items[0].child.id).toBe(ids.giang);
    expect(items[0].reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['name_swapped', 'given_name_same']));
  });

  it('ranks the same name with another year of birth lower, and never offers another sex or another province', async () => {
    const items = await ranking({ fullName: 'Nguyễn Thị Hương Giang', sex: 'female', dateOfBirth: '2014-03-05', residenceCommuneCode: 'van-son' });
    const ranked = items.map((i) => i.child.id);
    expect(ranked[0]).toBe(ids.giang);
    expect(ranked).toContain(ids.older);
    const older = items.find((i) => i.child.id === ids.older)!;
    expect(older.score).toBeLessThan(items[0].score);
    expect(older.reasons.map((r) => r.code)).toContain('birth_year_differs');
    expect(ranked).not.toContain(ids.boy);
    expect(ranked).not.toContain(ids.hanoi);
    for (const i of items) expect(i.score).toBeGreaterThanOrEqual(40);
    expect(items[0].child).toMatchObject({ fullName: 'Nguyễn Thị Hương Giang', communeName: 'Xã Vân Sơn', motherName: 'Trần Thị Mai', openCases: 1, birthYear: 2014 });
    expect(Object.keys(items[0].child).sort()).toEqual(['approxAgeYears', 'birthYear', 'communeName', 'dateOfBirth', 'fatherName', 'id', 'motherName',
      'openCases', 'residenceCommuneCode', 'sex', 'village', 'fullName'].sort());
  });

  it('weighs the village, the parents’ names and their phone', async () => {
    const items = await ranking({ fullName: 'Hương Giang', sex: 'female', village: 'thon dong', mother: { fullName: 'Tran Thi Mai', phone: '+84912345678' } });
    expect(items[0].child.id).toBe(ids.giang);
    expect(items[0].reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['same_village', 'mother_name_same', 'phone_same']));
  });

  it('is certain on the same personal id and excludes a record with a different one', async () => {
    const twin = await file({ fullName: 'Nguyễn Thị Hương Giang', sex: 'female', dateOfBirth: '2014-03-05', personalId: '038314002222', residenceCommuneCode: 'van-son' });
    // Another personal id: another child, however alike; the report was offered the older namesake (no personal id) instead.
    expect(twin.candidates.map((c) => c.child.id)).not.toContain(ids.giang);
    expect(twin.candidates.map((c) => c.child.id)).toContain(ids.older);
    const same = await ranking({ fullName: 'Nguyen Thi Giang', sex: 'female', personalId: '038314001111' });
    expect(same[0]).toMatchObject({ child: { id: ids.giang }, score: 100 });
    expect(same[0].reasons[0].code).toBe('personal_id_same');
    expect(same.map((i) => i.child.id)).not.toContain(twin.case.childId);
    const other = await ranking({ fullName: 'Nguyễn Thị Hương Giang', sex: 'female', dateOfBirth: '2014-03-05', personalId: '038314002222' });
    expect(other[0].child.id).toBe(twin.case.childId);
    expect(other.map((i) => i.child.id)).not.toContain(ids.giang);
  });

  it('audits each match with the candidates’ ids and scores', async () => {
    const items = await ranking({ fullName: 'Hương Giang', sex: 'female', dateOfBirth: '2014-03-05' });
    const [entry] = await t.ds.query(`SELECT details, actor_role FROM audit_log WHERE action = 'child.match' ORDER BY id DESC LIMIT 1`);
    expect(entry.actor_role).toBe('social_worker');
    expect(entry.details.candidates).toEqual(items.map((i) => ({ id: i.child.id, score: i.score })));
    expect(entry.details.candidates.map((c: { id: string }) => c.id)).toContain(ids.giang);
    expect(JSON.stringify(entry.details)).not.toContain('Giang');
  });

  it('refuses bad child fields with Vietnamese and English field errors', async () => {
    const bad = await matches({
      fullName: 'Lan', sex: 'male', dateOfBirth: '2014-03-05', personalId: '038314001234', ethnicity: 'Klingon', residenceCommuneCode: 'khong-co',
      father: { birthYear: 2010, phone: 'gọi tôi' }, siblings: [{ birthYear: 2090 }],
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.details.fields;
    expect(Object.keys(fields).sort()).toEqual(['child.ethnicity', 'child.father.phone']);
    const semantic = await matches({ fullName: 'Lan', sex: 'male', dateOfBirth: '2014-03-05', personalId: '038314001234', residenceCommuneCode: 'khong-co',
      father: { birthYear: 2010 }, siblings: [{ birthYear: 2090 }] });
    expect(semantic.status).toBe(400);
    expect(Object.keys(semantic.body.details.fields).sort()).toEqual(['child.father.birthYear', 'child.personalId', 'child.residenceCommuneCode', 'child.siblings.0.birthYear']);
    expect(semantic.body.details.fields['child.personalId'][0]).toMatch(/ \/ .*sex/);
    expect((await matches({ fullName: 'Lan', sex: 'female' }, 'namphu.social_worker')).status).toBe(403);
    expect((await matches({ fullName: 'Lan', sex: 'female' }, 'vanson.chair')).status).toBe(403);
    expect((await matches({ fullName: 'Lan', sex: 'female' }, 'vanson.hotline_operator')).status).toBe(200);
  });

  it('links a report to a registry child at intake: the report only fills what the record lacks', async () => {
    const linked = await file({ id: ids.giang, fullName: 'Hương Giang', sex: 'female', village: 'Thôn Tây', school: 'Trường Tiểu học Vân Sơn', schoolClass: '5A' });
    expect(linked.case.childId).toBe(ids.giang);
    expect(linked.candidates.map((c) => c.child.id)).not.toContain(ids.giang);
    const child = await t.http.get(`/api/v1/children/${ids.giang}`).set('Authorization', await t.login('vanson.social_worker'));
    expect(child.status).toBe(200);
    expect(child.body).toMatchObject({
      id: ids.giang, fullName: 'Nguyễn Thị Hương Giang', village: 'Thôn Đông', school: 'Trường Tiểu học Vân Sơn', schoolClass: '5A',
      otherNames: ['Hương Giang'], mergedInto: null, version: 2, mother: GIANG.mother, ethnicity: 'Kinh',
    });
    expect(child.body.cases.map((c: { id: string }) => c.id)).toEqual([linked.case.id, caseOf.giang]);
    // The case keeps the child as the report described them.
    const [reported] = await t.ds.query(`SELECT full_name FROM case_children WHERE case_id = $1`, [linked.case.id]);
    expect(reported.full_name).toBe('Hương Giang');
    const [audit] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'child.link' AND entity_id = $1`, [ids.giang]);
    expect(audit.details.filled.sort()).toEqual(['otherNames', 'school', 'schoolClass']);
  });

  it('refuses to link to an unknown child, another province’s child, or one whose personal id differs', async () => {
    const as = await t.login('vanson.social_worker');
    const body = intakeBody;
    for (const [child, field] of [
      [{ id: '00000000-0000-4000-8000-000000000000', sex: 'female' }, 'child.id'],
      [{ id: ids.hanoi, sex: 'female' }, 'child.id'],
      [{ id: ids.giang, sex: 'female', personalId: '038314003333', dateOfBirth: '2014-03-05' }, 'child.personalId'],
    ] as const) {
      const res = await t.http.post('/api/v1/intake').set('Authorization', as).send(body({ child }));
      expect([res.status, Object.keys(res.body.details?.fields ?? {})]).toEqual([400, [field]]);
    }
    // A new record may not take a personal id another record holds.
    const taken = await t.http.post('/api/v1/intake').set('Authorization', as)
      .send(body({ child: { fullName: 'Người Khác', sex: 'female', dateOfBirth: '2014-03-05', personalId: '038314001111' } }));
    expect(taken.status).toBe(400);
    expect(taken.body.details.fields['child.personalId'][0]).toMatch(/already in the registry/);
  });

  it('reads a record only within scope (404 outside), audited', async () => {
    for (const user of ['namphu.social_worker', 'vanson.police', 'vanson.hotline_operator', 'vanson.admin']) {
      expect([user, (await t.http.get(`/api/v1/children/${ids.giang}`).set('Authorization', await t.login(user))).status]).toEqual([user, 404]);
    }
    // Province staff see the province's children; a Ngọc Liên worker sees a child living in Ngọc Liên.
    expect((await t.http.get(`/api/v1/children/${ids.giang}`).set('Authorization', await t.login('thanhhoa.supervisor'))).status).toBe(200);
    expect((await t.http.get(`/api/v1/children/${ids.nam}`).set('Authorization', await t.login('ngoclien.social_worker'))).status).toBe(200);
    const reads = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'child.read' AND entity_id = $1`, [ids.giang]);
    expect(reads[0].n).toBeGreaterThanOrEqual(2);
  });

  it('corrects a record with expectedVersion: 409 when stale, 400 on bad fields, audited with the field names', async () => {
    const as = await t.login('vanson.social_worker');
    const current = (await t.http.get(`/api/v1/children/${ids.lan}`).set('Authorization', as)).body;
    const stale = await t.http.patch(`/api/v1/children/${ids.lan}`).set('Authorization', as).send({ expectedVersion: current.version + 1, school: 'THCS' });
    expect(stale.status).toBe(409);
    const bad = await t.http.patch(`/api/v1/children/${ids.lan}`).set('Authorization', as).send({ expectedVersion: current.version, personalId: '038213000000' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields)).toEqual(['personalId']);
    const ok = await t.http.patch(`/api/v1/children/${ids.lan}`).set('Authorization', as)
      .send({ expectedVersion: current.version, personalId: '038313000000', household: { poverty: 'near_poor', members: 5 }, village: null });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: current.version + 1, personalId: '038313000000', household: { poverty: 'near_poor', members: 5 }, village: null });
    const [audit] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'child.update' AND entity_id = $1`, [ids.lan]);
    expect(audit.details.fields.sort()).toEqual(['household', 'personalId', 'village']);
    expect((await t.http.patch(`/api/v1/children/${ids.lan}`).set('Authorization', await t.login('vanson.chair')).send({ expectedVersion: 2 })).status).toBe(403);
    expect((await t.http.patch(`/api/v1/children/${ids.lan}`).set('Authorization', await t.login('namphu.social_worker')).send({ expectedVersion: 2 })).status).toBe(404);
  });

  it('merges two records of one child (supervisors only) and undoes it: the cases move and move back, audited', async () => {
    const dup = await file({ fullName: 'Nguyen Thi Huong Giang', sex: 'female', approxAgeYears: 12, residenceCommuneCode: 'van-son' });
    const sup = await t.login('vanson.supervisor');
    const body = { sourceId: dup.case.childId, targetId: ids.giang, reason: 'Cùng một trẻ (đã xác minh với gia đình)' };
    expect((await t.http.post('/api/v1/children/merges').set('Authorization', await t.login('vanson.social_worker')).send(body)).status).toBe(403);
    expect((await t.http.post('/api/v1/children/merges').set('Authorization', await t.login('hanoi.supervisor')).send(body)).status).toBe(404);
    expect((await t.http.post('/api/v1/children/merges').set('Authorization', sup).send({ ...body, targetId: dup.case.childId })).status).toBe(400);
    const merged = await t.http.post('/api/v1/children/merges').set('Authorization', sup).send(body);
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({ kind: 'merge', sourceId: dup.case.childId, targetId: ids.giang, caseIds: [dup.case.id], undoneAt: null });
    const caseChild = async () => (await t.ds.query(`SELECT child_id FROM cases WHERE id = $1`, [dup.case.id]))[0].child_id;
    expect(await caseChild()).toBe(ids.giang);
    const retired = await t.http.get(`/api/v1/children/${dup.case.childId}`).set('Authorization', sup);
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ mergedInto: ids.giang, cases: [] });
    // A retired record is no candidate, and can be merged no further.
    expect((await ranking({ fullName: 'Nguyen Thi Huong Giang', sex: 'female' })).map((i) => i.child.id)).not.toContain(dup.case.childId);
    expect((await t.http.post('/api/v1/children/merges').set('Authorization', sup).send(body)).status).toBe(409);

    const undone = await t.http.post(`/api/v1/children/merges/${merged.body.id}/undo`).set('Authorization', sup);
    expect(undone.status).toBe(200);
    expect(undone.body.undoneAt).not.toBeNull();
    expect(await caseChild()).toBe(dup.case.childId);
    expect((await t.http.get(`/api/v1/children/${dup.case.childId}`).set('Authorization', sup)).body.mergedInto).toBeNull();
    expect((await t.http.post(`/api/v1/children/merges/${merged.body.id}/undo`).set('Authorization', sup)).status).toBe(409);
    expect((await t.http.post(`/api/v1/children/merges/${merged.body.id}/undo`).set('Authorization', await t.login('hanoi.supervisor'))).status).toBe(404);
    const trail = await t.ds.query(`SELECT action, actor_role, details FROM audit_log WHERE action IN ('child.merge', 'child.merge_undo') AND entity_id = $1 ORDER BY id`, [dup.case.childId]);
    expect(trail.map((a: { action: string; details: { caseIds: string[] } }) => [a.action, a.details.caseIds])).toEqual([
      ['child.merge', [dup.case.id]], ['child.merge_undo', [dup.case.id]],
    ]);
  });

  it('relinks a case to another child: the record its intake made is retired into the chosen one (undoable), audited', async () => {
    const filed = await file({ fullName: 'Bé Giang', sex: 'female', residenceCommuneCode: 'van-son' }, 'vanson.hotline_operator');
    const before = filed.case.childId;
    const put = (as: string, childId: string) => t.login(as).then((a) => t.http.put(`/api/v1/cases/${filed.case.id}/child`).set('Authorization', a).send({ childId }));
    expect((await put('namphu.social_worker', ids.giang)).status).toBe(404);
    expect((await put('vanson.chair', ids.giang)).status).toBe(403);
    expect((await put('vanson.social_worker', ids.hanoi)).status).toBe(400);
    const res = await put('vanson.hotline_operator', ids.giang);
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ childId: ids.giang, repeat: { ofCaseId: expect.any(String) } });
    const [record] = await t.ds.query(`SELECT merged_into FROM children WHERE id = $1`, [before]);
    expect(record.merged_into).toBe(ids.giang);
    const [merge] = await t.ds.query(`SELECT id, kind, case_ids FROM child_merges WHERE source_id = $1`, [before]);
    expect(merge).toMatchObject({ kind: 'relink', case_ids: [] });
    const [audit] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'case.child_relinked' AND case_id = $1`, [filed.case.id]);
    expect(audit.details).toMatchObject({ from: before, to: ids.giang, retiredMergeId: merge.id });
    // Relinked back: the record it left (not made by its intake) stays.
    expect((await put('vanson.supervisor', ids.older)).status).toBe(200);
    expect((await t.ds.query(`SELECT merged_into FROM children WHERE id = $1`, [ids.giang]))[0].merged_into).toBeNull();
    expect((await t.http.post(`/api/v1/children/merges/${merge.id}/undo`).set('Authorization', await t.login('vanson.supervisor'))).status).toBe(200);
    expect((await t.ds.query(`SELECT merged_into FROM children WHERE id = $1`, [before]))[0].merged_into).toBeNull();
  });

  it('finds candidates through the trigram index on the folded name, in a province of 100,000 children', async () => {
    // As the owner: only a table's owner may ANALYZE it (the application role's ANALYZE is skipped).
    const plan: Array<{ 'QUERY PLAN': string }> = await t.ownerDs.transaction(async (m) => {
      await m.query(`INSERT INTO children (full_name, sex, residence_commune_code)
        SELECT 'Trẻ ' || substr(md5(i::text), 1, 6) || ' ' || substr(md5((i * 7)::text), 1, 5), 'female', 'van-son' FROM generate_series(1, 100000) i`);
      await m.query(`ANALYZE children`);
      const rows = await m.query(`EXPLAIN SELECT id FROM children ch WHERE ch.province_code = 'thanh-hoa' AND ch.merged_into IS NULL
        AND (ch.search_name % 'huong giang' OR 'huong giang' <% ch.search_name OR ch.personal_id = '038314001111')`);
      // Nothing of it is kept.
      await m.query(`ROLLBACK`);
      await m.query(`BEGIN`);
      return rows;
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('IDX_children_search_name_trgm');
  });
});
