/**
 * Attachments end to end, over HTTP against the real app, PostgreSQL and a real folder: upload,
 * list and streamed download (byte-identical); type checked by content; size limit; who sees
 * what (partners their own handoffs' files only, 404 elsewhere); files on disk sealed; every
 * upload, list and download audited; and nothing a client sends — malformed, truncated or
 * abandoned uploads — answers 5xx or leaves a file behind.
 */
import type { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app';
import { AttachmentCryptoError, decryptChunks } from '../src/attachments/attachment-crypto';
import { ConfigKeyring, KeyringError } from '../src/crypto/keyring';
import { TYPE_NOT_ACCEPTED } from '../src/attachments/attachments.service';
import { intake } from './support/fixtures';
import { ACCEPTED_SAMPLES, pdf, REFUSED_SAMPLES, sample } from './support/sample-files';
import { bootTestApp, testConfig, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

const MAX = 256 * 1024;
const KEY = randomBytes(32).toString('base64');
const MARKER = 'BAOVE-PLAINTEXT-MARKER Nguyễn Thị Lan bị đánh';

/** Every file under `dir`, relative. */
function filesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- superagent's parser hook: a response stream.
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A multipart body written by hand (for what supertest will not send: odd orders, damage). */
function multipart(boundary: string, parts: Array<{ name: string; value?: string; filename?: string; type?: string; data?: Buffer }>, close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(p.data ?? Buffer.from(p.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe('attachments (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let url: string;
  let caseId: string;
  let policeHandoff: string;
  let healthHandoff: string;
  const agencies: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baove-attachments-'));
    t = await bootTestApp({ env: { ATTACHMENTS_DIR: join(dir, 'files'), ATTACHMENTS_MAX_BYTES: String(MAX), ATTACHMENTS_MASTER_KEY: KEY } });
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    for (const a of await t.ds.query(`SELECT id, type FROM agencies WHERE commune_code = 'van-son'`)) agencies[a.type] = a.id;
    caseId = (await intake(t, 'vanson.hotline_operator')).id;
    const handoff = async (type: string, kind: string) => {
      const res = await t.http.post(`/api/v1/cases/${caseId}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
        .send({ kind, agencyId: agencies[type], instructions: 'Phối hợp', urgency: 'normal' });
      expect(res.status).toBe(201);
      return res.body.handoff.id as string;
    };
    policeHandoff = await handoff('commune_police', 'police_investigation');
    healthHandoff = await handoff('health_station', 'forensic_exam');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const files = () => filesIn(join(dir, 'files'));
  const rows = async () => Number((await t.ds.query(`SELECT count(*)::int AS n FROM attachments`))[0].n);

  async function upload(as: string, path: string, data: Buffer, filename: string, fields: Record<string, string> = { category: 'other' }, type = 'application/octet-stream') {
    let req = t.http.post(path).set('Authorization', await t.login(as));
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', data, { filename, contentType: type });
  }

  async function download(as: string, id: string) {
    return t.http.get(`/api/v1/attachments/${id}/content`).set('Authorization', await t.login(as)).buffer(true).parse(binary);
  }

  /** Nothing new stored: the same files on disk and the same rows as before `act`. */
  async function storesNothing(act: () => Promise<void>) {
    const [before, count] = [files(), await rows()];
    await act();
    expect(await rows()).toBe(count);
    await waitFor('the refused upload’s file to be removed', async () => JSON.stringify(files()) === JSON.stringify(before));
  }

  it('uploads a PDF, a JPEG and recordings and downloads each byte for byte, with safe headers', async () => {
    const cases: Array<[string, Buffer, string, string, string]> = [
      ['Giấy chứng nhận thương tích.pdf', pdf(MARKER), 'application/pdf', 'medical_certificate', 'application/pdf'],
      ['ảnh vết thương.jpg', sample(ACCEPTED_SAMPLES.jpeg.head, MARKER, 200_000), 'image/jpeg', 'photo', 'image/jpeg'],
      ['ghi âm lời khai.m4a', sample(ACCEPTED_SAMPLES.m4a.head, MARKER, 70_000), 'audio/mp4', 'audio', 'audio/mp4'],
      ['ghi âm.mp3', sample(ACCEPTED_SAMPLES.mp3.head, MARKER, 1000), 'audio/mpeg', 'audio', 'audio/mpeg'],
      ['ghi âm.wav', sample(ACCEPTED_SAMPLES.wav.head, MARKER, 64 * 1024), 'audio/wav', 'audio', 'audio/wav'],
    ];
    for (const [name, data, declared, category, detected] of cases) {
      const up = await upload('vanson.social_worker', `/api/v1/cases/${caseId}/attachments`, data, name, { category, description: 'Bản chụp' }, declared);
      expect([name, up.status, up.status === 201 ? null : up.body]).toEqual([name, 201, null]);
      const a = up.body.attachment;
      expect(a).toMatchObject({
        caseId, handoffId: null, filename: name, mediaType: detected, size: data.length, category, description: 'Bản chụp', agency: null,
        sha256: createHash('sha256').update(data).digest('hex'), uploadedBy: { name: expect.any(String) },
      });
      const got = await download('vanson.social_worker', a.id);
      expect(got.status).toBe(200);
      expect((got.body as Buffer).equals(data)).toBe(true);
      expect(got.headers['content-type']).toBe(detected);
      expect(got.headers['content-length']).toBe(String(data.length));
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['cache-control']).toContain('no-store');
      expect(got.headers['content-encoding']).toBeUndefined();
      expect(got.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(decodeURIComponent(got.headers['content-disposition'].split("UTF-8''")[1])).toBe(name);
    }
  });

  it('keeps only sealed bytes on disk (folder 0700, files 0600, random names): no plaintext, and no other master key opens them', async () => {
    const up = await upload('vanson.social_worker', `/api/v1/cases/${caseId}/attachments`, pdf(MARKER), 'biên bản.pdf', { category: 'police_record' });
    expect(up.status).toBe(201);
    const stored = files();
    expect(stored.length).toBeGreaterThan(0);
    expect(statSync(join(dir, 'files')).mode & 0o777).toBe(0o700);
    for (const f of stored) {
      expect(f).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
      const bytes = readFileSync(join(dir, 'files', f));
      expect(statSync(join(dir, 'files', f)).mode & 0o777).toBe(0o600);
      expect(bytes.subarray(0, 6).toString('latin1')).toBe('BAOVE1');
      expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
      expect(bytes.includes(Buffer.from('Nguy'))).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF'))).toBe(false);
    }
    const [row] = await t.ds.query(`SELECT storage, storage_key, wrapped_key, key_id FROM attachments WHERE id = $1`, [up.body.attachment.id]);
    expect(row).toMatchObject({ storage: 'local', key_id: 'default' });
    const sealed = readFileSync(join(dir, 'files', row.storage_key));
    const open = async (key: Buffer) => {
      const parts: Buffer[] = [];
      for await (const p of decryptChunks([sealed], key)) parts.push(p);
      return Buffer.concat(parts);
    };
    // The right master key opens it (so the refusals below are the keys').
    const right = await new ConfigKeyring([{ id: 'default', key: Buffer.from(KEY, 'base64') }]).unwrap(row.wrapped_key, 'default', row.storage_key);
    expect((await open(right)).equals(pdf(MARKER))).toBe(true);
    await expect(new ConfigKeyring([{ id: 'default', key: randomBytes(32) }]).unwrap(row.wrapped_key, 'default', row.storage_key)).rejects.toThrow(KeyringError);
    await expect(open(randomBytes(32))).rejects.toBeInstanceOf(AttachmentCryptoError);
  });

  it('refuses an .exe named x.pdf and declared application/pdf (415), storing nothing', async () => {
    for (const [kind, head] of Object.entries(REFUSED_SAMPLES)) {
      await storesNothing(async () => {
        const res = await upload('vanson.social_worker', `/api/v1/cases/${caseId}/attachments`, sample(head, MARKER, 10_000), 'x.pdf', { category: 'medical_certificate' }, 'application/pdf');
        expect([kind, res.status]).toEqual([kind, 415]);
        expect(res.body.details.fields).toEqual({ file: [TYPE_NOT_ACCEPTED] });
      });
    }
  });

  it('refuses a file over the limit (413) whether or not the length was declared, storing nothing', async () => {
    const big = sample(ACCEPTED_SAMPLES.jpeg.head, MARKER, MAX + 1);
    await storesNothing(async () => {
      const res = await upload('vanson.social_worker', `/api/v1/cases/${caseId}/attachments`, big, 'ảnh.jpg', { category: 'photo' }, 'image/jpeg');
      expect(res.status).toBe(413);
      expect(res.body.message).toMatch(/ \/ The file exceeds the 0.3 MiB limit$/);
      expect(res.body.details.maxBytes).toBe(MAX);
    });
    // Exactly at the limit: accepted.
    const atLimit = await upload('vanson.social_worker', `/api/v1/cases/${caseId}/attachments`, sample(ACCEPTED_SAMPLES.jpeg.head, '', MAX), 'ảnh.jpg', { category: 'photo' });
    expect([atLimit.status, atLimit.body.attachment?.size]).toEqual([201, MAX]);
    // Sent in chunks with no length: counted while it streams, refused once past the limit.
    await storesNothing(async () => {
      const body = multipart('B0undary', [{ name: 'category', value: 'photo' }, { name: 'file', filename: 'a.jpg', type: 'image/jpeg', data: sample(ACCEPTED_SAMPLES.jpeg.head, '', Math.round(1.5 * MAX)) }]);
      const res = await raw('POST', `/api/v1/cases/${caseId}/attachments`, 'multipart/form-data; boundary=B0undary', body, { chunked: true });
      expect(res.status).toBe(413);
    });
    // A declared length far over the limit is refused before the body is read.
    await storesNothing(async () => {
      const res = await raw('POST', `/api/v1/cases/${caseId}/attachments`, 'multipart/form-data; boundary=B0undary', Buffer.alloc(1000), { length: 50 * MAX });
      expect(res.status).toBe(413);
    });
  });

  /** A raw request: chunked (no length), or with a declared length the body may not match. */
  async function raw(method: string, path: string, contentType: string, body: Buffer, o: { chunked?: boolean; length?: number; abortAfter?: number; as?: string } = {}) {
    const auth = await t.login(o.as ?? 'vanson.social_worker');
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const headers: Record<string, string> = { Authorization: auth, 'Content-Type': contentType };
      if (o.length !== undefined) headers['Content-Length'] = String(o.length);
      else if (!o.chunked) headers['Content-Length'] = String(body.length);
      let answered = false;
      const req = httpRequest(`${url}${path}`, { method, headers }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
      });
      // A refusal may cut the connection while the client still writes: the answer read first is what counts.
      req.on('error', (e) => (o.abortAfter !== undefined ? resolve({ status: 0, body: {} }) : answered ? undefined : reject(e)));
      if (o.abortAfter !== undefined) {
        req.write(body.subarray(0, o.abortAfter));
        setTimeout(() => req.destroy(), 100);
        return;
      }
      for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.subarray(at, at + 16 * 1024));
      if (o.length === undefined || o.length <= body.length) req.end();
    });
  }

  it('answers every malformed upload with a 4xx in the API’s shape and stores nothing', async () => {
    const path = `/api/v1/cases/${caseId}/attachments`;
    const jpeg = sample(ACCEPTED_SAMPLES.jpeg.head, MARKER, 5000);
    const mp = 'multipart/form-data; boundary=XyZ';
    const attempts: Array<[string, () => Promise<{ status: number; body: Record<string, unknown> }>, number, string?]> = [
      ['JSON instead of multipart', async () => t.http.post(path).set('Authorization', await t.login('vanson.social_worker')).send({ category: 'photo' }), 415],
      ['no boundary', () => raw('POST', path, 'multipart/form-data', Buffer.from('x')), 400, 'file'],
      ['garbage', () => raw('POST', path, mp, randomBytes(3000)), 400, 'file'],
      ['no file', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }])), 400, 'file'],
      ['no category', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'file', filename: 'a.jpg', data: jpeg }])), 400, 'category'],
      ['unknown category', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'virus' }, { name: 'file', filename: 'a.jpg', data: jpeg }])), 400, 'category'],
      ['unknown field', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'caseId', value: 'x' }, { name: 'file', filename: 'a.jpg', data: jpeg }])), 400, 'caseId'],
      ['field twice', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'category', value: 'audio' }, { name: 'file', filename: 'a.jpg', data: jpeg }])), 400],
      ['two files', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'file', filename: 'a.jpg', data: jpeg }, { name: 'file', filename: 'b.jpg', data: jpeg }])), 400, 'file'],
      ['file in another field', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'upload', filename: 'a.jpg', data: jpeg }])), 400, 'upload'],
      ['empty file', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'file', filename: 'a.jpg', data: Buffer.alloc(0) }])), 400, 'file'],
      ['description too long', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'description', value: 'x'.repeat(2001) }, { name: 'file', filename: 'a.jpg', data: jpeg }])), 400, 'description'],
      ['NUL in the description, after the file', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'file', filename: 'a.jpg', data: jpeg }, { name: 'description', value: 'a\u0000b' }])), 400, 'description'],
      ['unterminated (no closing boundary)', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'file', filename: 'a.jpg', data: jpeg }], false)), 400, 'file'],
      ['cut inside the file', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'file', filename: 'a.jpg', data: jpeg }]).subarray(0, 3000)), 400, 'file'],
      ['a huge field', () => raw('POST', path, mp, multipart('XyZ', [{ name: 'category', value: 'p'.repeat(100_000) }, { name: 'file', filename: 'a.jpg', data: jpeg }])), 400, 'category'],
      ['many fields', () => raw('POST', path, mp, multipart('XyZ', Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, value: 'x' })))), 400],
    ];
    for (const [what, attempt, status, fieldName] of attempts) {
      await storesNothing(async () => {
        const res = await attempt();
        expect([what, res.status]).toEqual([what, status]);
        expect([what, res.body.statusCode, typeof res.body.message]).toEqual([what, status, 'string']);
        if (fieldName) expect([what, Object.keys((res.body.details as { fields: object }).fields)]).toEqual([what, [fieldName]]);
      });
    }
  });

  it('survives 300 damaged multipart bodies (seeded): no 5xx, errors in the API’s shape, no file without its row', async () => {
    let seed = 20_261_126;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const valid = () => multipart('F0zz', [{ name: 'category', value: 'photo' }, { name: 'description', value: 'Ảnh' },
      { name: 'file', filename: 'ảnh.jpg', type: 'image/jpeg', data: sample(ACCEPTED_SAMPLES.jpeg.head, MARKER, 2000 + rand(30_000)) }]);
    const mutations: Array<(b: Buffer) => Buffer> = [
      (b) => b.subarray(0, rand(b.length)), // cut anywhere
      (b) => { const c = Buffer.from(b); for (let i = 0; i < 1 + rand(8); i++) c[rand(c.length)] = rand(256); return c; }, // flipped bytes
      (b) => Buffer.concat([b.subarray(0, rand(b.length)), randomBytes(rand(500)), b.subarray(rand(b.length))]), // spliced noise
      (b) => Buffer.from(b.toString('latin1').replace(/\r\n/g, () => (rand(4) === 0 ? '\n' : '\r\n')), 'latin1'), // bare LFs
      (b) => Buffer.from(b.toString('latin1').replace('--F0zz', rand(2) ? '--F0zzz' : '-F0zz'), 'latin1'), // broken boundary
      (b) => Buffer.from(b.toString('latin1').replace(/name="(\w+)"/, rand(2) ? 'name=$1' : 'name="$1"; name="x"'), 'latin1'), // odd headers
      (b) => Buffer.concat([b, b]), // sent twice
      (b) => Buffer.from(b.toString('latin1').replace('filename="', `filename*=UTF-8''%ZZ${'%'.repeat(rand(3))}; filename="`), 'latin1'),
    ];
    const types = ['multipart/form-data; boundary=F0zz', 'multipart/form-data; boundary="F0zz"', 'multipart/form-data; boundary=Other',
      'multipart/form-data; charset=utf-16; boundary=F0zz', 'multipart/mixed; boundary=F0zz', 'multipart/form-data; boundary=' + 'F'.repeat(300)];
    const statuses: Record<number, number> = {};
    const bad: string[] = [];
    for (let i = 0; i < 300; i++) {
      const body = mutations[rand(mutations.length)](valid());
      const type = rand(5) === 0 ? types[rand(types.length)] : types[0];
      const res = await raw('POST', `/api/v1/cases/${caseId}/attachments`, type, body);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500 || (res.status >= 400 && (res.body.statusCode !== res.status || typeof res.body.message !== 'string'))) {
        bad.push(`#${i} ${type}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(Object.keys(statuses).every((s) => Number(s) < 500)).toBe(true);
    // The damage reached the parser: some bodies still held a whole upload, most were refused.
    expect([statuses[201] > 0, statuses[400] > 100]).toEqual([true, true]);
    const stored: Array<{ storage_key: string }> = await t.ds.query(`SELECT storage_key FROM attachments`);
    await waitFor('every refused upload’s file to be removed', async () => files().length === stored.length);
    expect(files()).toEqual(stored.map((r) => r.storage_key).sort());
  });

  it('takes fields after the file; names the stored file after its content', async () => {
    const body = multipart('XyZ', [
      { name: 'file', filename: '../../etc/Giấy\u202egpj.exe', type: 'application/x-msdownload', data: pdf() },
      { name: 'category', value: 'school_letter' }, { name: 'description', value: '  Thư của nhà trường  ' },
    ]);
    const res = await raw('POST', `/api/v1/cases/${caseId}/attachments`, 'multipart/form-data; boundary=XyZ', body);
    expect([res.status, res.status === 201 ? null : res.body]).toEqual([201, null]);
    expect(res.body.attachment).toMatchObject({ filename: 'Giấygpj.exe.pdf', mediaType: 'application/pdf', category: 'school_letter', description: 'Thư của nhà trường' });
  });

  it('leaves nothing behind when the client goes away mid-upload, and keeps serving', async () => {
    await storesNothing(async () => {
      const body = multipart('XyZ', [{ name: 'category', value: 'photo' }, { name: 'file', filename: 'a.jpg', data: sample(ACCEPTED_SAMPLES.jpeg.head, MARKER, 200_000) }]);
      await raw('POST', `/api/v1/cases/${caseId}/attachments`, 'multipart/form-data; boundary=XyZ', body, { abortAfter: 100_000 });
      await new Promise((r) => setTimeout(r, 300));
    });
    expect((await t.http.get(`/api/v1/cases/${caseId}/attachments`).set('Authorization', await t.login('vanson.social_worker'))).status).toBe(200);
  });

  it('lets a partner agency add outcome evidence to its own handoff, which the case’s social worker sees', async () => {
    const report = sample(ACCEPTED_SAMPLES.png.head, MARKER, 30_000);
    const up = await upload('vanson.police', `/api/v1/handoffs/${policeHandoff}/attachments`, report, 'Biên bản ghi lời khai.png', { category: 'police_record' });
    expect(up.status).toBe(201);
    expect(up.body.attachment).toMatchObject({ handoffId: policeHandoff, caseId, agency: { id: agencies.commune_police }, mediaType: 'image/png' });
    const listed = await t.http.get(`/api/v1/cases/${caseId}/attachments`).set('Authorization', await t.login('vanson.social_worker'));
    const mine = listed.body.items.find((a: { id: string }) => a.id === up.body.attachment.id);
    expect(mine.agency.name).toEqual(expect.any(String));
    expect(mine.uploadedBy.name).toEqual(expect.any(String));
    expect(listed.body.items.some((a: { handoffId: string | null }) => a.handoffId === null)).toBe(true);
    expect(((await download('vanson.social_worker', up.body.attachment.id)).body as Buffer).equals(report)).toBe(true);
    // The police see their handoff's files, on the handoff and in the case's list — nothing else of the case.
    const theirs = await t.http.get(`/api/v1/cases/${caseId}/attachments`).set('Authorization', await t.login('vanson.police'));
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.length).toBeGreaterThan(0);
    expect(theirs.body.items.every((a: { handoffId: string }) => a.handoffId === policeHandoff)).toBe(true);
    const onHandoff = await t.http.get(`/api/v1/handoffs/${policeHandoff}/attachments`).set('Authorization', await t.login('vanson.police'));
    expect(onHandoff.body.items.map((a: { id: string }) => a.id)).toContain(up.body.attachment.id);
    // The case's worker may add to the handoff too (what the police should see); the police see it.
    const fromCommune = await upload('vanson.social_worker', `/api/v1/handoffs/${policeHandoff}/attachments`, pdf(), 'Yêu cầu giám định.pdf', { category: 'other' });
    expect(fromCommune.status).toBe(201);
    expect(fromCommune.body.attachment.agency).toBeNull();
    expect((await download('vanson.police', fromCommune.body.attachment.id)).status).toBe(200);
  });

  it('hides other agencies’ and the commune’s files from a partner, and everything from other communes (404)', async () => {
    const police = await upload('vanson.police', `/api/v1/handoffs/${policeHandoff}/attachments`, pdf(), 'Kết luận.pdf', { category: 'police_record' });
    const health = await upload('vanson.health', `/api/v1/handoffs/${healthHandoff}/attachments`, pdf(), 'Kết quả giám định.pdf', { category: 'forensic_result' });
    const commune = await upload('vanson.supervisor', `/api/v1/cases/${caseId}/attachments`, pdf(), 'Quyết định.pdf', { category: 'decision_scan' });
    expect([police.status, health.status, commune.status]).toEqual([201, 201, 201]);
    const get = async (as: string, path: string) => (await t.http.get(path).set('Authorization', await t.login(as))).status;
    // Health: not the police's handoff, not the commune's own files.
    expect(await download('vanson.health', police.body.attachment.id).then((r) => r.status)).toBe(404);
    expect(await download('vanson.health', commune.body.attachment.id).then((r) => r.status)).toBe(404);
    expect(await get('vanson.health', `/api/v1/handoffs/${policeHandoff}/attachments`)).toBe(404);
    expect((await upload('vanson.health', `/api/v1/handoffs/${policeHandoff}/attachments`, pdf(), 'x.pdf')).status).toBe(404);
    expect((await upload('vanson.police', `/api/v1/cases/${caseId}/attachments`, pdf(), 'x.pdf')).status).toBe(403);
    const healthList = await t.http.get(`/api/v1/cases/${caseId}/attachments`).set('Authorization', await t.login('vanson.health'));
    expect(healthList.body.items.map((a: { handoffId: string }) => a.handoffId)).toEqual(healthList.body.items.map(() => healthHandoff));
    expect(JSON.stringify(healthList.body)).not.toContain(police.body.attachment.id);
    expect(JSON.stringify(healthList.body)).not.toContain(commune.body.attachment.id);
    // Police: not the health station's findings.
    expect(await download('vanson.police', health.body.attachment.id).then((r) => r.status)).toBe(404);
    // A school with no handoff on the case does not see it at all.
    expect(await get('vanson.education', `/api/v1/cases/${caseId}/attachments`)).toBe(404);
    // Other communes' staff and agencies: nothing exists.
    for (const outsider of ['ngoclien.social_worker', 'namphu.supervisor', 'ngoclien.police', 'namphu.chair']) {
      expect([outsider, await get(outsider, `/api/v1/cases/${caseId}/attachments`)]).toEqual([outsider, 404]);
      expect([outsider, await get(outsider, `/api/v1/handoffs/${policeHandoff}/attachments`)]).toEqual([outsider, 404]);
      for (const a of [police, health, commune]) expect([outsider, (await download(outsider, a.body.attachment.id)).status]).toEqual([outsider, 404]);
      expect([outsider, (await upload(outsider, `/api/v1/cases/${caseId}/attachments`, pdf(), 'x.pdf')).status]).toEqual([outsider, 404]);
      expect([outsider, (await upload(outsider, `/api/v1/handoffs/${policeHandoff}/attachments`, pdf(), 'x.pdf')).status]).toEqual([outsider, 404]);
    }
    // An unknown id is the same 404 as a hidden one.
    expect((await download('vanson.social_worker', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // Those who see the case but may not add to it: 403 (the auditor, the operator who filed it).
    for (const reader of ['vanson.auditor', 'vanson.hotline_operator']) {
      expect([reader, (await upload(reader, `/api/v1/cases/${caseId}/attachments`, pdf(), 'x.pdf')).status]).toEqual([reader, 403]);
      expect([reader, (await download(reader, commune.body.attachment.id)).status]).toEqual([reader, 200]);
    }
  });

  it('takes a partner’s sight of its files away with its handoff', async () => {
    const h = (await t.http.post(`/api/v1/cases/${caseId}/handoffs`).set('Authorization', await t.login('vanson.social_worker'))
      .send({ kind: 'school_support', agencyId: agencies.school, instructions: 'Hỗ trợ', urgency: 'normal' })).body.handoff.id;
    const letter = await upload('vanson.education', `/api/v1/handoffs/${h}/attachments`, pdf(), 'Thư nhà trường.pdf', { category: 'school_letter' });
    expect(letter.status).toBe(201);
    const cancelled = await t.http.post(`/api/v1/handoffs/${h}/cancel`).set('Authorization', await t.login('vanson.social_worker')).send({ reason: 'Nhầm trường' });
    expect(cancelled.status).toBe(200);
    expect((await download('vanson.education', letter.body.attachment.id)).status).toBe(404);
    expect((await upload('vanson.education', `/api/v1/handoffs/${h}/attachments`, pdf(), 'x.pdf')).status).toBe(404);
    expect((await download('vanson.social_worker', letter.body.attachment.id)).status).toBe(200);
  });

  it('audits every upload, list and download, naming the actor, the case and the file', async () => {
    const up = await upload('vanson.chair', `/api/v1/cases/${caseId}/attachments`, pdf(), 'Quyết định phê duyệt.pdf', { category: 'decision_scan' });
    expect(up.status).toBe(201);
    const id = up.body.attachment.id;
    await t.http.get(`/api/v1/cases/${caseId}/attachments`).set('Authorization', await t.login('vanson.chair'));
    await t.http.get(`/api/v1/handoffs/${policeHandoff}/attachments`).set('Authorization', await t.login('vanson.police'));
    await download('vanson.chair', id);
    const trail = await t.ds.query(
      `SELECT l.action, u.username, l.case_id, l.entity, l.entity_id, l.details FROM audit_log l JOIN users u ON u.id = l.actor_id
        WHERE l.action LIKE 'attachment.%' AND u.username IN ('vanson.chair', 'vanson.police') ORDER BY l.id`);
    expect(trail).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'attachment.upload', username: 'vanson.chair', case_id: caseId, entity: 'attachment', entity_id: id,
        details: expect.objectContaining({ category: 'decision_scan', mediaType: 'application/pdf', sha256: up.body.attachment.sha256 }) }),
      expect.objectContaining({ action: 'attachment.list', username: 'vanson.chair', case_id: caseId, entity: 'case', entity_id: caseId }),
      expect.objectContaining({ action: 'attachment.list', username: 'vanson.police', case_id: caseId, entity: 'handoff', entity_id: policeHandoff }),
      expect.objectContaining({ action: 'attachment.download', username: 'vanson.chair', case_id: caseId, entity: 'attachment', entity_id: id }),
    ]));
    // The audit log never holds a file's name (it may name the child).
    expect(JSON.stringify(trail)).not.toContain('Quyết định phê duyệt');
    // A refused download is not a download.
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'attachment.download'`))[0].n;
    await download('ngoclien.social_worker', id);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'attachment.download'`))[0].n).toBe(before);
  });

  it('reads its files after a master-key rotation; without the key that sealed them the start is refused, and a file is served as nothing (503)', async () => {
    const old = await upload('vanson.social_worker', `/api/v1/cases/${caseId}/attachments`, pdf(MARKER), 'cũ.pdf', { category: 'other' });
    const boot = async (env: Record<string, string>): Promise<INestApplication> => {
      const config = testConfig({ ATTACHMENTS_DIR: join(dir, 'files'), ATTACHMENTS_MAX_BYTES: String(MAX), ...env });
      const app = await createApp({ config, databaseUrl: t.appDatabaseUrl, redisUrl: t.redisUrl, worker: false, poolSize: 2 });
      try {
        await app.init();
      } catch (e) {
        // A refused start still opened connections (the revocation listener): close them.
        await app.close().catch(() => undefined);
        throw e;
      }
      return app;
    };
    const login = async (app: INestApplication) => `Bearer ${(await request(app.getHttpServer()).post('/api/v1/auth/login')
      .send({ username: 'vanson.social_worker', password: 'baove-demo-2026' })).body.accessToken}`;
    const rotated = await boot({ ATTACHMENTS_MASTER_KEYS: `k2:${randomBytes(32).toString('base64')},default:${KEY}` });
    try {
      const auth = await login(rotated);
      const got = await request(rotated.getHttpServer()).get(`/api/v1/attachments/${old.body.attachment.id}/content`).set('Authorization', auth).buffer(true).parse(binary);
      expect((got.body as Buffer).equals(pdf(MARKER))).toBe(true);
      const fresh = await request(rotated.getHttpServer()).post(`/api/v1/cases/${caseId}/attachments`).set('Authorization', auth)
        .field('category', 'other').attach('file', pdf(), 'mới.pdf');
      expect(fresh.status).toBe(201);
      expect((await t.ds.query(`SELECT key_id FROM attachments WHERE id = $1`, [fresh.body.attachment.id]))[0].key_id).toBe('k2');
    } finally {
      await rotated.close();
    }
    // Without the key that sealed the data keys, the start itself is refused (the field keys are checked then: src/crypto/).
    await expect(boot({ ATTACHMENTS_MASTER_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(/do not open/);
    // A file whose master key has left the keyring is served as nothing (503).
    await t.ds.query(`UPDATE attachments SET key_id = 'retired' WHERE id = $1`, [old.body.attachment.id]);
    try {
      const res = await request(t.app.getHttpServer()).get(`/api/v1/attachments/${old.body.attachment.id}/content`).set('Authorization', await t.login('vanson.social_worker'));
      expect(res.status).toBe(503);
      expect(res.text).not.toContain('PDF');
    } finally {
      await t.ds.query(`UPDATE attachments SET key_id = 'default' WHERE id = $1`, [old.body.attachment.id]);
    }
  });
});
