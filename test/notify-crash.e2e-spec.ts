/**
 * Issue 18: a worker killed mid-send never sends a message twice. The worker is a real process
 * (dist/src/worker.js) SIGKILLed while the SMS gateway and the ZNS stand-in hold its requests
 * open; a second worker takes over. SMS goes through the generic gateway, which drops a repeated
 * de-duplication key: the interrupted messages are sent again with the same key and delivered
 * once. Zalo goes through the ZNS shape, which promises no such thing: the interrupted messages
 * are not sent again (outcome unknown), so none arrives twice.
 */
import type { ChildProcess } from 'node:child_process';
import { intake } from './support/fixtures';
import { startGateway } from './support/notify-peers';
import { bootTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { exited, startWorker } from './support/worker-process';

describe('a worker killed mid-send (e2e, separate processes)', () => {
  let t: TestApp;
  let gw: Awaited<ReturnType<typeof startGateway>>;
  const children: ChildProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    gw = await startGateway();
    env = {
      SMS_PROVIDER: 'http', SMS_URL: gw.url, SMS_TOKEN: 'sms-token', ZALO_PROVIDER: 'zns', ZALO_URL: gw.url, ZALO_TOKEN: 'zns-token', ZALO_SENDER: '231456',
      NOTIFY_SEND_TIMEOUT_MS: '8000', NOTIFY_BACKOFF_MS: '200',
    };
    t = await bootTestApp({ worker: false, env });
    await t.ds.query(`INSERT INTO user_contacts (user_id, kind, value, verified_at, updated_at) SELECT id, 'phone', '+84912000009', now(), now() FROM users WHERE username = 'vanson.supervisor'`);
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await t?.close();
    await gw?.close();
  });

  it('delivers each SMS once (resent under its key) and never a Zalo message twice (not resent)', async () => {
    const N = 6;
    // The gateway takes each request and holds the answer: the worker is mid-send when it dies.
    gw.behaviour.set('+84912000009', { kind: 'slow', ms: 4000 });
    gw.behaviour.set('84912000009', { kind: 'slow', ms: 4000 });
    const cases = [];
    for (let i = 0; i < N; i++) cases.push(await intake(t, 'vanson.hotline_operator', { immediateDanger: true }));
    const first = startWorker(t, env).child;
    children.push(first);
    await waitFor('requests in flight on both channels', async () =>
      gw.requests.some((r) => r.body.to === '+84912000009') && gw.requests.some((r) => r.body.phone === '84912000009'), 30_000, 20);
    first.kill('SIGKILL');
    await exited(first);
    const inFlight = gw.requests.length;
    gw.behaviour.clear();

    const second = startWorker(t, env).child;
    children.push(second);
    const rows = async () => t.ds.query(
      `SELECT d.channel, d.status, d.dedupe_key, d.last_error FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.template = 'case_received_urgent' AND d.user_id = (SELECT id FROM users WHERE username = 'vanson.supervisor')`,
    ) as Promise<Array<{ channel: string; status: string; dedupe_key: string; last_error: string | null }>>;
    await waitFor('every message settled', async () => {
      const r = await rows();
      return r.length === 2 * N && r.every((d) => d.status === 'sent' || d.status === 'failed');
    }, 150_000, 250).catch(async (e) => {
      throw new Error(`${(e as Error).message}: ${JSON.stringify(await rows())} requests ${gw.requests.length}`);
    });
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);

    const settled = await rows();
    const sms = settled.filter((d) => d.channel === 'sms');
    const zalo = settled.filter((d) => d.channel === 'zalo');
    // SMS: every one sent, each accepted by the gateway exactly once (repeats under the same key were dropped).
    expect(sms.map((d) => d.status)).toEqual(Array(N).fill('sent'));
    const smsRequests = gw.requests.filter((r) => r.body.to === '+84912000009' && r.body.dedupeKey !== undefined && String(r.body.text).includes('KHAN CAP'));
    const accepted = [...gw.accepted.entries()].filter(([, r]) => r.body.to === '+84912000009');
    expect(new Set(accepted.map(([k]) => k))).toEqual(new Set(sms.map((d) => d.dedupe_key)));
    expect(accepted.length).toBe(N);
    expect(smsRequests.length).toBeGreaterThan(N); // the interrupted ones went twice, under one key
    // Zalo: no message reached the provider twice; those interrupted are failed with an unknown outcome.
    const znsKeys = gw.requests.filter((r) => r.body.phone === '84912000009').map((r) => String(r.body.tracking_id));
    expect(znsKeys.length).toBe(new Set(znsKeys).size);
    const unknown = zalo.filter((d) => d.status === 'failed');
    expect(unknown.length).toBeGreaterThan(0);
    for (const d of unknown) expect(d.last_error).toContain('outcome unknown');
    expect(zalo.filter((d) => d.status === 'sent').length + unknown.length).toBe(N);
    expect(inFlight).toBeGreaterThan(0);
  }, 240_000);
});
