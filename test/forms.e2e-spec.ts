/**
 * The official forms of NĐ 56/2017/NĐ-CP captured where each step happens (README "Forms"): every
 * field of Mẫu 01 at intake and of Mẫu 02, 03, 04 and 06 on their steps is accepted, stored and read
 * back (the case view, the timeline); wrong values are refused with 400 and field errors in
 * Vietnamese and English; unknown fields are refused; an anonymous report keeps no address; and the
 * minimal payloads of before (cases in flight, older clients) still apply.
 */
import { CasesRepository } from '../src/cases/cases.repository';
import { apply, intake, intakeBody, send, userId } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const BILINGUAL = / \/ /;
const CHOOSE = 'Hãy chọn một giá trị trong danh sách / Choose a value from the list';
const DATE = 'Ngày không hợp lệ (YYYY-MM-DD) / Not a valid date (YYYY-MM-DD)';

/** Mẫu 01's answers, every one of them. */
const FORM_01 = {
  category: 'abused',
  receivedVia: 'relayed',
  childWhereabouts: 'Đang ở nhà bà ngoại, thôn Đông',
  childCondition: 'Có vết bầm ở tay, sợ hãi khi nhắc đến cha dượng.',
  likelyConsequences: 'Có thể tiếp tục bị đánh nếu vẫn ở cùng cha dượng.',
  familySituation: 'Mẹ đi làm xa; trẻ ở với cha dượng.',
  actionsTaken: 'Cô giáo đã đưa trẻ về nhà bà ngoại.',
  notes: 'Trẻ muốn được ở với bà ngoại.',
};

const RATINGS = { harmSeverity: 'high', abuserAccess: 'medium', careObstacles: 'low', selfProtection: 'low', carerCapacity: 'medium', supportNetwork: 'high' };

/** Mẫu 02: everything the initial assessment may record. */
const INITIAL = {
  riskLevel: 'high', substantiated: true, summary: 'Có dấu hiệu bạo lực thể chất lặp lại.',
  assessedOn: '2026-11-20', place: 'Nhà văn hóa thôn Đông',
  participants: ['Nguyễn Văn An, cán bộ LĐTBXH xã', 'Lê Thị Bình, công an xã'],
  childCondition: 'Vết bầm cũ và mới ở cánh tay; ngủ kém.',
  ...RATINGS,
  emergencyNeeded: true, separationProposed: false,
  safetyMeasures: ['Trẻ tạm ở nhà bà ngoại', 'Công an xã nhắc nhở cha dượng'],
  recommendations: 'Lập kế hoạch hỗ trợ, can thiệp trong 7 ngày làm việc.',
};

/** Mẫu 03 and the meeting's minutes. */
const ASSESSMENT = {
  needs: ['Khám sức khỏe', 'Hỗ trợ tâm lý'], summary: 'Cần hỗ trợ y tế và tâm lý.',
  needsByArea: [
    { area: 'physical_health', situation: 'Vết bầm ở tay', need: 'Khám và điều trị' },
    { area: 'mental_health', situation: 'Sợ hãi, mất ngủ', need: 'Tham vấn tâm lý' },
  ],
  strengths: 'Bà ngoại yêu thương, sẵn sàng chăm sóc.',
  childViews: 'Muốn ở với bà ngoại.',
  familyViews: 'Mẹ đồng ý để trẻ ở với bà ngoại.',
  meetingOn: '2026-11-24', meetingPlace: 'UBND xã Vân Sơn', meetingChair: 'Phạm Văn Chủ', meetingSecretary: 'Đỗ Thị Thư',
  meetingAttendees: [{ name: 'Nguyễn Văn An', organisation: 'Cán bộ LĐTBXH xã' }, { name: 'Lê Thị Bình' }],
  meetingConclusions: 'Thống nhất lập kế hoạch hỗ trợ, can thiệp.',
};

/** Mẫu 04: the plan with its details. */
const PLAN = {
  goals: 'Trẻ an toàn, được chăm sóc và học tập bình thường.',
  actions: [{
    kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, instructions: 'Khám tổng quát',
    activity: 'Khám, điều trị vết thương; theo dõi 2 tuần', responsible: 'Y sĩ Trạm y tế xã', budget: 'Ngân sách xã (BHYT)',
  }],
  objectives: ['Trẻ được khám trong 5 ngày', 'Trẻ đi học đều'],
  childAndFamilyRoles: 'Bà ngoại đưa trẻ đi khám; mẹ gọi điện cho trẻ hằng tuần.',
  monitoring: 'Cán bộ xã thăm trẻ mỗi tuần.',
  reviewOn: '2026-12-24',
};

/** Mẫu 06: the review after the plan. */
const REVIEW = {
  summary: 'Trẻ ổn định, đi học đều.', childSafe: true,
  harmSeverity: 'low', abuserAccess: 'low', careObstacles: 'low', selfProtection: 'medium', carerCapacity: 'high', supportNetwork: 'high',
  recommendation: 'close', nextSteps: 'Đề xuất kết thúc kế hoạch; tiếp tục theo dõi 3 tháng.',
};

describe('forms of NĐ 56/2017: capture and validation (e2e)', () => {
  let t: TestApp;
  let workerId: string;
  let worker: string;
  beforeAll(async () => {
    t = await bootTestApp();
    workerId = await userId(t, 'vanson.social_worker');
    worker = await t.login('vanson.social_worker');
  });
  afterAll(() => t.close());

  const file = async (body: Record<string, unknown>) =>
    t.http.post('/api/v1/intake').set('Authorization', await t.login('vanson.hotline_operator')).send(body);
  const caseView = async (id: string) => (await t.http.get(`/api/v1/cases/${id}`).set('Authorization', worker)).body;
  /** The data of the case's latest event of a type, as the timeline serves it. */
  const timelineData = async (id: string, type: string) => {
    const res = await t.http.get(`/api/v1/cases/${id}/timeline`).set('Authorization', worker);
    expect(res.status).toBe(200);
    const events = (res.body.items as Array<{ kind: string; type?: string; data?: Record<string, unknown> }>).filter((i) => i.kind === 'event' && i.type === type);
    return events[events.length - 1]?.data;
  };
  /** The data of the case's latest event of a type as stored (its free text sealed: test/field-encryption.e2e-spec.ts), opened. */
  const storedData = async (id: string, type: string) => t.app.get(CasesRepository).openEventData(
    (await t.ds.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = $2 ORDER BY seq DESC LIMIT 1`, [id, type]))[0]?.data);
  const version = async (id: string) => (await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version as number;

  describe('intake (Mẫu 01)', () => {
    it('stores every answer of Mẫu 01 and the reporter’s address, and the case view returns them', async () => {
      const res = await file(intakeBody({
        incident: { types: ['physical_violence'], description: 'Trẻ bị đánh nhiều lần', location: 'tại nhà', ...FORM_01 },
        reporter: { anonymous: false, name: 'Trần Văn Báo', phone: '0912345678', relationToChild: 'giáo viên', address: 'Thôn Tây, xã Vân Sơn' },
      }));
      expect(res.status).toBe(201);
      const seen = await caseView(res.body.case.id);
      expect(seen.incident).toEqual({ types: ['physical_violence'], description: 'Trẻ bị đánh nhiều lần', occurredAt: null, location: 'tại nhà', ...FORM_01 });
      expect(seen.reporter).toEqual({ anonymous: false, name: 'Trần Văn Báo', phone: '0912345678', address: 'Thôn Tây, xã Vân Sơn', relationToChild: 'giáo viên' });
      // Codes stay clear (statistics read them); the free text is sealed (src/crypto/field-cipher.ts).
      const [row] = await t.ds.query(`SELECT incident FROM cases WHERE id = $1`, [res.body.case.id]);
      expect(row.incident).toMatchObject({ category: FORM_01.category, receivedVia: FORM_01.receivedVia });
      expect(row.incident.childCondition).toMatch(/^enc1:/);
      expect(JSON.stringify(row.incident)).not.toContain('cha dượng');
    });

    it('an anonymous report keeps no name, phone or address, whatever was sent', async () => {
      const res = await file(intakeBody({
        reporter: { anonymous: true, name: 'Không Được Lưu', phone: '0900000000', address: 'Địa chỉ không được lưu', relationToChild: 'hàng xóm' },
      }));
      expect(res.status).toBe(201);
      expect((await caseView(res.body.case.id)).reporter).toEqual({ anonymous: true, name: null, phone: null, address: null, relationToChild: 'hàng xóm' });
      const [row] = await t.ds.query(`SELECT name, phone, address FROM case_reporters WHERE case_id = $1`, [res.body.case.id]);
      expect(row).toEqual({ name: null, phone: null, address: null });
      expect(JSON.stringify(await t.ds.query(`SELECT * FROM case_reporters WHERE case_id = $1`, [res.body.case.id]))).not.toContain('không được lưu');
    });

    it('a report without the new answers is as before: no Mẫu 01 keys, a null address', async () => {
      const res = await file(intakeBody());
      expect(res.status).toBe(201);
      const seen = await caseView(res.body.case.id);
      expect(Object.keys(seen.incident).sort()).toEqual(['description', 'location', 'occurredAt', 'types']);
      expect(seen.reporter.address).toBeNull();
    });

    it('refuses wrong answers with 400 and a message per field in both languages', async () => {
      const incident = (extra: Record<string, unknown>) => ({ incident: { types: ['neglect'], description: 'x', ...extra } });
      const cases: Array<[Record<string, unknown>, string, string | RegExp]> = [
        [incident({ category: 'orphan' }), 'incident.category', CHOOSE],
        [incident({ receivedVia: 'pigeon' }), 'incident.receivedVia', CHOOSE],
        [incident({ childWhereabouts: 'x'.repeat(501) }), 'incident.childWhereabouts', 'Từ 1 đến 500 ký tự / 1 to 500 characters'],
        [incident({ childCondition: 'x'.repeat(5001) }), 'incident.childCondition', 'Từ 1 đến 5000 ký tự / 1 to 5000 characters'],
        [incident({ likelyConsequences: '' }), 'incident.likelyConsequences', 'Từ 1 đến 5000 ký tự / 1 to 5000 characters'],
        [incident({ notes: 'x'.repeat(5001) }), 'incident.notes', 'Từ 1 đến 5000 ký tự / 1 to 5000 characters'],
        [{ reporter: { anonymous: false, name: 'A', address: 'x'.repeat(501) } }, 'reporter.address', 'Từ 1 đến 500 ký tự / 1 to 500 characters'],
      ];
      for (const [override, field, message] of cases) {
        const res = await file(intakeBody(override));
        expect([field, res.status, Object.keys(res.body.details?.fields ?? {})]).toEqual([field, 400, [field]]);
        expect(res.body.details.fields[field][0]).toMatch(message);
        expect(res.body.details.fields[field][0]).toMatch(BILINGUAL);
      }
    });

    it('refuses fields Mẫu 01 does not have', async () => {
      const res = await file(intakeBody({ incident: { types: ['neglect'], description: 'x', religion: 'none' } }));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.details.fields)).toEqual(['incident.religion']);
      const reporter = await file(intakeBody({ reporter: { anonymous: false, email: 'a@b.vn' } }));
      expect(reporter.status).toBe(400);
      expect(Object.keys(reporter.body.details.fields)).toEqual(['reporter.email']);
    });
  });

  describe('steps (Mẫu 02, 03, 04, 06)', () => {
    let id: string;
    beforeAll(async () => {
      id = (await intake(t, 'vanson.hotline_operator')).id;
      await apply(t, 'vanson.supervisor', id, 'ASSIGN', { assigneeId: workerId });
      await apply(t, 'vanson.social_worker', id, 'START_VERIFICATION');
    });

    /** Sends `data` and expects 400 on exactly `field`, with `message`, and the case untouched. */
    const refused = async (type: string, data: Record<string, unknown>, field: string, message: string | RegExp) => {
      const before = await version(id);
      const res = await send(t, 'vanson.social_worker', id, type, data);
      expect([type, field, res.status, Object.keys(res.body.details?.fields ?? {})]).toEqual([type, field, 400, [field]]);
      expect(res.body.details.fields[field][0]).toMatch(message);
      expect(res.body.details.fields[field][0]).toMatch(BILINGUAL);
      expect(await version(id)).toBe(before);
    };

    it('Mẫu 02: refuses a date that is not a real day, a rating outside Cao/Trung bình/Thấp, text over its limit, unknown fields', async () => {
      const base = { riskLevel: 'high', substantiated: true, summary: 'x' };
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, assessedOn: '2026-02-30' }, 'data.assessedOn', DATE);
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, assessedOn: '26/11/2026' }, 'data.assessedOn', DATE);
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, assessedOn: '2026-11-26T00:00:00Z' }, 'data.assessedOn', DATE);
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, harmSeverity: 'severe' }, 'data.harmSeverity', CHOOSE);
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, supportNetwork: 'immediate_danger' }, 'data.supportNetwork', CHOOSE);
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, place: 'x'.repeat(501) }, 'data.place', 'Tối đa 500 ký tự / At most 500 characters');
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, childCondition: 'x'.repeat(5001) }, 'data.childCondition', 'Tối đa 5000 ký tự / At most 5000 characters');
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, emergencyNeeded: 'yes' }, 'data.emergencyNeeded', 'Hãy chọn Có hoặc Không / Choose Yes or No');
      await refused('RECORD_INITIAL_ASSESSMENT', { ...base, participants: ['x'.repeat(301)] }, 'data.participants', 'Tối đa 300 ký tự / At most 300 characters');
      const unknown = await send(t, 'vanson.social_worker', id, 'RECORD_INITIAL_ASSESSMENT', { ...base, harmRating: 'high' });
      expect(unknown.status).toBe(400);
      expect(Object.keys(unknown.body.details.fields)).toEqual(['data.harmRating']);
    });

    it('Mẫu 02: every field is stored and returned on the timeline', async () => {
      await apply(t, 'vanson.social_worker', id, 'RECORD_INITIAL_ASSESSMENT', INITIAL);
      expect(await storedData(id, 'RECORD_INITIAL_ASSESSMENT')).toEqual(INITIAL);
      expect(await timelineData(id, 'RECORD_INITIAL_ASSESSMENT')).toEqual(INITIAL);
    });

    it('Mẫu 03: refuses an unknown needs area, a bad meeting date, too many attendees, unknown record fields', async () => {
      const base = { needs: ['x'], summary: 'x' };
      await refused('RECORD_ASSESSMENT', { ...base, needsByArea: [{ area: 'food', situation: 'x', need: 'y' }] }, 'data.needsByArea.0.area', CHOOSE);
      await refused('RECORD_ASSESSMENT', { ...base, needsByArea: [{ area: 'safety', situation: 'x'.repeat(2001), need: 'y' }] },
        'data.needsByArea.0.situation', 'Tối đa 2000 ký tự / At most 2000 characters');
      await refused('RECORD_ASSESSMENT', { ...base, meetingOn: '2026-13-01' }, 'data.meetingOn', DATE);
      await refused('RECORD_ASSESSMENT', { ...base, meetingChair: 'x'.repeat(201) }, 'data.meetingChair', 'Tối đa 200 ký tự / At most 200 characters');
      await refused('RECORD_ASSESSMENT', { ...base, meetingAttendees: Array.from({ length: 31 }, (_, i) => ({ name: `Người ${i}` })) },
        'data.meetingAttendees', 'Tối đa 30 mục / At most 30 items');
      const unknown = await send(t, 'vanson.social_worker', id, 'RECORD_ASSESSMENT', { ...base, meetingAttendees: [{ name: 'A', phone: '0900' }] });
      expect(unknown.status).toBe(400);
      expect(Object.keys(unknown.body.details.fields)).toEqual(['data.meetingAttendees.0.phone']);
    });

    it('Mẫu 03: every field is stored and returned on the timeline', async () => {
      await apply(t, 'vanson.social_worker', id, 'RECORD_ASSESSMENT', ASSESSMENT);
      expect(await storedData(id, 'RECORD_ASSESSMENT')).toEqual(ASSESSMENT);
      expect(await timelineData(id, 'RECORD_ASSESSMENT')).toEqual(ASSESSMENT);
    });

    it('Mẫu 04: refuses a bad review date and action details over their limits', async () => {
      const base = { goals: 'x', actions: [] };
      await refused('SUBMIT_PLAN', { ...base, reviewOn: '2026-02-29' }, 'data.reviewOn', DATE);
      await refused('SUBMIT_PLAN', { ...base, actions: [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, budget: 'x'.repeat(201) }] },
        'data.actions.0.budget', 'Tối đa 200 ký tự / At most 200 characters');
      await refused('SUBMIT_PLAN', { ...base, objectives: Array.from({ length: 21 }, (_, i) => `Mục tiêu ${i}`) }, 'data.objectives', 'Tối đa 20 mục / At most 20 items');
    });

    it('Mẫu 04: every field is stored and returned on the timeline', async () => {
      await apply(t, 'vanson.social_worker', id, 'SUBMIT_PLAN', PLAN);
      expect(await storedData(id, 'SUBMIT_PLAN')).toEqual(PLAN);
      expect(await timelineData(id, 'SUBMIT_PLAN')).toEqual(PLAN);
      await apply(t, 'vanson.chair', id, 'APPROVE_PLAN');
    });

    it('Mẫu 06: refuses a recommendation outside close/continue/revise and a bad rating', async () => {
      const base = { summary: 'x', childSafe: true };
      await refused('RECORD_REVIEW', { ...base, recommendation: 'escalate' }, 'data.recommendation', CHOOSE);
      await refused('RECORD_REVIEW', { ...base, carerCapacity: 'Cao' }, 'data.carerCapacity', CHOOSE);
      await refused('RECORD_REVIEW', { ...base, nextSteps: 'x'.repeat(5001) }, 'data.nextSteps', 'Tối đa 5000 ký tự / At most 5000 characters');
    });

    it('Mẫu 06: every field is stored and returned on the timeline', async () => {
      await apply(t, 'vanson.social_worker', id, 'RECORD_REVIEW', REVIEW);
      expect(await storedData(id, 'RECORD_REVIEW')).toEqual(REVIEW);
      expect(await timelineData(id, 'RECORD_REVIEW')).toEqual(REVIEW);
    });
  });

  it('the minimal payloads of before still apply, step by step, and store nothing more', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    const minimal: Array<[string, string, Record<string, unknown>]> = [
      ['vanson.supervisor', 'ASSIGN', { assigneeId: workerId }],
      ['vanson.social_worker', 'START_VERIFICATION', {}],
      ['vanson.social_worker', 'RECORD_INITIAL_ASSESSMENT', { riskLevel: 'medium', substantiated: true, summary: 'Có cơ sở' }],
      ['vanson.social_worker', 'RECORD_ASSESSMENT', { needs: ['tâm lý'], summary: 'Cần hỗ trợ' }],
      ['vanson.social_worker', 'SUBMIT_PLAN', { goals: 'Trẻ an toàn', actions: [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 7 }] }],
      ['vanson.chair', 'APPROVE_PLAN', {}],
      ['vanson.social_worker', 'RECORD_REVIEW', { summary: 'Ổn định', childSafe: true }],
    ];
    for (const [as, type, data] of minimal) {
      await apply(t, as, c.id, type, data);
      if (type !== 'ASSIGN') expect([type, await storedData(c.id, type)]).toEqual([type, data]);
    }
    expect((await caseView(c.id)).state).toBe('intervening');
  });
});
