import { bootTestApp, TestApp } from './support/test-app';

describe('workflows and directory (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await bootTestApp(); });
  afterAll(() => t.close());

  it('lists workflow versions and serves one with its diagram and deadline table', async () => {
    const auth = await t.login('vanson.social_worker');
    const list = await t.http.get('/api/v1/workflows').set('Authorization', auth);
    expect(list.body.items.map((w: { name: string; version: number }) => `${w.name}@${w.version}`)).toEqual(['abuse-intervention@1', 'abuse-intervention@2', 'handoff@1', 'handoff@2', 'commune-transfer@1', 'urgent-report@1', 'temporary-separation@1', 'special-circumstances-support@1']);
    const one = await t.http.get('/api/v1/workflows/abuse-intervention/1').set('Authorization', auth);
    expect(one.status).toBe(200);
    expect(one.body.initial).toBe('received');
    expect(one.body.states).toContain('awaiting_closure_approval');
    expect(one.body.mermaid).toMatch(/^stateDiagram-v2/);
    expect(one.body.deadlines.find((d: { key: string }) => d.key === 'plan_submission')).toMatchObject({
      rule: { workingDays: 5 }, anchor: 'receipt', legalBasis: 'NĐ 56/2017/NĐ-CP Điều 28 khoản 1',
    });
    // Each client event's contract, the one source of the console's forms.
    expect(one.body.events.APPROVE_PLAN).toMatchObject({ roles: ['chair'], decision: true, labelVi: 'Phê duyệt kế hoạch' });
    expect(one.body.events.APPROVE_PLAN.fields.map((f: { key: string; kind: string }) => [f.key, f.kind])).toEqual([['signerTitle', 'choice'], ['effectiveOn', 'date']]);
    expect(one.body.events.SUBMIT_PLAN.fields.map((f: { key: string; kind: string }) => [f.key, f.kind])).toEqual([
      ['goals', 'text'], ['actions', 'records'], ['objectives', 'lines'], ['childAndFamilyRoles', 'text'], ['monitoring', 'text'], ['reviewOn', 'date'],
    ]);
    // Mẫu số 02's ratings are grouped under the form's own headings.
    const harm = one.body.events.RECORD_INITIAL_ASSESSMENT.fields.find((f: { key: string }) => f.key === 'harmSeverity');
    expect(harm).toMatchObject({ kind: 'choice', options: ['high', 'medium', 'low'], optional: true, section: { vi: 'Đánh giá mức độ tổn hại của trẻ em' } });
    expect(one.body.events.DEADLINE_EXPIRED).toBeUndefined();
    // v2 (issue 17): the school-reintegration step, the forensic examination through the police, the emergency handoffs' facts.
    const two = await t.http.get('/api/v1/workflows/abuse-intervention/2').set('Authorization', auth);
    expect(two.body.events.REQUEST_SCHOOL_REINTEGRATION).toMatchObject({ roles: ['social_worker', 'supervisor'] });
    expect(two.body.events.SUBMIT_PLAN.fields[1]).toMatchObject({ agencyFixed: ['forensic_exam'], agencyDefaults: { forensic_exam: 'commune_police', medical_care: 'health_station' } });
    expect(two.body.events.APPLY_EMERGENCY_MEASURES.fields.map((f: { key: string }) => f.key)).toEqual(['measures', 'instructions', 'childLocation', 'workerName', 'workerPhone']);
    expect(one.body.events.SUBMIT_PLAN.fields[1].agencyFixed).toBeUndefined();
    const handoff2 = await t.http.get('/api/v1/workflows/handoff/2').set('Authorization', auth);
    expect(handoff2.body.events.RECORD_PROCEDURE_STATUS).toMatchObject({ roles: ['police'], membership: 'receiving_agency' });
    expect((await t.http.get('/api/v1/workflows/abuse-intervention/9').set('Authorization', auth)).status).toBe(404);
    expect((await t.http.get('/api/v1/workflows/abuse-intervention/x').set('Authorization', auth)).status).toBe(400);
  });

  it('shows each caller only the communes, agencies and users of their jurisdiction', async () => {
    const worker = await t.login('vanson.social_worker');
    const communes = await t.http.get('/api/v1/directory/communes').set('Authorization', worker);
    expect(communes.body.items.map((c: { code: string }) => c.code)).toEqual(['van-son']);
    const province = await t.http.get('/api/v1/directory/communes').set('Authorization', await t.login('thanhhoa.supervisor'));
    expect(province.body.items.map((c: { code: string }) => c.code).sort()).toEqual(['ngoc-lien', 'van-son']);
    const hotline = await t.http.get('/api/v1/directory/communes').set('Authorization', await t.login('vanson.hotline_operator'));
    expect(hotline.body.items).toHaveLength(3);
    // Every commune, to say where a child lives or where a case is transferred.
    const all = await t.http.get('/api/v1/directory/communes').query({ scope: 'all' }).set('Authorization', worker);
    expect(all.body.items.map((c: { code: string }) => c.code).sort()).toEqual(['nam-phu', 'ngoc-lien', 'van-son']);
    expect((await t.http.get('/api/v1/directory/communes').query({ scope: 'x' }).set('Authorization', worker)).status).toBe(400);
    const agencies = await t.http.get('/api/v1/directory/agencies').set('Authorization', worker);
    const types = agencies.body.items.map((a: { type: string }) => a.type);
    expect(types).toEqual(expect.arrayContaining(['commune_police', 'health_station', 'social_work_center', 'legal_aid_center']));
    const users = await t.http.get('/api/v1/directory/users').query({ role: 'social_worker' }).set('Authorization', worker);
    expect(users.body.items.map((u: { username: string }) => u.username)).toEqual(['vanson.social_worker']);
    expect(users.body.items[0].passwordHash).toBeUndefined();
  });

  it('serves Prometheus metrics without a token, labelled by route pattern and never by id', async () => {
    const auth = await t.login('vanson.social_worker');
    await t.http.get('/api/v1/cases/00000000-0000-4000-8000-000000000000').set('Authorization', auth);
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^baove_deadlines_pending \d+$/m);
    expect(res.text).toMatch(/^baove_outbox_backlog \d+$/m);
    expect(res.text).toContain('route="/api/v1/cases/:id",status="404"');
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000000');
  });
});
