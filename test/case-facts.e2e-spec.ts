/**
 * `case_facts` and `handoff_facts` (migrations CaseFacts, HandoffFacts), the rows the report
 * statistics and the per-agency figures read, against their definitions computed from the raw rows
 * (the views `case_facts_source` and `handoff_facts_source`: the case, its handoffs, deadlines and
 * events): equal after every kind of write — intake, steps taken on time and late, a handoff, a report
 * closed as unfounded, a merge of two children's records, a correction of the child's record, a
 * change of the stored incident — and
 * when two transactions change one case's sources at once. The statistics served from it equal
 * the figures computed from the raw rows.
 */
import { Client } from 'pg';
import { Db } from '../src/database/db';
import { AuthService } from '../src/identity/auth.service';
import { localRange, statisticsFigures, StatisticsCaseRow } from '../src/oversight/figures';
import { OversightRepository } from '../src/oversight/oversight.repository';
import { OversightService } from '../src/oversight/oversight.service';
import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, userId } from './support/fixtures';
import { SettableClock } from './support/settable-clock';

const HOUR = 3_600_000;

/** The SLA figures computed from the raw rows on every read: the facts tables' definitions (the views). */
class DefinitionsRepository extends OversightRepository {
  protected override readonly deadlineFacts = 'deadline_facts_source';
  protected override readonly stayFacts = 'stay_facts_source';
  protected override readonly handoffFacts = 'handoff_facts_source';
}
/** Monday 2 March 2026, 08:00 in Vietnam. */
const T0 = Date.parse('2026-03-02T01:00:00Z');

describe('case_facts: the statistics read model follows every write of its sources (e2e)', () => {
  const clock = new SettableClock(T0);
  let t: TestApp;
  const sw = 'vanson.social_worker';

  /** Rows of a facts table and of its definition that the other lacks (both empty when they agree), and how many rows the table has. */
  const disagreement = async (table: string, view: string) => {
    const [{ onlyTable, onlyView, rows }] = await t.ds.query(
      `SELECT (SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT SELECT * FROM ${view}) x)::int AS "onlyTable",
              (SELECT count(*) FROM (SELECT * FROM ${view} EXCEPT SELECT * FROM ${table}) x)::int AS "onlyView",
              (SELECT count(*) FROM ${table})::int AS rows`);
    return { onlyTable, onlyView, rows };
  };
  const agrees = async () => {
    const [{ cases, handoffs }] = await t.ds.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM handoffs)::int AS handoffs`);
    expect(await disagreement('case_facts', 'case_facts_source')).toEqual({ onlyTable: 0, onlyView: 0, rows: cases });
    expect(await disagreement('handoff_facts', 'handoff_facts_source')).toEqual({ onlyTable: 0, onlyView: 0, rows: handoffs });
    const [{ deadlines, stays }] = await t.ds.query(
      `SELECT (SELECT count(*) FROM deadlines)::int AS deadlines, (SELECT count(*) FROM stay_facts_source)::int AS stays`);
    expect(await disagreement('deadline_facts', 'deadline_facts_source')).toEqual({ onlyTable: 0, onlyView: 0, rows: deadlines });
    expect(await disagreement('stay_facts', 'stay_facts_source')).toEqual({ onlyTable: 0, onlyView: 0, rows: stays });
  };
  /** A case's stays in its stages, in order, as hours from T0. */
  const stays = async (caseId: string) => (await t.ds.query(
    `SELECT stage, round(date_part('epoch', entered_at - $2::timestamptz) / 3600)::int AS entered,
            round(date_part('epoch', left_at - $2::timestamptz) / 3600)::int AS left
       FROM stay_facts WHERE case_id = $1 ORDER BY seq`, [caseId, new Date(T0)]));
  const facts = async (caseId: string) => (await t.ds.query(`SELECT * FROM case_facts WHERE case_id = $1`, [caseId]))[0];

  beforeAll(async () => {
    t = await bootTestApp({ clock });
  });
  afterAll(() => t.close());

  it('agrees with the raw rows after intake, steps on time and late, an unfounded closure, a merge, a correction and an incident change', async () => {
    const workerId = await userId(t, sw);
    const at = (hours: number) => clock.set(T0 + hours * HOUR);
    const receivedAt = new Date(T0).toISOString();
    at(0);
    const lan = await intake(t, sw, { receivedAt, incident: { types: ['physical_violence'], description: 'Trẻ bị đánh', environment: 'family' } });
    const minh = await intake(t, sw, { receivedAt, child: { fullName: 'Lê Văn Minh', sex: 'male', dateOfBirth: '2012-01-01' } });
    const again = await intake(t, sw, { receivedAt, child: { fullName: 'Nguyễn T. Lan', sex: 'female', dateOfBirth: '2015-04-01' } });
    await agrees();
    expect(await facts(lan.id)).toMatchObject({ state: 'received', verification_status: 'pending', plan_status: 'pending', plan_approved: false });

    at(1);
    for (const c of [lan, minh, again]) {
      await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
      await apply(t, sw, c.id, 'START_VERIFICATION');
    }
    await apply(t, sw, lan.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Đã xác minh' });
    await apply(t, sw, lan.id, 'RECORD_ASSESSMENT', { needs: ['y tế'], summary: 'Cần hỗ trợ' });
    await agrees();
    expect(await facts(lan.id)).toMatchObject({ state: 'planning', substantiated: true, verification_status: 'met' });

    // Late steps: Minh verified after his 2 working days; Lan's plan drafted after its 5.
    at(24 * 9);
    await apply(t, sw, minh.id, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'low', substantiated: false, summary: 'Không có căn cứ' });
    await apply(t, sw, lan.id, 'SUBMIT_PLAN', { goals: 'Trẻ an toàn', actions: [] });
    await apply(t, 'vanson.chair', lan.id, 'APPROVE_PLAN');
    await agrees();
    expect(await facts(minh.id)).toMatchObject({ verification_status: 'met_late', substantiated: false });

    // A handoff to the health station, accepted late; its completion still pending.
    const [{ id: health }] = await t.ds.query(`SELECT id FROM agencies WHERE type = 'health_station' AND commune_code = 'van-son'`);
    const offered = await t.http.post(`/api/v1/cases/${lan.id}/handoffs`).set('Authorization', await t.login(sw))
      .send({ kind: 'medical_care', agencyId: health, instructions: 'Khám', urgency: 'normal' });
    expect(offered.status).toBe(201);
    const [{ id: handoffId }] = await t.ds.query(`SELECT id FROM handoffs WHERE case_id = $1`, [lan.id]);
    await agrees();
    at(24 * 12);
    expect((await t.http.post(`/api/v1/handoffs/${handoffId}/accept`).set('Authorization', await t.login('vanson.health'))).status).toBe(200);
    await agrees();
    expect((await t.ds.query(`SELECT on_time, late, cardinality(pending_due) AS pending FROM handoff_facts WHERE handoff_id = $1`, [handoffId]))[0])
      .toEqual({ on_time: 0, late: 1, pending: 1 });
    expect(await facts(lan.id)).toMatchObject({ state: 'intervening', plan_status: 'met_late', plan_approved: true });
    // Each stay from the state change into its stage (the receipt for the first) to the one out of it.
    expect(await stays(lan.id)).toEqual([
      { stage: 'received', entered: 0, left: 1 }, { stage: 'verifying', entered: 1, left: 1 }, { stage: 'assessing', entered: 1, left: 1 },
      { stage: 'planning', entered: 1, left: 216 }, { stage: 'awaiting_plan_approval', entered: 216, left: 216 },
    ]);

    // Closed as unfounded.
    await apply(t, sw, minh.id, 'CLOSE_UNFOUNDED', { reason: 'Tin báo không đúng' });
    await apply(t, 'vanson.supervisor', minh.id, 'APPROVE_CLOSURE');
    await agrees();
    expect(await facts(minh.id)).toMatchObject({ state: 'closed', outcome: 'unfounded', plan_status: 'cancelled' });

    // Two records of one child merged: the second report's case now names Lan's record.
    const merged = await t.http.post('/api/v1/children/merges').set('Authorization', await t.login('vanson.supervisor'))
      .send({ sourceId: again.childId, targetId: lan.childId, reason: 'Cùng một trẻ (đã xác minh với gia đình)' });
    expect(merged.status).toBe(201);
    await agrees();
    expect((await facts(again.id)).child_id).toBe(lan.childId);

    // The child's record corrected: the facts follow the registry.
    await t.ds.query(`UPDATE children SET date_of_birth = '2011-04-01', birth_year = 2011 WHERE id = $1`, [lan.childId]);
    await agrees();
    expect((await facts(again.id)).birth_year).toBe(2011);

    // The stored incident changed after intake (as a later step or the field encryption's backfill writes it).
    await t.ds.query(`UPDATE cases SET incident = incident || '{"environment": "school"}' WHERE id = $1`, [again.id]);
    await agrees();
    expect((await facts(again.id)).environment).toBe('school');

    // The statistics served from the facts equal the figures computed from the raw rows.
    const period = localRange('2026-01-01', '2026-06-30');
    const raw: StatisticsCaseRow[] = await t.ds.query(
      `SELECT s.case_id, s.commune_code, s.received_at, s.channel, s.abuse_types, s.state, s.outcome, s.substantiated, s.environment,
              s.child_id, s.sex, to_char(s.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, s.birth_year,
              s.plan_approved,
              CASE WHEN s.verification_status = 'met' THEN 'on_time' WHEN s.verification_status IN ('met_late', 'breached')
                     OR (s.verification_status = 'cancelled' AND s.verification_breached_at IS NOT NULL)
                     OR (s.verification_status = 'pending' AND s.verification_due_at <= $1) THEN 'late'
                   WHEN s.verification_status = 'pending' THEN 'open' END AS verification,
              CASE WHEN s.plan_status = 'met' THEN 'on_time' WHEN s.plan_status IN ('met_late', 'breached')
                     OR (s.plan_status = 'cancelled' AND s.plan_breached_at IS NOT NULL)
                     OR (s.plan_status = 'pending' AND s.plan_due_at <= $1) THEN 'late'
                   WHEN s.plan_status = 'pending' THEN 'open' END AS plan_drafting
         FROM case_facts_source s
        WHERE s.commune_code = 'van-son' AND s.received_at >= $2 AND s.received_at < $3`,
      [clock.now(), period.start, period.end]);
    const res = await t.http.get('/api/v1/statistics').query({ period: '2026-H1' }).set('Authorization', await t.login('vanson.supervisor'));
    expect(res.status).toBe(200);
    const expected = statisticsFigures({ period: '2026-H1', from: res.body.from, to: res.body.to }, raw);
    expect({ childrenAbused: res.body.childrenAbused, adolescentsAbused: res.body.adolescentsAbused, reports: res.body.reports, indicators: res.body.indicators })
      .toEqual({ childrenAbused: expected.childrenAbused, adolescentsAbused: expected.adolescentsAbused, reports: expected.reports, indicators: expected.indicators });
    expect(res.body.childrenAbused.total).toBe(1);
    expect(res.body.reports.notCounted).toMatchObject({ unfounded: 1, notSubstantiated: 1 });
    // Lan verified in time; Minh late; the merged report still unverified, past its due time.
    expect(res.body.indicators.verifiedOnTime).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('counts both of two transactions that change one case at once', async () => {
    const c = await intake(t, sw, { receivedAt: new Date(T0).toISOString() });
    const connect = async () => {
      const client = new Client({ connectionString: t.appDatabaseUrl });
      await client.connect();
      return client;
    };
    const [first, second] = [await connect(), await connect()];
    try {
      // The deadline's timer marks it breached while a command changes the case's incident: the
      // second refresh waits for the first to commit and then counts both changes.
      await first.query('BEGIN');
      await first.query(`UPDATE deadlines SET status = 'breached', breached_at = due_at WHERE case_id = $1 AND key = 'initial_assessment'`, [c.id]);
      await second.query('BEGIN');
      const incidentChanged = second.query(`UPDATE cases SET incident = incident || '{"environment": "online"}' WHERE id = $1`, [c.id]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      await incidentChanged;
      await second.query('COMMIT');
    } finally {
      await first.end();
      await second.end();
    }
    expect(await facts(c.id)).toMatchObject({ verification_status: 'breached', environment: 'online' });
    await agrees();
  });

  it('serves the SLA figures their definitions give, and follows a case moved to another commune and a corrected receipt', async () => {
    const window = { from: '2026-03-01', to: '2026-06-30' };
    const sla = async () => {
      const res = await t.http.get('/api/v1/oversight/sla').query(window).set('Authorization', await t.login('vanson.supervisor'));
      expect(res.status).toBe(200);
      return res.body;
    };
    const supervisor = await t.app.get(AuthService).verify((await t.login('vanson.supervisor')).replace(/^Bearer /, ''));
    const definitions = new OversightService(new DefinitionsRepository(t.app.get(Db)), clock);
    const before = await sla();
    expect(before).toEqual(JSON.parse(JSON.stringify(await definitions.sla(supervisor, window))));
    expect(before.deadlines.find((d: { key: string }) => d.key === 'initial_assessment')).toMatchObject({ onTime: 1, late: 3 });
    expect(before.stages.find((s: { stage: string }) => s.stage === 'received')).toMatchObject({ count: 3, medianHours: 1 });

    // A new report verified: van-son's figures count it.
    const c = await intake(t, sw, { receivedAt: clock.now().toISOString() });
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: await userId(t, sw) });
    clock.set(clock.now().getTime() + 2 * HOUR);
    await apply(t, sw, c.id, 'START_VERIFICATION');
    await agrees();
    const counted = await sla();
    expect(counted.stages.find((s: { stage: string }) => s.stage === 'received')).toMatchObject({ count: 4 });
    expect(counted).toEqual(JSON.parse(JSON.stringify(await definitions.sla(supervisor, window))));

    // Its receipt corrected: its first stay follows.
    await t.ds.query(`UPDATE cases SET received_at = received_at - interval '3 hours' WHERE id = $1`, [c.id]);
    await agrees();
    const [{ hours }] = await t.ds.query(
      `SELECT date_part('epoch', left_at - entered_at) / 3600 AS hours FROM stay_facts WHERE case_id = $1 AND stage = 'received'`, [c.id]);
    expect(hours).toBe(5);

    // Moved to another commune: van-son no longer counts it, and the figures are what they were.
    const [{ code: other }] = await t.ds.query(`SELECT code FROM communes WHERE code <> 'van-son' ORDER BY code LIMIT 1`);
    await t.ds.query(`UPDATE cases SET commune_code = $2 WHERE id = $1`, [c.id, other]);
    await agrees();
    expect(await t.ds.query(
      `SELECT DISTINCT commune_code FROM (SELECT commune_code FROM deadline_facts WHERE case_id = $1 UNION ALL SELECT commune_code FROM stay_facts WHERE case_id = $1) x`,
      [c.id])).toEqual([{ commune_code: other }]);
    expect(await sla()).toEqual(before);
  });
});
