/**
 * The S3 store against a real S3-compatible server started by the test itself (s3rver: an
 * in-process implementation of the S3 REST API, path-style, with multipart uploads), through the
 * app's HTTP API: an upload lands in the bucket sealed, downloads byte for byte, a refused or
 * oversize upload leaves no object behind. (s3rver implements neither ListMultipartUploads nor
 * AbortMultipartUpload: that an aborted upload's parts are discarded — lib-storage's
 * `leavePartsOnError: false` — is not verified here.)
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { intake } from './support/fixtures';
import { ACCEPTED_SAMPLES, REFUSED_SAMPLES, sample } from './support/sample-files';
import { bootTestApp, TestApp } from './support/test-app';

const MAX = 12 * 1024 * 1024;
const BUCKET = 'baove-attachments';
const MARKER = 'BAOVE-S3-PLAINTEXT-MARKER';

describe('attachments in an S3-compatible bucket (e2e, s3rver)', () => {
  let server: S3rver;
  let t: TestApp;
  let s3: S3Client;
  let dir: string;
  let caseId: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baove-s3-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    t = await bootTestApp({ env: {
      ATTACHMENTS_S3_BUCKET: BUCKET, ATTACHMENTS_S3_ENDPOINT: endpoint, ATTACHMENTS_S3_ACCESS_KEY_ID: 'S3RVER', ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'S3RVER',
      ATTACHMENTS_MAX_BYTES: String(MAX), ATTACHMENTS_MASTER_KEY: randomBytes(32).toString('base64'),
    } });
    s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    caseId = (await intake(t, 'vanson.hotline_operator')).id;
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await t?.close();
    s3?.destroy();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const objects = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
  const object = async (key: string) => {
    const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await res.Body!.transformToByteArray());
  };
  const upload = async (data: Buffer, filename: string, category = 'photo') =>
    t.http.post(`/api/v1/cases/${caseId}/attachments`).set('Authorization', await t.login('vanson.social_worker'))
      .field('category', category).attach('file', data, { filename, contentType: 'application/octet-stream' });

  /** A multipart upload sent chunked (no Content-Length), so that only counting the stream can refuse it. */
  async function chunkedUpload(data: Buffer): Promise<number> {
    const boundary = 'S3b0undary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nphoto\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="to.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      data, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const auth = await t.login('vanson.social_worker');
    return new Promise((resolve, reject) => {
      let status = 0;
      const req = httpRequest(`${url}/api/v1/cases/${caseId}/attachments`, {
        method: 'POST', headers: { Authorization: auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      }, (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => resolve(status));
      });
      // Cut by the server once it has read enough past the limit: the answer came first.
      req.on('error', (e) => (status ? resolve(status) : reject(e)));
      for (let at = 0; at < body.length; at += 256 * 1024) req.write(body.subarray(at, at + 256 * 1024));
      req.end();
    });
  }

  it('stores a multi-part (11 MiB) upload sealed in the bucket and streams it back byte for byte', async () => {
    const data = sample(ACCEPTED_SAMPLES.jpeg.head, MARKER, 11 * 1024 * 1024);
    const up = await upload(data, 'ảnh lớn.jpg');
    expect(up.status).toBe(201);
    expect(up.body.attachment).toMatchObject({ size: data.length, mediaType: 'image/jpeg', sha256: createHash('sha256').update(data).digest('hex') });
    const [row] = await t.ds.query(`SELECT storage, storage_key FROM attachments WHERE id = $1`, [up.body.attachment.id]);
    expect(row.storage).toBe('s3');
    expect(await objects()).toEqual([row.storage_key]);
    const stored = await object(row.storage_key);
    expect(stored.subarray(0, 6).toString('latin1')).toBe('BAOVE1');
    expect(stored.includes(Buffer.from(MARKER))).toBe(false);
    expect(stored.length).toBeGreaterThan(data.length);
    const got = await t.http.get(`/api/v1/attachments/${up.body.attachment.id}/content`).set('Authorization', await t.login('vanson.social_worker'))
      .buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(got.status).toBe(200);
    expect(got.headers['content-length']).toBe(String(data.length));
    expect((got.body as Buffer).equals(data)).toBe(true);
  });

  it('leaves no object after a refused type or an oversize file', async () => {
    const before = await objects();
    expect((await upload(sample(REFUSED_SAMPLES.exe, MARKER, 10_000), 'x.pdf', 'medical_certificate')).status).toBe(415);
    // Sent without a length, past the limit after two 5 MiB parts went to the bucket: the object never appears.
    expect(await chunkedUpload(sample(ACCEPTED_SAMPLES.jpeg.head, '', MAX + 1))).toBe(413);
    expect(await objects()).toEqual(before);
  });
});
