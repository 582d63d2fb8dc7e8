/**
 * The environment where the abuse happened (TT13 indicator 0101 by environment), set after intake:
 * a report filed without it, set at verification and corrected at assessment — the case's
 * `incident.environment` and `GET /statistics` follow the latest value, the timeline and the audit
 * log record each change, and a value outside the vocabulary is refused with the field named.
 */
import { Clock } from '../src/common/clock';
import { bootTestApp, TestApp } from './support/test-app';
import { apply, intake, send, userId } from './support/fixtures';

/** Monday 2 March 2026, 08:00 in Vietnam. */
const T0 = Date.parse('2026-03-02T01:00:00Z');

class TestClock extends Clock {
  now(): Date {
    return new Date(T0);
  }
}

const NONE = { family: 0, school: 0, community: 0, online: 0, care_facility: 0, other: 0, unknown: 0 };

describe('the environment of abuse after intake (e2e)', () => {
  let t: TestApp;
  let caseId: string;
  const sw = 'vanson.social_worker';
  const byEnvironment = async () => {
    const res = await t.http.get('/api/v1/statistics').query({ period: '2026-H1' }).set('Authorization', await t.login('vanson.supervisor'));
    expect(res.status).toBe(200);
    return { total: res.body.childrenAbused.total, byEnvironment: res.body.childrenAbused.byEnvironment };
  };

  beforeAll(async () => {
    t = await bootTestApp({ clock: new TestClock() });
    const filed = await intake(t, sw, {
      receivedAt: new Date(T0).toISOString(),
      child: { fullName: 'Trẻ Thử', sex: 'female', dateOfBirth: '2015-04-01' },
      incident: { types: ['physical_violence'], description: 'Trẻ bị đánh' },
    });
    caseId = filed.id;
    await apply(t, 'vanson.supervisor', caseId, 'ASSIGN', { assigneeId: await userId(t, sw) });
    await apply(t, sw, caseId, 'START_VERIFICATION');
  });
  afterAll(() => t.close());

  it('counts a case given no environment at intake under the one set at verification, then under the correction at assessment', async () => {
    const [{ incident }] = await t.ds.query(`SELECT incident FROM cases WHERE id = $1`, [caseId]);
    expect(incident.environment).toBeUndefined();

    const bad = await send(t, sw, caseId, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Đã xác minh', environment: 'street' });
    expect([bad.status, Object.keys(bad.body.details?.fields ?? {})]).toEqual([400, ['data.environment']]);
    expect(bad.body.details.fields['data.environment'][0]).toMatch(/ \/ /); // Vietnamese / English

    await apply(t, sw, caseId, 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Đã xác minh', environment: 'school' });
    expect(await byEnvironment()).toEqual({ total: 1, byEnvironment: { ...NONE, school: 1 } });
    const detail = await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', await t.login(sw));
    expect(detail.body.incident.environment).toBe('school');

    // An event that does not carry it keeps it; an assessment that gives another corrects it.
    await apply(t, sw, caseId, 'ADD_NOTE', { text: 'Gặp gia đình' });
    expect(await byEnvironment()).toEqual({ total: 1, byEnvironment: { ...NONE, school: 1 } });
    await apply(t, sw, caseId, 'RECORD_ASSESSMENT', { needs: ['y tế'], summary: 'Trẻ bị bạo lực ở nhà', environment: 'family' });
    expect(await byEnvironment()).toEqual({ total: 1, byEnvironment: { ...NONE, family: 1 } });

    const timeline = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set('Authorization', await t.login(sw));
    expect(timeline.status).toBe(200);
    const said = (timeline.body.items as Array<{ kind: string; type?: string; data?: { environment?: string } }>)
      .filter((i) => i.kind === 'event' && i.data?.environment).map((i) => [i.type, i.data!.environment]);
    expect(said).toEqual([['RECORD_INITIAL_ASSESSMENT', 'school'], ['RECORD_ASSESSMENT', 'family']]);
    const audited = await t.ds.query(
      `SELECT action, details->>'environment' AS environment FROM audit_log WHERE case_id = $1 AND details ? 'environment' ORDER BY id`, [caseId]);
    expect(audited).toEqual([
      { action: 'case.RECORD_INITIAL_ASSESSMENT', environment: 'school' },
      { action: 'case.RECORD_ASSESSMENT', environment: 'family' },
    ]);
    // The rest of the incident (its description sealed at rest) is as intake left it.
    const after = await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', await t.login(sw));
    expect(after.body.incident).toMatchObject({ description: 'Trẻ bị đánh', environment: 'family' });
  });
});
