/**
 * `npm run bench:documents [-- --runs=30 --events=50 --keep]`
 *
 * Builds its own database (`baove_bench_documents`) and boots the application in-process (no
 * worker). Drives one case through the services — intake with every Mẫu 01 answer, assignment,
 * verification, emergency measures, both assessments, the plan, its approval (a numbered decision
 * and two handoffs, accepted and completed by their agencies), notes and reviews until the case has
 * `events` events, then closure — and renders, `runs` times each after a warm-up, as the commune's
 * social worker through DocumentsService (transaction, reads and audit entry included):
 * - the full case file (every form, the timeline of `events` events, handoffs, attachments);
 * - baselines in the same run: Mẫu 01 alone, and the file without its timeline.
 * Prints p50 / p95 / max in ms and PASS when the full file's p95 is under 1000 ms (FAIL otherwise,
 * exit code 1). `--keep` leaves the database in place.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { createApp } from '../src/app';
import { CasesService } from '../src/cases/cases.service';
import { DocumentsService } from '../src/documents/documents.service';
import { HandoffsService } from '../src/handoffs/handoffs.service';
import type { Principal } from '../src/identity/roles';
import { arg, benchDatabase, fmt, percentile, principal } from './support';

const LIMIT_MS = 1000;

async function time(runs: number, fn: () => Promise<{ bytes: Buffer }>): Promise<{ p50: number; p95: number; max: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = (await fn()).bytes.length; // warm-up: fonts read, statements prepared, JIT
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    bytes = (await fn()).bytes.length;
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1], bytes };
}

async function main(): Promise<void> {
  const runs = arg('runs', 30);
  const target = arg('events', 50);
  const keep = process.argv.includes('--keep');
  const db = await benchDatabase('baove_bench_documents');
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const app = await createApp({
    config: { ...db.config, logLevel: 'warn', queuePrefix: `benchdoc${Date.now().toString(36)}` },
    databaseUrl: db.url, redisUrl: db.infra.redisUrl, worker: false, poolSize: 10,
  });
  await app.init();
  let failed = false;
  try {
    const cases = app.get(CasesService);
    const handoffs = app.get(HandoffsService);
    const documents = app.get(DocumentsService);
    const people: Principal[] = [];
    for (const u of ['social_worker', 'supervisor', 'chair', 'health', 'education', 'police']) people.push(await principal(pg, `vanson.${u}`));
    const [worker, supervisor, chair, health, education, police] = people;
    const created = await cases.intake(worker, {
      channel: 'citizen', receivedAt: new Date(Date.now() - 3_600_000).toISOString(), communeCode: 'van-son', immediateDanger: false,
      reporter: { anonymous: false, name: 'Trần Văn Báo', phone: '0912345678', address: 'Thôn Đông', relationToChild: 'hàng xóm' },
      child: {
        fullName: 'Nguyễn Thị Ánh Tuyết', sex: 'female', dateOfBirth: '2015-04-15', address: 'Thôn Đông, xã Vân Sơn',
        father: { fullName: 'Đặng Văn Hưởng', birthYear: 1986, occupation: 'Thợ xây' }, mother: { fullName: 'Nguyễn Thị Hoa', birthYear: 1990 },
      },
      incident: {
        types: ['physical_violence'], description: 'Trẻ bị bầm tím ở cánh tay phải', category: 'abused', receivedVia: 'phone',
        childCondition: 'Sợ hãi', likelyConsequences: 'Tổn thương tâm lý', familySituation: 'Cha nghiện rượu', actionsTaken: 'Đưa trẻ sang nhà bà',
      },
    } as never);
    const id = created.case.id;
    // Handoff updates move the case's version too: each event is sent at the version the case has now.
    const send = async (as: Principal, type: string, data: Record<string, unknown> = {}) => {
      const { version } = (await pg.query(`SELECT version FROM cases WHERE id = $1`, [id])).rows[0];
      await cases.sendEvent(as, id, { type, data, expectedVersion: version });
    };
    await send(supervisor, 'ASSIGN', { assigneeId: worker.userId });
    await send(worker, 'START_VERIFICATION');
    await send(worker, 'APPLY_EMERGENCY_MEASURES', { measures: ['Đưa trẻ đến nhà bà ngoại'] });
    await send(worker, 'RECORD_INITIAL_ASSESSMENT', {
      riskLevel: 'high', substantiated: true, summary: 'Có căn cứ', place: 'Nhà văn hóa thôn Đông', harmSeverity: 'high', abuserAccess: 'medium',
      careObstacles: 'low', selfProtection: 'low', carerCapacity: 'medium', supportNetwork: 'high', safetyMeasures: ['Ở nhà bà ngoại'],
    });
    await send(worker, 'RECORD_ASSESSMENT', {
      needs: ['Y tế', 'Tâm lý'], summary: 'Cần hỗ trợ', needsByArea: [{ area: 'education', situation: 'Nghỉ học', need: 'Đi học lại' }],
      meetingAttendees: [{ name: 'Cô Đỗ Thị Hạnh', organisation: 'Trường Tiểu học Vân Sơn' }], meetingConclusions: 'Thống nhất',
    });
    await send(worker, 'SUBMIT_PLAN', {
      goals: 'Trẻ an toàn', objectives: ['Khám sức khỏe'], actions: [
        { kind: 'medical_care', agencyType: 'health_station', dueInDays: 5, activity: 'Khám', responsible: 'Y sĩ Hà Thị Dịu', budget: 'BHYT' },
        { kind: 'school_support', agencyType: 'school', dueInDays: 14, activity: 'Phụ đạo', responsible: 'Cô Đỗ Thị Hạnh', budget: 'Ngân sách xã' },
      ],
    });
    await send(chair, 'APPROVE_PLAN', {});
    const open: Array<{ id: string; kind: string }> = (await pg.query(`SELECT id, kind FROM handoffs WHERE case_id = $1 AND state = 'offered'`, [id])).rows;
    for (const h of open) {
      const as = h.kind === 'school_support' ? education : h.kind === 'medical_care' ? health : police;
      await handoffs.act(as, h.id, 'ACCEPT', { data: {} });
      await handoffs.act(as, h.id, 'COMPLETE', { data: { outcome: `Đã hoàn thành ${h.kind}` } });
    }
    const count = async () => Number((await pg.query(`SELECT count(*) AS n FROM case_events WHERE case_id = $1`, [id])).rows[0].n);
    for (let i = 1; (await count()) < target - 3; i++) {
      if (i % 5 === 0) {
        await send(worker, 'RECORD_REVIEW', { summary: `Rà soát lần ${i / 5}: trẻ tiến bộ`, childSafe: true, harmSeverity: 'low', recommendation: 'continue' });
      } else {
        await send(worker, 'ADD_NOTE', { text: `Ghi chú số ${i}: đã thăm trẻ tại nhà bà ngoại, trẻ ăn ngủ bình thường, đi học đều.` });
      }
    }
    await send(worker, 'RECORD_REVIEW', { summary: 'Trẻ đã an toàn', childSafe: true, recommendation: 'close', nextSteps: 'Theo dõi' });
    await send(worker, 'PROPOSE_CLOSURE', { reason: 'Trẻ đã an toàn' });
    await send(chair, 'APPROVE_CLOSURE', {});
    const events = await count();
    console.log(`bench:documents — one case with ${events} events (${open.length} handoffs, 2 decisions), ${runs} runs each after 3 warm-up runs`);
    console.log('what                                     p50 ms   p95 ms   max ms   size');
    const line = (label: string, r: { p50: number; p95: number; max: number; bytes: number }) =>
      console.log(`${label.padEnd(40)} ${fmt(r.p50).padStart(7)}  ${fmt(r.p95).padStart(7)}  ${fmt(r.max).padStart(7)}   ${Math.round(r.bytes / 1024)} KB`);
    line('baseline: Mẫu 01 alone', await time(runs, () => documents.render(worker, id, 'mau-01')));
    line('baseline: the file without its timeline', await time(runs, () => documents.file(worker, id, false)));
    const full = await time(runs, () => documents.file(worker, id));
    line(`full case file (${events} events)`, full);
    failed = !(full.p95 < LIMIT_MS);
    console.log(`${failed ? 'FAIL' : 'PASS'}: the full file's p95 ${fmt(full.p95)} ms ${failed ? '≥' : '<'} ${LIMIT_MS} ms`);
  } finally {
    await app.close();
    await pg.end();
    if (!keep) await db.drop();
    await db.infra.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
