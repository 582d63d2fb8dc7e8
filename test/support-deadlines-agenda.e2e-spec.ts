/**
 * The special-circumstances supports' deadlines (src/supports) where the commune's staff look for
 * their work: the 07:00 digest counts them (an overdue one named by its `HCĐB-…` code) for the
 * worker who registered the child and the commune's supervisors and chair, nobody else; the
 * agenda (`GET /casework/agenda`) lists them under `supports` — the registering worker's own, the
 * commune's for supervisors, none for the chair's own agenda nor for another commune.
 */
import { EscalationService } from '../src/delivery/escalation.service';
import { bootTestApp, TestApp } from './support/test-app';

describe('supports’ deadlines in the digest and the agenda (e2e)', () => {
  let t: TestApp;
  let support: { id: string; code: string };
  let dueAt: Date;
  const agenda = async (as: string, scope: 'mine' | 'commune') => {
    const res = await t.http.get('/api/v1/casework/agenda').query({ scope }).set('Authorization', await t.login(as));
    expect(res.status).toBe(200);
    return res.body.supports as Array<Record<string, unknown>>;
  };

  beforeAll(async () => {
    t = await bootTestApp({ worker: true });
    const [{ id: childId }] = await t.ds.query(
      `INSERT INTO children (full_name, sex, residence_commune_code, province_code) VALUES ('Lò Thị Mai', 'female', 'van-son', 'thanh-hoa') RETURNING id`);
    const res = await t.http.post(`/api/v1/children/${childId}/supports`).set('Authorization', await t.login('vanson.social_worker')).send({ groups: ['orphan'] });
    expect(res.status).toBe(201);
    support = res.body.support;
    // The assessment, due 7 working days after registration, missed by an hour (not yet fired).
    await t.ds.query(`UPDATE deadlines SET due_at = now() - interval '1 hour' WHERE support_id = $1 AND key = 'support_assessment'`, [support.id]);
    [{ due_at: dueAt }] = await t.ds.query(`SELECT due_at FROM deadlines WHERE support_id = $1 AND key = 'support_assessment'`, [support.id]);
  });
  afterAll(() => t.close());

  it('counts the support’s overdue assessment in the digest of its worker, supervisors and chair, by its code', async () => {
    expect(await t.app.get(EscalationService).digest()).toBeGreaterThan(0);
    const digests = await t.ds.query(
      `SELECT u.username, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.template = 'daily_digest' ORDER BY u.username`);
    const of = (username: string) => digests.find((d: { username: string }) => d.username === username)?.payload;
    for (const who of ['vanson.social_worker', 'vanson.supervisor', 'vanson.chair']) {
      expect([who, of(who)]).toEqual([who, expect.objectContaining({ overdue: 1, overdueCodes: support.code })]);
    }
    expect(support.code).toBe(`HCĐB-${support.id.slice(0, 8)}`);
    // Nobody else's work: the other commune's staff have nothing, so no digest at all.
    expect(digests.map((d: { username: string }) => d.username).filter((u: string) => !u.startsWith('vanson.'))).toEqual([]);
  });

  it('lists it on the agenda: the registering worker’s own, the commune’s for supervisors, not the chair’s own nor another commune’s', async () => {
    const [{ id: workerId, full_name: workerName }] = await t.ds.query(`SELECT id, full_name FROM users WHERE username = 'vanson.social_worker'`);
    const item = {
      supportId: support.id, supportCode: support.code, communeCode: 'van-son', status: 'registered', deadline: 'support_assessment',
      titleVi: expect.any(String), titleEn: expect.any(String), dueAt: dueAt.toISOString(), when: 'overdue', workingDaysLeft: 0,
      owedBy: { id: workerId, name: workerName },
    };
    const mine = await agenda('vanson.social_worker', 'mine');
    expect(mine).toEqual([expect.objectContaining(item)]);
    expect(mine[0].secondsLeft).toBeLessThan(-3500);
    expect(await agenda('vanson.supervisor', 'commune')).toEqual([expect.objectContaining(item)]);
    expect(await agenda('vanson.supervisor', 'mine')).toEqual([]);
    expect(await agenda('vanson.chair', 'mine')).toEqual([]);
    expect(await agenda('vanson.chair', 'commune')).toEqual([expect.objectContaining(item)]);
    expect(await agenda('ngoclien.supervisor', 'commune')).toEqual([]);
    // Exited, it owes nothing.
    await t.ds.query(`UPDATE child_supports SET exited_at = now(), status = 'exited' WHERE id = $1`, [support.id]);
    expect(await agenda('vanson.supervisor', 'commune')).toEqual([]);
  });
});
