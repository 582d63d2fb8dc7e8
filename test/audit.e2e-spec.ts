/**
 * The audit log: every write recorded in the write's own transaction, every read of a case's
 * details and timeline recorded with the view given, the table append-only, the hash chain
 * unforked under concurrent writers and sealers, and tampering detected at the first bad row.
 */
import { AuditService, chainHash } from '../src/audit/audit.service';
import { apply, intake, intakeBody, send, userId, EMERGENCY } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

interface Verification { ok: boolean; checked: number; unsealed: number; firstBadId?: string }

describe('audit log (e2e)', () => {
  let t: TestApp;
  let workerId: string;

  /**
   * Verifies through the API once every row is sealed. The sealer waits for every older transaction
   * on the whole PostgreSQL server to end, so a long one in another database delays it: wait long.
   */
  async function verified(): Promise<Verification> {
    const auth = await t.login('vanson.auditor');
    return waitFor('every audit row sealed', async () => {
      const res = await t.http.get('/api/v1/audit/verify').set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body.unsealed === 0 ? (res.body as Verification) : null;
    }, 60_000, 200);
  }

  const rowCount = async () => Number((await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n);

  beforeAll(async () => {
    t = await bootTestApp();
    workerId = await userId(t, 'vanson.social_worker');
  });
  afterAll(() => t.close());

  it('records each read of a case’s details and timeline: who, when, which case, which view', async () => {
    const c = await intake(t, 'vanson.hotline_operator');
    const h = await t.http.post(`/api/v1/cases/${c.id}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'medical_care', agencyId: (await t.ds.query(`SELECT id FROM agencies WHERE type = 'health_station' AND commune_code = 'van-son'`))[0].id,
        instructions: 'Khám', urgency: 'normal' });
    expect(h.status).toBe(201);
    const reads: Array<[string, string, string]> = [
      ['vanson.social_worker', `/api/v1/cases/${c.id}`, 'full'],
      ['vanson.auditor', `/api/v1/cases/${c.id}`, 'restricted'],
      ['vanson.hotline_operator', `/api/v1/cases/${c.id}`, 'restricted'],
      ['vanson.health', `/api/v1/cases/${c.id}`, 'need_to_know'],
      ['thanhhoa.supervisor', `/api/v1/cases/${c.id}/timeline`, 'full'],
      ['vanson.health', `/api/v1/cases/${c.id}/timeline`, 'need_to_know'],
    ];
    const since = new Date();
    for (const [user, path] of reads) expect((await t.http.get(path).set('Authorization', await t.login(user))).status).toBe(200);
    // Refused reads saw nothing and leave nothing.
    expect((await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('ngoclien.social_worker'))).status).toBe(404);
    const rows: Array<{ username: string; action: string; actor_role: string; details: { view: string }; occurred_at: Date }> = await t.ds.query(
      `SELECT u.username, l.action, l.actor_role, l.details, l.occurred_at FROM audit_log l JOIN users u ON u.id = l.actor_id
        WHERE l.case_id = $1 AND l.action IN ('case.read', 'case.timeline_read') ORDER BY l.id`, [c.id],
    );
    expect(rows.map((r) => [r.username, r.action, r.details.view])).toEqual(reads.map(([user, path, view]) =>
      [user, path.endsWith('/timeline') ? 'case.timeline_read' : 'case.read', view]));
    for (const r of rows) expect(r.occurred_at.getTime()).toBeGreaterThanOrEqual(since.getTime() - 1000);
  });

  it('writes every command’s audit row in the command’s own transaction', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.supervisor', c.id, 'ASSIGN', { assigneeId: workerId });
    await apply(t, 'vanson.social_worker', c.id, 'START_VERIFICATION');
    await apply(t, 'vanson.social_worker', c.id, 'APPLY_EMERGENCY_MEASURES', { measures: ['Tạm lánh'], ...EMERGENCY });
    const emergency = (await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.social_worker'))).body;
    const police = emergency.handoffs.find((h: { agency: { type: string } }) => h.agency.type === 'commune_police');
    expect((await t.http.post(`/api/v1/handoffs/${police.id}/accept`).set('Authorization', await t.login('vanson.police'))).status).toBe(200);
    const admin = await t.login('national.admin');
    expect((await t.http.put('/api/v1/holidays/2032-03-03').set('Authorization', admin).send({ nameVi: 'Nghỉ', nameEn: 'Off' })).status).toBe(200);

    // xmin is the writing transaction's id (32 bits); audit_log.tx_id is the full id of the transaction that wrote the audit row.
    const unaudited = await t.ds.query(`
      SELECT 'case_events' AS t, e.seq::text AS k FROM case_events e
       WHERE e.case_id = $1 AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.case_id = e.case_id AND l.tx_id % 4294967296 = e.xmin::text::bigint)
      UNION ALL
      SELECT 'cases', c.code FROM cases c
       WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.case_id = c.id AND l.tx_id % 4294967296 = c.xmin::text::bigint)
      UNION ALL
      SELECT 'handoffs', h.kind FROM handoffs h
       WHERE h.case_id = $1 AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity_id = h.id::text AND l.tx_id % 4294967296 = h.xmin::text::bigint)
      UNION ALL
      SELECT 'holidays', d.day::text FROM holidays d
       WHERE d.day = '2032-03-03' AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'holiday.set' AND l.tx_id % 4294967296 = d.xmin::text::bigint)`,
    [c.id]);
    expect(unaudited).toEqual([]);
    const events = await t.ds.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq`, [c.id]);
    expect(events.map((e: { type: string }) => e.type))
      .toEqual(['CASE_RECEIVED', 'ASSIGN', 'START_VERIFICATION', 'APPLY_EMERGENCY_MEASURES', 'HANDOFF_UPDATED']);
  });

  it('rolls a failed command’s audit row back with it', async () => {
    const c = await intake(t, 'vanson.social_worker');
    // A test-only constraint checked at COMMIT, after every statement of the command has run: it
    // answers 409 if the command's audit row is there in the same transaction (400 if it is not).
    await t.ownerDs.query(`CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM audit_log WHERE case_id = NEW.case_id AND action = 'case.ADD_NOTE'
                    AND tx_id = pg_current_xact_id()::text::bigint) THEN
          RAISE EXCEPTION 'commit refused for the test' USING ERRCODE = 'unique_violation';
        END IF;
        RAISE EXCEPTION 'no audit row in the transaction' USING ERRCODE = 'foreign_key_violation';
      END $$`);
    await t.ownerDs.query(`CREATE CONSTRAINT TRIGGER test_fail_commit AFTER INSERT ON case_events DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.data->>'kind' = 'note') EXECUTE FUNCTION test_fail_commit()`);
    try {
      // The probe is the kind named (a note's text is sealed in SQL); the note below names none.
      const res = await send(t, 'vanson.social_worker', c.id, 'ADD_NOTE', { text: 'rollback-probe', kind: 'note' });
      expect(res.status).toBe(409);
      const left = await t.ds.query(
        `SELECT action FROM audit_log WHERE case_id = $1 AND action NOT IN ('case.intake', 'child.match') ORDER BY id`, [c.id],
      );
      expect(left).toEqual([]);
      expect(await t.ds.query(`SELECT version FROM cases WHERE id = $1`, [c.id])).toEqual([{ version: 1 }]);
      // The same command without the failure commits its audit row.
      expect((await send(t, 'vanson.social_worker', c.id, 'ADD_NOTE', { text: 'ghi chú' })).status).toBe(200);
      expect(await t.ds.query(`SELECT action FROM audit_log WHERE case_id = $1 AND action = 'case.ADD_NOTE'`, [c.id])).toEqual([{ action: 'case.ADD_NOTE' }]);
    } finally {
      await t.ownerDs.query(`DROP TRIGGER test_fail_commit ON case_events`);
      await t.ownerDs.query(`DROP FUNCTION test_fail_commit()`);
    }
  });

  it('records logins, failed ones without the password tried', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ username: 'vanson.chair', password: 'mật-khẩu-sai-42' });
    expect(res.status).toBe(401);
    const [row] = await t.ds.query(
      `SELECT l.actor_role, l.details FROM audit_log l JOIN users u ON u.id = l.actor_id
        WHERE u.username = 'vanson.chair' AND l.action = 'auth.login_failed' ORDER BY l.id DESC LIMIT 1`,
    );
    expect(row.actor_role).toBe('chair');
    expect(JSON.stringify(row.details)).not.toContain('mật-khẩu-sai-42');
  });

  it('serves a case’s trail to its supervisors and auditors, paged, and records that read too', async () => {
    const c = await intake(t, 'vanson.social_worker');
    await apply(t, 'vanson.social_worker', c.id, 'ADD_NOTE', { text: 'một' });
    await t.http.get(`/api/v1/cases/${c.id}`).set('Authorization', await t.login('vanson.chair'));
    const auditor = await t.login('vanson.auditor');
    const first = await t.http.get('/api/v1/audit').query({ caseId: c.id, pageSize: 3 }).set('Authorization', auditor);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    // Intake looked the child up in the registry (child.match) as it filed the report.
    expect(first.body.items.map((i: { action: string }) => i.action)).toEqual(['case.intake', 'child.match', 'case.ADD_NOTE']);
    expect(first.body.items[0]).toMatchObject({ caseId: c.id, entity: 'case', actor: { role: 'social_worker', username: 'vanson.social_worker' } });
    const second = await t.http.get('/api/v1/audit').query({ caseId: c.id, pageSize: 3, page: 2 }).set('Authorization', auditor);
    expect(second.body.items.map((i: { action: string; details: unknown }) => [i.action, i.details]))
      .toEqual([['case.read', { view: 'full' }], ['audit.read', { view: 'audit_trail' }]]);
    const past = await t.http.get('/api/v1/audit').query({ caseId: c.id, page: 9 }).set('Authorization', auditor);
    expect(past.body).toMatchObject({ items: [], total: 6 }); // the two trail reads above are on the record
    const reads = await t.ds.query(`SELECT u.username FROM audit_log l JOIN users u ON u.id = l.actor_id WHERE l.case_id = $1 AND l.action = 'audit.read'`, [c.id]);
    expect(reads).toHaveLength(3);

    for (const query of [{}, { caseId: 'x' }, { caseId: c.id, page: 0 }, { caseId: c.id, extra: 1 }]) {
      const bad = await t.http.get('/api/v1/audit').query(query).set('Authorization', auditor);
      expect([query, bad.status]).toEqual([query, 400]);
    }
    const absent = await t.http.get('/api/v1/audit').query({ caseId: '00000000-0000-4000-8000-000000000000' }).set('Authorization', auditor);
    expect(absent.status).toBe(404);
    const outside = await t.http.get('/api/v1/audit').query({ caseId: c.id }).set('Authorization', await t.login('namphu.auditor'));
    expect(outside.status).toBe(404);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows, sealed or not, even to a superuser', async () => {
    await verified();
    await send(t, 'vanson.social_worker', (await intake(t, 'vanson.social_worker')).id, 'ADD_NOTE', { text: 'x' });
    const [sealed] = await t.ds.query(`SELECT id FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    const [unsealed] = await t.ds.query(`SELECT id FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT 1`);
    expect(sealed && unsealed).toBeTruthy();
    const attempts = [
      [`UPDATE audit_log SET details = '{"edited":true}' WHERE id = $1`, sealed.id],
      [`UPDATE audit_log SET hash = repeat('0', 64) WHERE id = $1`, sealed.id],
      [`UPDATE audit_log SET actor_role = 'admin' WHERE id = $1`, unsealed.id],
      [`DELETE FROM audit_log WHERE id = $1`, sealed.id],
      [`DELETE FROM audit_log WHERE id = $1`, unsealed.id],
    ] as const;
    for (const [sql, id] of attempts) {
      await expect(t.ownerDs.query(sql, [id])).rejects.toThrow(/audit_log is append-only/);
    }
    await expect(t.ownerDs.query(`TRUNCATE audit_log`)).rejects.toThrow(/audit_log is append-only/);
    expect((await verified()).ok).toBe(true);
  }, 300_000);

  it('keeps one unforked chain under 50 concurrent writers and several sealers', async () => {
    const auth = await t.login('vanson.social_worker');
    const cases = await Promise.all(Array.from({ length: 25 }, () => intake(t, 'vanson.social_worker')));
    const audit = t.app.get(AuditService);
    const before = await rowCount();
    const writers = [
      ...Array.from({ length: 25 }, (_, i) => t.http.post('/api/v1/intake').set('Authorization', auth).send(intakeBody({ externalRef: `conc-${i}` }))),
      ...cases.map((c, i) => t.http.post(`/api/v1/cases/${c.id}/events`).set('Authorization', auth)
        .send({ type: 'ADD_NOTE', data: { text: `ghi chú ${i}` }, expectedVersion: 1 })),
    ];
    const sealers = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 10; i++) {
        await audit.seal();
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const [results] = await Promise.all([Promise.all(writers), Promise.all(sealers)]);
    expect(results.map((r) => r.status).sort()).toEqual([...Array(25).fill(200), ...Array(25).fill(201)]);
    expect(await rowCount()).toBeGreaterThanOrEqual(before + 50);

    const v = await verified();
    const total = await rowCount();
    expect(v).toMatchObject({ ok: true, checked: total, unsealed: 0, fromCheckpoint: null, length: total });
    const [shape] = await t.ds.query(
      `SELECT min(seq)::int AS first, max(seq)::int AS last, count(DISTINCT seq)::int AS seqs, count(DISTINCT prev_hash)::int AS links FROM audit_log`,
    );
    expect(shape).toEqual({ first: 1, last: total, seqs: total, links: total });
  }, 300_000);

  it('reports the first row that was tampered with, and nothing once it is put back', async () => {
    await intake(t, 'vanson.social_worker');
    expect((await verified()).ok).toBe(true);
    const [victim] = await t.ds.query(
      `SELECT id, details, hash FROM audit_log WHERE action = 'case.intake' ORDER BY seq LIMIT 1 OFFSET 3`,
    );
    const [next] = await t.ds.query(`SELECT id FROM audit_log WHERE seq = (SELECT seq + 1 FROM audit_log WHERE id = $1)`, [victim.id]);
    // Only the owner (or a superuser) bypassing triggers can do this; the keyed chain is what catches it.
    const asSuperuser = async (sql: string, params: unknown[]) => {
      await t.ownerDs.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(sql, params);
      });
    };

    await asSuperuser(`UPDATE audit_log SET details = $2 WHERE id = $1`, [victim.id, JSON.stringify({ code: 'VS-0000-000000' })]);
    expect(await verified()).toMatchObject({ ok: false, firstBadId: victim.id });

    // Re-hashing the edited row itself moves the break to the next link.
    const [{ c, prev_hash: prev }] = await t.ds.query(
      `SELECT jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details, access)::text AS c, prev_hash
         FROM audit_log WHERE id = $1`, [victim.id],
    );
    await asSuperuser(`UPDATE audit_log SET hash = $2 WHERE id = $1`, [victim.id, chainHash(t.config.audit.hmacKey, prev, c)]);
    expect(await verified()).toMatchObject({ ok: false, firstBadId: next.id });

    await asSuperuser(`UPDATE audit_log SET details = $2, hash = $3 WHERE id = $1`, [victim.id, JSON.stringify(victim.details), victim.hash]);
    const restored = await verified();
    expect(restored).toMatchObject({ ok: true, checked: await rowCount(), unsealed: 0 });

    // A deleted row breaks the sequence at the row after it.
    await t.ownerDs.query(`CREATE TABLE test_audit_saved AS SELECT * FROM audit_log WHERE id = $1`, [victim.id]);
    try {
      await asSuperuser(`DELETE FROM audit_log WHERE id = $1`, [victim.id]);
      expect(await verified()).toMatchObject({ ok: false, firstBadId: next.id });
      await t.ds.query(`INSERT INTO audit_log SELECT * FROM test_audit_saved`);
    } finally {
      await t.ownerDs.query(`DROP TABLE test_audit_saved`);
    }
    expect(await verified()).toMatchObject({ ok: true, checked: await rowCount(), unsealed: 0 });
  }, 300_000);
});
