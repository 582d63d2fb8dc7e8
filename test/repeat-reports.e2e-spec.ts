/**
 * Repeat reports: a report about a child with a case open, or closed within the 12 months before
 * it, is marked on the new case; the commune's supervisors and the earlier case's assignee are
 * notified; the case page lists the child's other cases within the caller's scope only.
 */
import { apply, intake, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('repeat reports (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  const view = async (as: string, id: string) => {
    const res = await t.http.get(`/api/v1/cases/${id}`).set('Authorization', await t.login(as));
    expect(res.status).toBe(200);
    return res.body;
  };
  const notified = async (username: string, caseId: string) =>
    (await t.ds.query(
      `SELECT n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.case_id = $2 AND n.template = 'repeat_report'`,
      [username, caseId],
    )).map((r: { payload: unknown }) => r.payload);
  /** Closes a case as if it had closed `months` months ago. */
  const closedMonthsAgo = (id: string, months: number) =>
    t.ds.query(`UPDATE cases SET state = 'closed', closed_at = now() - make_interval(months => $2) WHERE id = $1`, [id, months]);

  it('marks a report about a child with an open case; notifies the supervisors and the earlier case’s assignee', async () => {
    const first = await intake(t, 'vanson.hotline_operator', { child: { fullName: 'Phạm Minh Anh', sex: 'male', approxAgeYears: 9 } });
    expect(first).toMatchObject({ repeat: null, earlierCases: [] });
    await apply(t, 'vanson.supervisor', first.id, 'ASSIGN', { assigneeId: await userId(t, 'vanson.social_worker') });
    const childId = first.childId as string;
    const second = await intake(t, 'vanson.social_worker', { child: { id: childId, sex: 'male' } });
    expect(second).toMatchObject({ childId, repeat: { ofCaseId: first.id, code: first.code } });
    expect(second.earlierCases).toEqual([{ id: first.id, code: first.code, state: expect.any(String), receivedAt: expect.any(String), closedAt: null }]);
    expect(await notified('vanson.supervisor', second.id)).toEqual([{ code: second.code, earlierCode: first.code }]);
    expect(await notified('vanson.social_worker', second.id)).toHaveLength(1);
    expect(await notified('ngoclien.supervisor', second.id)).toEqual([]);
    const page = await view('vanson.social_worker', first.id);
    expect(page).toMatchObject({ repeat: null, earlierCases: [{ id: second.id, code: second.code }] });
    const text = await t.http.get('/api/v1/notifications').set('Authorization', await t.login('vanson.supervisor'));
    expect(text.body.items.find((n: { caseId: string; template: string }) => n.caseId === second.id && n.template === 'repeat_report').textEn).toBe(`Case ${second.code} is a repeat report about the child of case ${first.code}`);
  });

  it('marks a report 11 months after the child’s case closed, not 13 months after', async () => {
    const within = await intake(t, 'vanson.social_worker', { child: { fullName: 'Lò Văn Páo', sex: 'male', approxAgeYears: 12 } });
    await closedMonthsAgo(within.id, 11);
    expect(await intake(t, 'vanson.social_worker', { child: { id: within.childId, sex: 'male' } })).toMatchObject({ repeat: { ofCaseId: within.id } });

    const long = await intake(t, 'vanson.social_worker', { child: { fullName: 'Giàng Thị Mỷ', sex: 'female', approxAgeYears: 7 } });
    await closedMonthsAgo(long.id, 13);
    const later = await intake(t, 'vanson.social_worker', { child: { id: long.childId, sex: 'female' } });
    expect(later.repeat).toBeNull();
    expect(later.earlierCases).toEqual([expect.objectContaining({ id: long.id, closedAt: expect.any(String) })]);
    expect(await notified('vanson.supervisor', later.id)).toEqual([]);
  });

  it('lists only the other cases within the caller’s scope (another commune’s case of the child is not shown; the residence commune shares it)', async () => {
    const vanson = await intake(t, 'vanson.social_worker', { child: { fullName: 'Hà Thị Thu', sex: 'female', approxAgeYears: 10, residenceCommuneCode: 'van-son' } });
    const ngoclien = await intake(t, 'ngoclien.social_worker', { communeCode: 'ngoc-lien', child: { id: vanson.childId, sex: 'female' } });
    expect(ngoclien).toMatchObject({ childId: vanson.childId, repeat: { ofCaseId: vanson.id } });
    expect(ngoclien.earlierCases).toEqual([]);
    // The child lives in Vân Sơn: the commune of residence shares Ngọc Liên's case (it will plan), so it sees both.
    expect((await view('vanson.social_worker', vanson.id)).earlierCases.map((c: { id: string }) => c.id)).toEqual([ngoclien.id]);
    expect((await view('thanhhoa.supervisor', vanson.id)).earlierCases.map((c: { id: string }) => c.id)).toEqual([ngoclien.id]);
    // The child's page lists the cases the caller may see, too.
    const child = await t.http.get(`/api/v1/children/${vanson.childId}`).set('Authorization', await t.login('vanson.social_worker'));
    expect(child.body.cases.map((c: { id: string }) => c.id).sort()).toEqual([vanson.id, ngoclien.id].sort());
    const fromNgocLien = await t.http.get(`/api/v1/children/${vanson.childId}`).set('Authorization', await t.login('ngoclien.social_worker'));
    expect(fromNgocLien.body.cases.map((c: { id: string }) => c.id)).toEqual([ngoclien.id]);
    // Partner agencies' need-to-know view carries none of it.
    const police = await t.http.get(`/api/v1/cases/${vanson.id}`).set('Authorization', await t.login('vanson.police'));
    expect(police.status).toBe(404);
  });
});
