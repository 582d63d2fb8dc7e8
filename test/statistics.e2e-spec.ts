/**
 * The report statistics as the law defines them, from reports driven through the real API on a
 * controlled clock: known children (one named by two reports), a duplicate, an unfounded report,
 * an injury only, ages 7, 10, 15, 16 and 17, verifications on time and late against each report's
 * own deadline (12 hours only for a child in serious danger) — exact figures in JSON, CSV and XLSX
 * (read back with exceljs), suppression for publication, and the national role's aggregate view.
 */
import ExcelJS from 'exceljs';
import { Clock } from '../src/common/clock';
import { NATIONAL_ADMIN_USERNAME } from '../src/schema/seed';
import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, userId } from './support/fixtures';

const HOUR = 3_600_000;
/** Monday 2 March 2026, 08:00 in Vietnam. */
const T0 = Date.parse('2026-03-02T01:00:00Z');
/** Thursday 12 March 2026, 08:00 in Vietnam: when the figures are read. */
const T1 = Date.parse('2026-03-12T01:00:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class TestClock extends Clock {
  private t = T0;
  now(): Date {
    return new Date(this.t);
  }
  set(ms: number): void {
    this.t = ms;
  }
}

const child = (sex: string, dateOfBirth: string) => ({ fullName: 'Trẻ Thử', sex, dateOfBirth });
const binary = (r: import('supertest').Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => done(null, Buffer.concat(chunks)));
};
/** exceljs types its own Buffer: the one supertest gives is the same at run time. */
const workbook = async (body: unknown) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
};

describe('statistics: indicators as the law defines them (e2e)', () => {
  const clock = new TestClock();
  let t: TestApp;
  let ids: Record<string, string>;
  const get = async (as: string, path: string, query: Record<string, unknown> = {}) =>
    t.http.get(`/api/v1${path}`).query(query).set('Authorization', await t.login(as));

  beforeAll(async () => {
    t = await bootTestApp({ clock });
    const sw = 'vanson.social_worker';
    const workerId = await userId(t, sw);
    const at = (hours: number) => clock.set(T0 + hours * HOUR);
    const receivedAt = new Date(T0).toISOString();
    const file = (body: Record<string, unknown>) => intake(t, sw, { receivedAt, ...body });
    const takeUp = async (id: string) => {
      await apply(t, 'vanson.supervisor', id, 'ASSIGN', { assigneeId: workerId });
      await apply(t, sw, id, 'START_VERIFICATION');
    };
    const verify = (id: string, substantiated = true) =>
      apply(t, sw, id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated, summary: 'Đã xác minh' });
    const incident = (types: string[], environment?: string) => ({ types, description: 'Trẻ bị xâm hại', ...(environment ? { environment } : {}) });

    at(0);
    // Lan, 10: two reports (family, school), and a duplicate of the first.
    const lan1 = await file({ child: child('female', '2015-04-01'), incident: incident(['physical_violence'], 'family') });
    const lan2 = await file({ child: { id: lan1.childId, sex: 'female' }, incident: incident(['neglect'], 'school') });
    const dup = await file({ child: { id: lan1.childId, sex: 'female' }, incident: incident(['physical_violence'], 'family') });
    // Minh, 14: unfounded. Khoa, 15: verified late. Hoa, 16 (online). Tú, 17. Cúc, 9: drowned (an injury, not abuse).
    const minh = await file({ child: child('male', '2012-01-01') });
    const khoa = await file({ child: child('male', '2010-06-01'), incident: incident(['physical_violence'], 'community') });
    const hoa = await file({ child: child('female', '2010-01-01'), incident: incident(['sexual_abuse'], 'online') });
    const tu = await file({ child: child('male', '2009-01-01') });
    const cuc = await file({ child: child('female', '2017-01-01'), incident: { types: [], injuryTypes: ['drowning'], description: 'Đuối nước' } });
    // Mai, 7, in serious danger: 12 hours to verify.
    const mai = await file({ child: child('female', '2018-05-05'), immediateDanger: true });

    ids = { lan1: lan1.id, lan2: lan2.id, dup: dup.id, minh: minh.id, khoa: khoa.id, hoa: hoa.id, tu: tu.id, cuc: cuc.id, mai: mai.id };
    at(1);
    for (const c of [lan1, lan2, minh, khoa, hoa, tu, cuc, mai]) await takeUp(c.id);
    await apply(t, sw, dup.id, 'MARK_DUPLICATE', { ofCaseId: lan1.id });
    for (const c of [lan1, lan2, hoa, tu, cuc]) await verify(c.id);
    await verify(minh.id, false);
    await apply(t, sw, lan1.id, 'RECORD_ASSESSMENT', { needs: ['y tế'], summary: 'Cần hỗ trợ' });
    at(2);
    await apply(t, sw, lan1.id, 'SUBMIT_PLAN', { goals: 'Trẻ an toàn', actions: [] });
    await apply(t, sw, minh.id, 'CLOSE_UNFOUNDED', { reason: 'Tin báo không đúng' });
    await apply(t, 'vanson.supervisor', minh.id, 'APPROVE_CLOSURE');
    at(3);
    await apply(t, 'vanson.chair', lan1.id, 'APPROVE_PLAN');
    at(13);
    await verify(mai.id); // 13 hours: late for a child in serious danger
    at(30);
    await verify(khoa.id); // 30 hours: within the 2 working days of the initial assessment
    // The special-circumstances register: Lan supported (a service granted), Khoa registered only; a
    // Ngọc Liên child registered and supported there, outside Vân Sơn's figures.
    const register = async (as: string, childId: string, commune: string) => {
      await t.ds.query(`UPDATE children SET residence_commune_code = $2, province_code = 'thanh-hoa' WHERE id = $1`, [childId, commune]);
      const res = await t.http.post(`/api/v1/children/${childId}/supports`).set('Authorization', await t.login(as)).send({ groups: ['violence_harm'] });
      expect(res.status).toBe(201);
      return res.body.support as { id: string; version: number };
    };
    const supportEvent = async (as: string, s: { id: string; version: number }, type: string, data: object) => {
      const res = await t.http.post(`/api/v1/supports/${s.id}/events`).set('Authorization', await t.login(as)).send({ type, data, expectedVersion: s.version });
      expect(res.status).toBe(200);
      return res.body.support as { id: string; version: number };
    };
    const support = async (as: string, s: { id: string; version: number }) => supportEvent(as, await supportEvent(as, s, 'ASSESS', { needs: 'Cần hỗ trợ', assessedOn: '2026-03-03' }),
      'PLAN', { goals: 'Trẻ an toàn', services: [{ kind: 'social_assistance', detail: 'Trợ cấp xã hội', grantedOn: '2026-03-04' }] });
    await support(sw, await register(sw, lan1.childId as string, 'van-son'));
    await register(sw, khoa.childId as string, 'van-son');
    const [{ id: elsewhere }] = await t.ds.query(`INSERT INTO children (full_name, sex, date_of_birth) VALUES ('Trẻ Thử', 'female', '2014-02-02') RETURNING id`);
    await support('ngoclien.social_worker', await register('ngoclien.social_worker', elsewhere, 'ngoc-lien'));
    clock.set(T1);
  });
  afterAll(() => t.close());

  it('counts each abused child once, under 16 apart from 16–17, with exact indicators', async () => {
    const res = await get('vanson.supervisor', '/statistics', { period: '2026-H1' });
    expect(res.status).toBe(200);
    expect(res.body.childrenAbused).toEqual({
      total: 3, supported: 1,
      bySex: { female: 2, male: 1, unknown: 0 },
      byAgeGroup: { '0-5': 0, '6-10': 2, '11-15': 1, unknown: 0 },
      byAbuseType: {
        physical_violence: 3, psychological_violence: 0, sexual_abuse: 0, exploitation: 0, trafficking: 0, abduction: 0,
        abandonment: 0, neglect: 1, online_abuse: 0, other: 0,
      },
      byEnvironment: { family: 1, school: 1, community: 1, online: 0, care_facility: 0, other: 0, unknown: 1 },
    });
    expect(res.body.adolescentsAbused).toMatchObject({
      total: 2, supported: 0, bySex: { female: 1, male: 1, unknown: 0 },
      byEnvironment: { family: 0, school: 0, community: 0, online: 1, care_facility: 0, other: 0, unknown: 1 },
    });
    expect(res.body.adolescentsAbused.byAbuseType).toMatchObject({ physical_violence: 1, sexual_abuse: 1 });
    expect(res.body.reports).toMatchObject({
      total: 9, byOutcome: { open: 7, child_safe: 0, resolved: 0, unfounded: 1, duplicate: 1 },
      notCounted: { duplicate: 1, unfounded: 1, notSubstantiated: 0, injuryOnly: 1 },
    });
    expect(res.body.indicators).toEqual({
      // All but the duplicate; Mai (13 h, in danger) late, every other verified within its own deadline.
      verifiedOnTime: { numerator: 7, denominator: 8, rate: 0.875 },
      // Neither the duplicate nor the unfounded report: Lan's first plan drafted in 2 hours; six past their 5 working days.
      planDraftedOnTime: { numerator: 1, denominator: 7, rate: 0.1429 },
      closedChildSafe: { numerator: 0, denominator: 0, rate: null },
    });
    expect(res.body.specialCircumstances).toEqual({ registered: 2, supported: 1 });
    expect(res.body.definitions.map((d: { key: string }) => d.key)).toContain('indicators.planDraftedOnTime');
  });

  it('exports the same figures as CSV and as an XLSX workbook in the reporting tables’ layout', async () => {
    const csv = await t.http.get('/api/v1/statistics').query({ period: '2026-H1' }).set('Authorization', await t.login('vanson.chair'))
      .set('Accept', 'text/csv').buffer(true).parse(binary);
    const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Trẻ em bị xâm hại theo nhóm tuổi / Children abused by age group,Từ 11 đến 15 tuổi / Aged 11–15,11-15,1,,');
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Chỉ tiêu kế hoạch / Plan indicators,Tỷ lệ tin báo được xác minh đúng hạn / Share verified on time,verifiedOnTime,0.875,7,8');

    const res = await t.http.get('/api/v1/statistics').query({ period: '2026-H1' }).set('Authorization', await t.login('vanson.chair'))
      .set('Accept', XLSX).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="baove-thong-ke-2026-H1.xlsx"');
    const wb = await workbook(res.body);
    const sheet = wb.getWorksheet('Bao cao')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    const byCode = (section: string, code: string) => {
      const start = rows.findIndex((r) => String(r[1] ?? '').startsWith(section));
      return rows.slice(start + 1).find((r) => r[2] === code);
    };
    expect(rows.find((r) => r[0] === 'STT / No.')).toEqual(['STT / No.', 'Chỉ tiêu / Item', 'Mã / Code', 'Giá trị / Value', 'Tử số / Numerator', 'Mẫu số / Denominator']);
    expect(byCode('Trẻ em bị xâm hại (chỉ tiêu 0101', 'total')).toEqual([1, 'Tổng số / Total', 'total', 3]);
    expect(byCode('Trẻ em bị xâm hại theo môi trường', 'unknown')?.[3]).toBe(1);
    expect(byCode('Người từ 16 đến dưới 18 tuổi', 'total')?.[3]).toBe(2);
    expect(byCode('Chỉ tiêu kế hoạch', 'verifiedOnTime')?.slice(3)).toEqual([0.875, 7, 8]);
    expect(wb.getWorksheet('Dinh nghia')!.getRow(2).getCell(2).value).toBe('0101');
  });

  it('suppresses small counts in exports marked for publication', async () => {
    const res = await t.http.get('/api/v1/statistics').query({ period: '2026-H1', publish: 'true' })
      .set('Authorization', await t.login('vanson.supervisor')).set('Accept', XLSX).buffer(true).parse(binary);
    expect(res.headers['content-disposition']).toBe('attachment; filename="baove-thong-ke-2026-H1-cong-bo.xlsx"');
    const wb = await workbook(res.body);
    const values = wb.getWorksheet('Bao cao')!.getSheetValues().filter(Boolean).map((r) => (r as ExcelJS.CellValue[]).slice(1));
    const counts = values.filter((r) => typeof r[0] === 'number').flatMap((r) => r.slice(3));
    // No count from 1 to 4 is left (the default threshold is 5); the rate of 7 out of 8 stays.
    expect(counts.filter((v) => Number.isInteger(v) && (v as number) > 0 && (v as number) < 5)).toEqual([]);
    expect(counts).toContain('<5');
    expect(counts).toContain(0.875);
    expect((await get('vanson.supervisor', '/statistics', { period: '2026-H1', publish: 'maybe' })).status).toBe(400);
  });

  it('gives the national role aggregate figures of every province', async () => {
    const res = await get(NATIONAL_ADMIN_USERNAME, '/statistics', { period: '2026-H1' });
    expect(res.status).toBe(200);
    expect(res.body.childrenAbused.total).toBe(3);
    expect(res.body.reports.total).toBe(9);
  });

  describe('drill-down, trends, comparisons', () => {
    const drill = (as: string, query: Record<string, unknown>) => get(as, '/statistics/cases', { period: '2026-H1', ...query });

    it('opens the cases behind a figure, in the case list’s shape, and audits the read', async () => {
      const school = await drill('vanson.supervisor', { figure: 'childrenAbused', by: 'environment', value: 'school' });
      expect(school.status).toBe(200);
      expect(school.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(school.body.items.map((i: { id: string }) => i.id)).toEqual([ids.lan2]);
      const list = await get('vanson.supervisor', '/cases', { pageSize: 1 });
      expect(Object.keys(school.body.items[0]).sort()).toEqual(Object.keys(list.body.items[0]).sort());
      expect(school.body.items[0]).toMatchObject({ communeCode: 'van-son', abuseTypes: ['neglect'] });

      const children = await drill('vanson.chair', { figure: 'childrenAbused' });
      expect(children.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.lan1, ids.lan2, ids.khoa, ids.mai].sort());
      expect(children.body.items.find((i: { id: string }) => i.id === ids.khoa).childName).toBe('Trẻ Thử');
      // A child whose data is restricted is not named in a drill-down (the case is still counted and listed).
      await t.ds.query(`UPDATE children SET restricted_at = now() WHERE id = (SELECT child_id FROM cases WHERE id = $1)`, [ids.khoa]);
      const masked = await drill('vanson.chair', { figure: 'childrenAbused' });
      expect(masked.body.items.find((i: { id: string }) => i.id === ids.khoa).childName).toBeNull();
      expect(masked.body.items.find((i: { id: string }) => i.id === ids.lan1).childName).not.toBeNull();
      await t.ds.query(`UPDATE children SET restricted_at = NULL WHERE id = (SELECT child_id FROM cases WHERE id = $1)`, [ids.khoa]);
      expect((await drill('vanson.auditor', { figure: 'verifiedOnTime', by: 'result', value: 'late' })).body.items.map((i: { id: string }) => i.id))
        .toEqual([ids.mai]);
      expect((await drill('vanson.supervisor', { figure: 'reports', by: 'notCounted', value: 'unfounded' })).body.items.map((i: { id: string }) => i.id))
        .toEqual([ids.minh]);
      const paged = await drill('vanson.supervisor', { figure: 'reports', page: 2, pageSize: 4 });
      expect(paged.body).toMatchObject({ total: 9, page: 2, pageSize: 4 });
      expect(paged.body.items).toHaveLength(4);

      const [audit] = await t.ds.query(
        `SELECT l.details FROM audit_log l JOIN users u ON u.id = l.actor_id
          WHERE l.action = 'statistics.drill_down' AND u.username = 'vanson.supervisor' ORDER BY l.id LIMIT 1`);
      expect(audit.details).toEqual({ period: '2026-H1', figure: 'childrenAbused', by: 'environment', value: 'school', total: 1, returned: 1 });
    });

    it('shows a national user no case, and another commune none of this one’s', async () => {
      expect((await drill(NATIONAL_ADMIN_USERNAME, { figure: 'childrenAbused' })).status).toBe(403);
      const other = await drill('ngoclien.supervisor', { figure: 'reports' });
      expect(other.body).toMatchObject({ total: 0, items: [] });
      const province = await drill('thanhhoa.supervisor', { figure: 'childrenAbused', by: 'sex', value: 'male' });
      expect(province.body.items.map((i: { id: string }) => i.id)).toEqual([ids.khoa]);
    });

    it('answers a breakdown the figure does not have with 400', async () => {
      for (const query of [
        { figure: 'adolescentsAbused', by: 'ageGroup', value: '16-17' }, { figure: 'childrenAbused', by: 'sex' },
        { figure: 'nope' }, { figure: 'reports', by: 'colour', value: 'x' }, {},
      ]) {
        const res = await drill('vanson.supervisor', query);
        expect(res.status).toBe(400);
        expect(res.body.details.fields).toBeDefined();
      }
    });

    it('gives trends by month of receipt', async () => {
      const res = await get('vanson.supervisor', '/statistics/trends', { from: '2026-02', to: '2026-03' });
      expect(res.status).toBe(200);
      expect(res.body.months.map((m: Record<string, unknown>) => [m.month, m.childrenAbused, m.adolescentsAbused, m.reports])).toEqual([
        ['2026-02', 0, 0, 0], ['2026-03', 3, 2, 9],
      ]);
      expect(res.body.months[1].verifiedOnTime).toEqual({ numerator: 7, denominator: 8, rate: 0.875 });
      const national = await get(NATIONAL_ADMIN_USERNAME, '/statistics/trends', { from: '2026-03', to: '2026-03', provinceCode: 'ha-noi' });
      expect(national.body.months[0].reports).toBe(0);
      for (const query of [{ from: '2026-04', to: '2026-03' }, { from: '2026-13', to: '2027-01' }, { from: '2020-01', to: '2026-01' }]) {
        expect((await get('vanson.supervisor', '/statistics/trends', query)).status).toBe(400);
      }
    });

    it('compares the communes of a province', async () => {
      const res = await get('thanhhoa.supervisor', '/statistics/communes', { period: '2026-H1' });
      expect(res.status).toBe(200);
      expect(res.body.communes.map((c: Record<string, unknown>) => [c.communeCode, c.childrenAbused, c.adolescentsAbused, c.reports])).toEqual([
        ['ngoc-lien', 0, 0, 0], ['van-son', 3, 2, 9],
      ]);
      expect((await get('vanson.chair', '/statistics/communes', { period: '2026-H1' })).body.communes.map((c: { communeCode: string }) => c.communeCode))
        .toEqual(['van-son']);
      expect((await get(NATIONAL_ADMIN_USERNAME, '/statistics/communes', { period: '2026-H1' })).status).toBe(400);
      const national = await get(NATIONAL_ADMIN_USERNAME, '/statistics/communes', { period: '2026-H1', provinceCode: 'thanh-hoa' });
      expect(national.body).toEqual(res.body);
    });
  });
});
