/**
 * Administration over HTTP against the real service: a user's lifecycle (created with a temporary
 * password, first sign-in, deactivated, token refused, reset), the province scope (Thanh Hóa's
 * admin cannot see or change Hà Nội's users and agencies: 404; non-admins: 403), the CSV import of
 * administrative units, and the national admin's holiday change: preview = what moves, supervisors notified.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nthWorkingDayAfter } from '../src/deadlines/business-calendar';
import { bootstrapNationalAdmin } from '../src/schema/bootstrap-admin';
import { intake } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('administration (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  const agencyId = async (type: string, commune: string | null, province?: string) => {
    const [row] = await t.ds.query(
      `SELECT id FROM agencies WHERE type = $1 AND commune_code IS NOT DISTINCT FROM $2 AND ($3::text IS NULL OR province_code = $3) LIMIT 1`,
      [type, commune, province ?? null],
    );
    return row.id as string;
  };
  const login = (username: string, password: string) => t.http.post('/api/v1/auth/login').send({ username, password });
  const as = async (user: string) => t.login(user);

  it('creates a user with a temporary password, who must change it; deactivation refuses their token; reset gives a new one', async () => {
    const admin = await as('vanson.admin');
    const created = await t.http.post('/api/v1/users').set('Authorization', admin)
      .send({ username: 'vanson.worker2', fullName: 'Lê Thị Hoa', role: 'social_worker', agencyId: await agencyId('child_affairs_office', 'van-son') });
    expect(created.status).toBe(201);
    const temporary = created.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(created.body.user).toMatchObject({ username: 'vanson.worker2', role: 'social_worker', active: true, mustChangePassword: true, communeCode: 'van-son' });
    expect(JSON.stringify(created.body)).not.toMatch(/hash|\$2[aby]\$/);
    const id = created.body.user.id as string;
    const flag = async () => (await t.ds.query(`SELECT must_change_password AS f FROM users WHERE id = $1`, [id]))[0].f as boolean;
    expect(await flag()).toBe(true);
    // The temporary password is shown once: it is not readable afterwards.
    const shown = await t.http.get(`/api/v1/users/${id}`).set('Authorization', admin);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(temporary);

    // First sign-in with it: nothing but the password change until the user chooses their own.
    const first = await login('vanson.worker2', temporary);
    expect(first.status).toBe(200);
    expect(first.body.passwordChangeRequired).toBe(true);
    const token = `Bearer ${first.body.accessToken}`;
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', token)).status).toBe(200);
    expect((await t.http.get('/api/v1/cases').set('Authorization', token)).status).toBe(403);
    const own = 'Đồng lúa chín vàng bên dòng sông Mã';
    const changed = await t.http.post('/api/v1/auth/password').set('Authorization', token).send({ currentPassword: temporary, newPassword: own });
    expect(changed.status).toBe(200);
    expect(await flag()).toBe(false);
    expect((await t.http.get('/api/v1/cases').set('Authorization', token)).status).toBe(200);

    // Duplicates and misfits.
    const again = await t.http.post('/api/v1/users').set('Authorization', admin)
      .send({ username: 'vanson.worker2', fullName: 'X', role: 'social_worker', agencyId: await agencyId('child_affairs_office', 'van-son') });
    expect(again.status).toBe(409);
    const misfit = await t.http.post('/api/v1/users').set('Authorization', admin)
      .send({ username: 'vanson.cop2', fullName: 'X', role: 'chair', agencyId: await agencyId('commune_police', 'van-son') });
    expect(misfit.status).toBe(400);
    expect(misfit.body.details.fields.role[0]).toMatch(/ \/ role chair needs an agency of type people_committee/);
    const bad = await t.http.post('/api/v1/users').set('Authorization', admin).send({ username: 'A B', fullName: '', role: 'boss', agencyId: 'x' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['agencyId', 'fullName', 'role', 'username']);

    // Edit: name and role within the agency's fit.
    const edited = await t.http.patch(`/api/v1/users/${id}`).set('Authorization', admin).send({ fullName: 'Lê Thị Hoa (VH-XH)', role: 'supervisor' });
    expect(edited.status).toBe(200);
    expect(edited.body.user).toMatchObject({ fullName: 'Lê Thị Hoa (VH-XH)', role: 'supervisor' });
    // The role changed under a live session: the very next request is served with the new role.
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', token)).body.role).toBe('supervisor');
    const supervisorToken = `Bearer ${(await login('vanson.worker2', own)).body.accessToken}`;

    // Deactivation: every token of the user refused at once, and sign-in too.
    const off = await t.http.post(`/api/v1/users/${id}/deactivate`).set('Authorization', admin).send({ reason: 'Chuyển công tác' });
    expect(off.status).toBe(200);
    expect(off.body.user.active).toBe(false);
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', supervisorToken)).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', token)).status).toBe(401);
    expect((await login('vanson.worker2', own)).status).toBe(401);
    const revoked = await t.ds.query(`SELECT DISTINCT revoked_reason AS r FROM sessions WHERE user_id = $1`, [id]);
    expect(revoked.map((x: { r: string }) => x.r)).toEqual(['deactivated']);

    const on = await t.http.post(`/api/v1/users/${id}/reactivate`).set('Authorization', admin);
    expect(on.body.user.active).toBe(true);
    const reset = await t.http.post(`/api/v1/users/${id}/password-reset`).set('Authorization', admin);
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).not.toBe(temporary);
    expect(reset.body.user.mustChangePassword).toBe(true);
    expect((await login('vanson.worker2', own)).status).toBe(401);
    const afterReset = await login('vanson.worker2', reset.body.temporaryPassword);
    expect(afterReset.status).toBe(200);
    expect(afterReset.body.passwordChangeRequired).toBe(true);
    // A second reset ends the session opened with the first temporary password at once.
    const live = `Bearer ${afterReset.body.accessToken}`;
    expect((await t.http.post(`/api/v1/users/${id}/password-reset`).set('Authorization', admin)).status).toBe(200);
    expect((await t.http.get('/api/v1/auth/me').set('Authorization', live)).status).toBe(401);

    // An admin cannot lock themself out.
    const self = (await t.http.get('/api/v1/auth/me').set('Authorization', admin)).body.userId;
    expect((await t.http.post(`/api/v1/users/${self}/deactivate`).set('Authorization', admin).send({})).status).toBe(409);

    // Every write audited, with the administrator as actor; no password in the trail.
    const trail: Array<{ action: string; details: unknown }> = await t.ds.query(
      `SELECT action, details FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id],
    );
    expect(trail.map((r) => r.action)).toEqual(expect.arrayContaining([
      'admin.user_created', 'admin.user_updated', 'admin.user_deactivated', 'admin.user_reactivated', 'admin.password_reset',
    ]));
    expect(JSON.stringify(trail)).not.toContain(temporary);
  });

  it('keeps a provincial admin to their province: Hà Nội’s users and agencies are 404 to Thanh Hóa’s; non-admins 403', async () => {
    const thanhHoa = await as('vanson.admin');
    const [{ id: namphuWorker }] = await t.ds.query(`SELECT id FROM users WHERE username = 'namphu.social_worker'`);
    const namphuSchool = await agencyId('school', 'nam-phu');
    expect((await t.http.get(`/api/v1/users/${namphuWorker}`).set('Authorization', thanhHoa)).status).toBe(404);
    expect((await t.http.patch(`/api/v1/users/${namphuWorker}`).set('Authorization', thanhHoa).send({ fullName: 'x' })).status).toBe(404);
    expect((await t.http.post(`/api/v1/users/${namphuWorker}/deactivate`).set('Authorization', thanhHoa).send({})).status).toBe(404);
    expect((await t.http.post(`/api/v1/users/${namphuWorker}/password-reset`).set('Authorization', thanhHoa)).status).toBe(404);
    expect((await t.http.get(`/api/v1/agencies/${namphuSchool}`).set('Authorization', thanhHoa)).status).toBe(404);
    expect((await t.http.patch(`/api/v1/agencies/${namphuSchool}`).set('Authorization', thanhHoa).send({ name: 'x' })).status).toBe(404);
    expect((await t.http.post('/api/v1/users').set('Authorization', thanhHoa)
      .send({ username: 'namphu.teacher2', fullName: 'x', role: 'education', agencyId: namphuSchool })).status).toBe(404);
    expect((await t.http.post('/api/v1/agencies').set('Authorization', thanhHoa)
      .send({ type: 'school', name: 'Trường mới', communeCode: 'nam-phu' })).status).toBe(404);
    // Moving a Thanh Hóa user into a Hà Nội agency is just as impossible.
    const [{ id: vansonTeacher }] = await t.ds.query(`SELECT id FROM users WHERE username = 'vanson.education'`);
    expect((await t.http.patch(`/api/v1/users/${vansonTeacher}`).set('Authorization', thanhHoa).send({ agencyId: namphuSchool })).status).toBe(404);
    // National agencies and their users (hotline 111, the national admin) are the national admin's.
    const [{ id: national }] = await t.ds.query(`SELECT id FROM users WHERE username = 'national.admin'`);
    expect((await t.http.get(`/api/v1/users/${national}`).set('Authorization', thanhHoa)).status).toBe(404);
    expect((await t.http.post('/api/v1/agencies').set('Authorization', thanhHoa).send({ type: 'hotline_111', name: 'Tổng đài' })).status).toBe(403);

    const listed = await t.http.get('/api/v1/users').query({ pageSize: '200' }).set('Authorization', thanhHoa);
    const usernames = (listed.body.items as Array<{ username: string }>).map((u) => u.username);
    expect(usernames).toContain('ngoclien.chair');
    expect(usernames.some((u) => u.startsWith('namphu.') || u.startsWith('hanoi.') || u.endsWith('hotline_operator'))).toBe(false);
    expect(listed.body.total).toBe(usernames.length);

    // The national admin administers both.
    const nationalAdmin = await as('national.admin');
    expect((await t.http.get(`/api/v1/users/${namphuWorker}`).set('Authorization', nationalAdmin)).status).toBe(200);
    const created = await t.http.post('/api/v1/agencies').set('Authorization', nationalAdmin).send({ type: 'school', name: 'Trường Tiểu học Nam Phù', communeCode: 'nam-phu' });
    expect(created.status).toBe(201);
    expect(created.body.agency).toMatchObject({ provinceCode: 'ha-noi', communeCode: 'nam-phu', users: 0 });
    expect((await t.http.post('/api/v1/agencies').set('Authorization', nationalAdmin)
      .send({ type: 'school', name: 'Trường Tiểu học Nam Phù', communeCode: 'nam-phu' })).status).toBe(409);
    // An agency's type cannot change under users whose role would no longer fit.
    expect((await t.http.patch(`/api/v1/agencies/${namphuSchool}`).set('Authorization', nationalAdmin).send({ type: 'health_station' })).status).toBe(409);

    for (const user of ['vanson.supervisor', 'vanson.chair', 'thanhhoa.supervisor', 'vanson.auditor']) {
      const token = await as(user);
      expect((await t.http.get('/api/v1/users').set('Authorization', token)).status).toBe(403);
      expect((await t.http.get(`/api/v1/users/${namphuWorker}`).set('Authorization', token)).status).toBe(403);
      expect((await t.http.get('/api/v1/agencies').set('Authorization', token)).status).toBe(403);
    }
  });

  it('imports administrative units from CSV: created, updated, unchanged and refused lines, idempotent; national admin only', async () => {
    const upload = async (user: string, csv: string) =>
      t.http.post('/api/v1/administrative-units/imports').set('Authorization', await as(user)).attach('file', Buffer.from(csv), 'units.csv');
    const sample = readFileSync(join(__dirname, '..', 'data', 'administrative-units.sample.csv'), 'utf8');
    expect((await upload('vanson.admin', sample)).status).toBe(403);

    const first = await upload('national.admin', sample);
    expect(first.status).toBe(200);
    expect(first.body.communes).toEqual({ created: 3, updated: 0, unchanged: 3, refused: 0 });
    expect(first.body.provinces).toEqual({ created: 1, updated: 0, unchanged: 2, refused: 0 });
    const [hacThanh] = await t.ds.query(`SELECT province_code, name, case_prefix FROM communes WHERE code = 'hac-thanh'`);
    expect(hacThanh).toEqual({ province_code: 'thanh-hoa', name: 'Phường Hạc Thành', case_prefix: 'HT' });
    const again = await upload('national.admin', sample);
    expect(again.body.communes).toEqual({ created: 0, updated: 0, unchanged: 6, refused: 0 });

    const messy = [
      'province_code,province_name,commune_code,commune_name,case_prefix',
      'thanh-hoa,Tỉnh Thanh Hóa,hac-thanh,Phường Hạc Thành (mới),', // renamed
      'thanh-hoa,Tỉnh Thanh Hóa,hac-thanh,Phường Hạc Thành,', // duplicate in the file
      'ha-noi,Thành phố Hà Nội,van-son,Xã Vân Sơn,VS', // another province
      'thanh-hoa,Tỉnh Thanh Hóa,van-son,Xã Vân Sơn,VX', // prefix change
      'thanh-hoa,Tỉnh Thanh Hóa,quang-phu,Xã Quảng Phú,NP', // prefix taken
      'thanh-hoa,Tỉnh Thanh Hóa,,Xã Không Mã,', // no code
      'thanh-hoa,Tỉnh Thanh Hóa,only-three', // columns
      'thanh-hoa,Tỉnh Thanh Hóa,quang-phu,Xã Quảng Phú,qp1', // created, prefix upper-cased
    ].join('\n');
    const report = await upload('national.admin', messy);
    expect(report.status).toBe(200);
    expect(report.body.lines.map((l: { line: number; status: string }) => [l.line, l.status])).toEqual([
      [2, 'updated'], [3, 'refused'], [4, 'refused'], [5, 'refused'], [6, 'refused'], [7, 'refused'], [8, 'refused'], [9, 'created'],
    ]);
    const reasons = report.body.lines.map((l: { reason: string | null }) => l.reason);
    expect(reasons[1]).toMatch(/duplicate of line 2/);
    expect(reasons[2]).toMatch(/not moved between provinces/);
    expect(reasons[3]).toMatch(/cannot change/);
    expect(reasons[4]).toMatch(/used by another commune/);
    expect(reasons[5]).toMatch(/commune_code/);
    expect(reasons[6]).toMatch(/4 or 5 columns/);
    for (const r of reasons.slice(1, 7)) expect(r).toMatch(/.+ \/ .+/); // Vietnamese / English
    expect((await t.ds.query(`SELECT case_prefix FROM communes WHERE code = 'quang-phu'`))[0].case_prefix).toBe('QP1');
    expect((await t.ds.query(`SELECT province_code FROM communes WHERE code = 'van-son'`))[0].province_code).toBe('thanh-hoa');

    const noHeader = await upload('national.admin', 'thanh-hoa,Tỉnh Thanh Hóa,x,y\n');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.details.fields.file[0]).toMatch(/first line must be/);
    const noFile = await t.http.post('/api/v1/administrative-units/imports').set('Authorization', await as('national.admin')).send({});
    expect(noFile.status).toBe(400);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'admin.units_imported'`);
    expect(n).toBe(3);
  });

  it('previews a holiday change (deadlines moved, communes), applies it on confirmation and notifies the supervisors; national admin only', async () => {
    const receivedAt = new Date();
    const vanson = await intake(t, 'vanson.social_worker', { receivedAt: receivedAt.toISOString() });
    await intake(t, 'vanson.social_worker', { receivedAt: receivedAt.toISOString() });
    const namphu = await intake(t, 'namphu.social_worker', { communeCode: 'nam-phu', receivedAt: receivedAt.toISOString() });
    const known = new Set<string>((await t.ds.query(`SELECT to_char(day, 'YYYY-MM-DD') AS d FROM holidays`)).map((r: { d: string }) => r.d));
    const day = nthWorkingDayAfter(receivedAt, 2, known);
    const dues = async () => new Map<string, number>((await t.ds.query(`SELECT id, due_at FROM deadlines WHERE status = 'pending'`))
      .map((r: { id: string; due_at: Date }) => [r.id, r.due_at.getTime()]));
    const before = await dues();

    const national = await as('national.admin');
    expect((await t.http.post(`/api/v1/holidays/${day}/preview`).set('Authorization', await as('vanson.admin')).send({ change: 'set' })).status).toBe(403);
    expect((await t.http.put(`/api/v1/holidays/${day}`).set('Authorization', await as('vanson.admin')).send({ nameVi: 'x', nameEn: 'x' })).status).toBe(403);
    expect((await t.http.post(`/api/v1/holidays/${day}/preview`).set('Authorization', national).send({ change: 'maybe' })).status).toBe(400);
    expect((await t.http.post(`/api/v1/holidays/${day}/preview`).set('Authorization', national).send({ change: 'remove' })).status).toBe(404);

    const preview = await t.http.post(`/api/v1/holidays/${day}/preview`).set('Authorization', national).send({ change: 'set' });
    expect(preview.status).toBe(200);
    expect(preview.body.deadlinesMoved).toBeGreaterThanOrEqual(3);
    const communes = new Map((preview.body.communes as Array<{ code: string; cases: number; deadlines: number }>).map((c) => [c.code, c]));
    expect(communes.get('van-son')!.cases).toBeGreaterThanOrEqual(2);
    expect(communes.get('nam-phu')!.cases).toBeGreaterThanOrEqual(1);
    expect([...communes.values()].reduce((s, c) => s + c.deadlines, 0)).toBe(preview.body.deadlinesMoved);
    expect(await dues()).toEqual(before); // a preview changes nothing

    // A stale confirmation changes nothing.
    const stale = await t.http.put(`/api/v1/holidays/${day}`).set('Authorization', national)
      .send({ nameVi: 'Nghỉ bù', nameEn: 'Day in lieu', expectedMoves: preview.body.deadlinesMoved + 1 });
    expect(stale.status).toBe(409);
    expect(await dues()).toEqual(before);
    expect((await t.ds.query(`SELECT 1 FROM holidays WHERE day = $1`, [day])).length).toBe(0);

    const set = await t.http.put(`/api/v1/holidays/${day}`).set('Authorization', national)
      .send({ nameVi: 'Nghỉ bù', nameEn: 'Day in lieu', expectedMoves: preview.body.deadlinesMoved });
    expect(set.status).toBe(200);
    expect(set.body.rescheduled).toBe(preview.body.deadlinesMoved);
    const after = await dues();
    const moved = [...before].filter(([id, due]) => after.get(id) !== due).length;
    expect(moved).toBe(preview.body.deadlinesMoved);

    const notes = async (username: string) => t.ds.query(
      `SELECT n.case_id, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.template = 'holiday_changed'`, [username],
    ) as Promise<Array<{ case_id: string; payload: Record<string, unknown> }>>;
    expect((await notes('vanson.supervisor')).map((n) => n.case_id)).toContain(vanson.id);
    expect((await notes('namphu.supervisor')).map((n) => n.case_id)).toContain(namphu.id);
    expect(await notes('vanson.social_worker')).toEqual([]);
    expect(set.body.notified).toBeGreaterThanOrEqual(3);
    const inbox = await t.http.get('/api/v1/notifications').set('Authorization', await as('vanson.supervisor'));
    const text = inbox.body.items.find((n: { template: string }) => n.template === 'holiday_changed');
    expect(text.textVi).toContain(day);
    expect(text.textEn).toContain(day);
    expect(JSON.stringify(inbox.body.items.filter((n: { template: string }) => n.template === 'holiday_changed'))).not.toMatch(/Nguyễn Thị Lan|Lan/);

    // Removing it: the preview again equals what moves back.
    const undo = await t.http.post(`/api/v1/holidays/${day}/preview`).set('Authorization', national).send({ change: 'remove' });
    expect(undo.body.deadlinesMoved).toBe(preview.body.deadlinesMoved);
    const removed = await t.http.delete(`/api/v1/holidays/${day}`).query({ expectedMoves: String(undo.body.deadlinesMoved) }).set('Authorization', national);
    expect(removed.status).toBe(200);
    expect(removed.body.rescheduled).toBe(undo.body.deadlinesMoved);
    expect(await dues()).toEqual(before);
  });

  it('bootstraps the first national admin of a database without users (temporary password, must change it); refuses a second', async () => {
    await t.ds.query(`UPDATE users SET active = false WHERE role = 'national_admin'`);
    const password = await bootstrapNationalAdmin(t.ds, 'province.root', 'Quản trị quốc gia');
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const [row] = await t.ds.query(`SELECT role, must_change_password, password_hash FROM users WHERE username = 'province.root'`);
    expect(row).toMatchObject({ role: 'national_admin', must_change_password: true });
    expect(row.password_hash).not.toContain(password);
    expect((await login('province.root', password)).status).toBe(200);
    await expect(bootstrapNationalAdmin(t.ds, 'province.root2', 'X')).rejects.toThrow(/active national admin exists/);
    await t.ds.query(`UPDATE users SET active = true WHERE username = 'national.admin'`);
  });
});
