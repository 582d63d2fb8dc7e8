/**
 * The province's report calendar as data, and the commune reports' statuses: two provinces with
 * different cut-offs give different statistics periods and due dates; provincial administrators
 * (and the national one) edit their own province's calendar only, audited; a report is drafted by
 * the supervisor, approved by the chair, sent — and its PDF carries the chair's name once approved.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../src/common/clock';
import { NATIONAL_ADMIN_USERNAME } from '../src/schema/seed';
import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, userId } from './support/fixtures';

class TestClock extends Clock {
  t = Date.parse('2026-06-15T01:00:00Z');
  now(): Date {
    return new Date(this.t);
  }
}

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'baove-report-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('report calendar and report statuses (e2e)', () => {
  const clock = new TestClock();
  let t: TestApp;
  const call = async (as: string, method: 'get' | 'put' | 'post', path: string, body?: Record<string, unknown>) => {
    const req = t.http[method](`/api/v1${path}`).set('Authorization', await t.login(as));
    return method === 'get' ? req.query(body ?? {}) : req.send(body ?? {});
  };
  const MID_MONTH = { periodStart: '12-15', periodEnd: '06-14', due: '06-20', recipients: 'Sở Y tế tỉnh Thanh Hóa' };

  beforeAll(async () => {
    t = await bootTestApp({ clock });
    // A substantiated report of 20 December 2025 in each province.
    for (const [sw, communeCode] of [['vanson.social_worker', 'van-son'], ['namphu.social_worker', 'nam-phu']] as const) {
      const c = await intake(t, sw, { receivedAt: '2025-12-20T01:00:00Z', communeCode });
      await apply(t, sw.replace('social_worker', 'supervisor'), c.id, 'ASSIGN', { assigneeId: await userId(t, sw) });
      await apply(t, sw, c.id, 'START_VERIFICATION');
      await apply(t, sw, c.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Có cơ sở' });
    }
  });
  afterAll(() => t.close());

  it('serves the defaults to a province without a calendar of its own', async () => {
    const res = await call('vanson.supervisor', 'get', '/report-calendar', { year: 2026 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provinceCode: 'thanh-hoa', year: 2026 });
    expect(res.body.entries.map((e: Record<string, unknown>) => [e.kind, e.periodStart, e.periodEnd, e.due, e.custom])).toEqual([
      ['six_month', '01-01', '06-30', '07-10', false], ['annual', '01-01', '12-31', '01-15', false],
    ]);
    expect(res.body.reports.map((r: Record<string, unknown>) => [r.report, r.from, r.to, r.due])).toEqual([
      ['2026-H1', '2026-01-01', '2026-06-30', '2026-07-10'], ['2026', '2026-01-01', '2026-12-31', '2027-01-15'],
    ]);
  });

  it('lets a provincial administrator set the province’s cut-offs, audited, versioned', async () => {
    const res = await call('vanson.admin', 'put', '/report-calendar/six_month', MID_MONTH);
    expect(res.status).toBe(200);
    expect(res.body.entries[0]).toMatchObject({ ...MID_MONTH, kind: 'six_month', custom: true, version: 1, updatedByName: expect.any(String) });
    expect(res.body.reports[0]).toMatchObject({ report: '2026-H1', from: '2025-12-15', to: '2026-06-14', due: '2026-06-20' });
    const stale = await call('vanson.admin', 'put', '/report-calendar/six_month', { ...MID_MONTH, expectedVersion: 7 });
    expect(stale.status).toBe(409);
    expect((await call('vanson.admin', 'put', '/report-calendar/six_month', { ...MID_MONTH, recipients: 'Sở Y tế', expectedVersion: 1 })).body.entries[0].version).toBe(2);
    await call('vanson.admin', 'put', '/report-calendar/six_month', MID_MONTH);
    const [audit] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'report_calendar.updated' ORDER BY id LIMIT 1`);
    expect(audit.details).toMatchObject({ provinceCode: 'thanh-hoa', kind: 'six_month', version: 1, before: null, after: MID_MONTH });
  });

  it('refuses bad days, unknown reports, other provinces and other roles', async () => {
    for (const [body, field] of [[{ ...MID_MONTH, periodEnd: '02-29' }, 'periodEnd'], [{ ...MID_MONTH, due: '7-10' }, 'due'], [{ ...MID_MONTH, recipients: '' }, 'recipients']] as const) {
      const res = await call('vanson.admin', 'put', '/report-calendar/annual', body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.details.fields)).toEqual([field]);
    }
    expect((await call('vanson.admin', 'put', '/report-calendar/quarterly', MID_MONTH)).status).toBe(400);
    expect((await call('namphu.admin', 'put', '/report-calendar/annual', { ...MID_MONTH, provinceCode: 'thanh-hoa' })).status).toBe(404);
    expect((await call('vanson.supervisor', 'put', '/report-calendar/annual', MID_MONTH)).status).toBe(403);
    expect((await call(NATIONAL_ADMIN_USERNAME, 'put', '/report-calendar/annual', MID_MONTH)).status).toBe(400);
    expect((await call(NATIONAL_ADMIN_USERNAME, 'get', '/report-calendar', { provinceCode: 'nowhere' })).status).toBe(404);
    const national = await call(NATIONAL_ADMIN_USERNAME, 'put', '/report-calendar/annual',
      { periodStart: '12-15', periodEnd: '12-14', due: '12-20', recipients: 'Sở Y tế thành phố Hà Nội', provinceCode: 'ha-noi' });
    expect(national.status).toBe(200);
    expect(national.body.reports[1]).toMatchObject({ report: '2026', from: '2025-12-15', to: '2026-12-14', due: '2026-12-20' });
  });

  it('counts each province’s statistics over its own period', async () => {
    const thanhHoa = await call('vanson.supervisor', 'get', '/statistics', { period: '2026-H1' });
    expect(thanhHoa.body).toMatchObject({ from: '2025-12-15', to: '2026-06-14', childrenAbused: { total: 1 } });
    const haNoi = await call('namphu.supervisor', 'get', '/statistics', { period: '2026-H1' });
    expect(haNoi.body).toMatchObject({ from: '2026-01-01', to: '2026-06-30', childrenAbused: { total: 0 } });
    // Hà Nội's year now runs from 15 December: its December case is in 2026.
    expect((await call('namphu.supervisor', 'get', '/statistics', { period: '2026' })).body.childrenAbused.total).toBe(1);
    expect((await call('namphu.supervisor', 'get', '/statistics', { period: '2025' })).body.childrenAbused.total).toBe(0);
  });

  it('tracks a report drafted, approved by the chair and sent, each step audited; the PDF signed once approved', async () => {
    const list = await call('vanson.supervisor', 'get', '/reports', { year: 2026 });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: Record<string, unknown>) => [i.communeCode, i.report, i.due, i.status])).toEqual([
      ['van-son', '2026-H1', '2026-06-20', null], ['van-son', '2026', '2027-01-15', null],
    ]);
    expect((await call('vanson.chair', 'post', '/reports/2026-H1/approve')).status).toBe(422);
    expect((await call('vanson.chair', 'post', '/reports/2026-H1/draft')).status).toBe(403);
    expect((await call('vanson.auditor', 'post', '/reports/2026-H1/draft')).status).toBe(403);
    expect((await call('thanhhoa.supervisor', 'post', '/reports/2026-H1/draft')).status).toBe(403);
    expect((await call('vanson.supervisor', 'post', '/reports/2026-Q1/draft')).status).toBe(404);

    const drafted = await call('vanson.supervisor', 'post', '/reports/2026-H1/draft');
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ status: 'drafted', draftedBy: 'Demo supervisor Xã Vân Sơn', approvedBy: null, version: 1 });
    const draftPdf = await t.http.get('/api/v1/reports/2026-H1/document').set('Authorization', await t.login('vanson.chair')).buffer(true)
      .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(draftPdf.status).toBe(200);
    const draftText = pdfText(draftPdf.body as Buffer);
    expect(draftText).toContain('DỰ THẢO');
    expect(draftText).toContain('Kính gửi: Sở Y tế tỉnh Thanh Hóa');
    expect(draftText).toContain('từ ngày 15/12/2025 đến ngày 14/06/2026');

    expect((await call('vanson.chair', 'post', '/reports/2026-H1/approve')).body).toMatchObject({ status: 'approved', approvedBy: 'Demo chair Xã Vân Sơn' });
    const signed = pdfText((await t.http.get('/api/v1/reports/2026-H1/document').set('Authorization', await t.login('vanson.supervisor')).buffer(true)
      .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); })).body as Buffer);
    expect(signed).not.toContain('DỰ THẢO');
    expect(signed).toContain('Demo chair Xã Vân Sơn');

    expect((await call('vanson.supervisor', 'post', '/reports/2026-H1/send')).body).toMatchObject({ status: 'sent', sentBy: 'Demo supervisor Xã Vân Sơn', version: 3 });
    expect((await call('vanson.supervisor', 'post', '/reports/2026-H1/draft')).status).toBe(422);
    const actions = (await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'report' ORDER BY id`)).map((r: { action: string }) => r.action);
    expect(actions).toEqual(['report.drafted', 'report.approved', 'report.sent']);

    const province = await call('thanhhoa.supervisor', 'get', '/reports', { year: 2026 });
    expect(province.body.items.map((i: Record<string, unknown>) => [i.communeCode, i.report, i.status])).toEqual([
      ['ngoc-lien', '2026-H1', null], ['ngoc-lien', '2026', null], ['van-son', '2026-H1', 'sent'], ['van-son', '2026', null],
    ]);
    expect((await call('namphu.supervisor', 'get', '/reports', { year: 2026 })).body.items.every((i: { communeCode: string }) => i.communeCode === 'nam-phu')).toBe(true);
  });
});
