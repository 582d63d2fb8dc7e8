/**
 * Real protocol peers for the notification tests: an SMTP server (smtp-server), an HTTP SMS/Zalo
 * gateway stand-in (records requests, drops repeated keys, answers failures and time-outs on
 * demand, posts nothing itself), and a Web Push endpoint that checks the VAPID JWT's ES256
 * signature and decrypts the aes128gcm payload with the subscription's private key (RFC 8291).
 */
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  dedupeKey: string;
  raw: string;
  at: number;
}

/** An SMTP server that accepts every message (`reject` makes it answer 550 for a recipient). */
export async function startSmtp(): Promise<{ port: number; url: string; mails: ReceivedMail[]; reject: Set<string>; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const reject = new Set<string>();
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address)) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((m) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address),
            subject: m.subject ?? '', text: m.text ?? '', messageId: m.messageId ?? '', dedupeKey: String(m.headers.get('x-baove-dedupe-key') ?? ''), raw, at: Date.now(),
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { port, url: `smtp://127.0.0.1:${port}`, mails, reject, close: () => new Promise((r) => server.close(() => r())) };
}

export interface GatewayRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  at: number;
}

/** How the gateway answers a number: ok, refuse (400), fail (503), or hang past the client's time-out `times` times first. */
export type GatewayBehaviour = { kind: 'ok' } | { kind: 'refuse' } | { kind: 'fail' } | { kind: 'hang'; times: number; ms: number } | { kind: 'slow'; ms: number };

export async function startGateway(): Promise<{
  url: string; requests: GatewayRequest[]; accepted: Map<string, GatewayRequest>; behaviour: Map<string, GatewayBehaviour>; close(): Promise<void>;
}> {
  const requests: GatewayRequest[] = [];
  /** By de-duplication key: what the gateway really sent on (a repeat is dropped with 409). */
  const accepted = new Map<string, GatewayRequest>();
  const behaviour = new Map<string, GatewayBehaviour>();
  const hangs = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const r: GatewayRequest = { path: req.url ?? '', headers: req.headers, body, at: Date.now() };
      requests.push(r);
      const to = String(body.to ?? body.phone ?? body.Phone ?? '');
      const key = String(req.headers['idempotency-key'] ?? body.tracking_id ?? body.RequestId ?? '');
      const b = behaviour.get(to) ?? { kind: 'ok' };
      const answer = () => {
        if (b.kind === 'refuse') return json(res, 400, { error: 'number not reachable' });
        if (b.kind === 'fail') return json(res, 503, { error: 'gateway busy' });
        if (accepted.has(key)) return json(res, 409, { id: `gw-${key}`, error: 'duplicate' });
        accepted.set(key, r);
        if (body.tracking_id !== undefined) return json(res, 200, { error: 0, message: 'Success', data: { msg_id: `zns-${key}` } });
        if (body.RequestId !== undefined) return json(res, 200, { CodeResult: '100', SMSID: `esms-${key}` });
        return json(res, 200, { id: `gw-${key}` });
      };
      if (b.kind === 'hang') {
        const n = hangs.get(key) ?? 0;
        if (n < b.times) {
          hangs.set(key, n + 1);
          // Takes the message, then answers too late: the client times out not knowing.
          if (!accepted.has(key)) accepted.set(key, r);
          setTimeout(() => json(res, 200, { id: `gw-${key}` }), b.ms);
          return;
        }
      }
      if (b.kind === 'slow') return void setTimeout(answer, b.ms);
      answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/send`, requests, accepted, behaviour,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A browser's push subscription whose private key the test holds. */
export interface TestSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ReturnType<typeof createECDH>;
  authSecret: Buffer;
}

export interface ReceivedPush {
  subscription: string;
  payload: Record<string, unknown>;
  topic?: string;
  urgency?: string;
  ttl?: string;
  jwt: { aud: string; exp: number; sub: string };
  at: number;
}

const b64u = (b: Buffer) => b.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 + RFC 8188 (aes128gcm), one record: the user agent's side. */
export function decryptPush(body: Buffer, sub: TestSubscription): Buffer {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  if (ciphertext.length > rs) throw new Error('more than one record');
  const uaPublic = sub.ecdh.getPublicKey();
  const ecdhSecret = sub.ecdh.computeSecret(asPublic);
  const prkKey = hmac(sub.authSecret, ecdhSecret);
  const ikm = hmac(prkKey, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>`: ES256 over the JWT with key k, aud = the endpoint's origin, exp ahead. */
export function verifyVapid(header: string | undefined, origin: string, expectedKey: string): ReceivedPush['jwt'] {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error(`no vapid authorization: ${header}`);
  const [, jwt, k] = m;
  if (k !== expectedKey) throw new Error('k is not the server key');
  const [h, p, s] = jwt.split('.');
  const pub = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33, 65)) }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) throw new Error('bad VAPID signature');
  const jose = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string };
  if (jose.alg !== 'ES256') throw new Error('not ES256');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as ReceivedPush['jwt'];
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud} is not ${origin}`);
  if (claims.exp * 1000 < Date.now() || claims.exp * 1000 > Date.now() + 24 * 3600_000 + 60_000) throw new Error('exp out of range');
  return claims;
}

export async function startPushService(vapidPublicKey: string): Promise<{
  subscribe(): TestSubscription; received: ReceivedPush[]; failures: string[]; gone: Set<string>; close(): Promise<void>;
}> {
  const subs = new Map<string, TestSubscription>();
  const received: ReceivedPush[] = [];
  const failures: string[] = [];
  const gone = new Set<string>();
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = (req.url ?? '').split('/').pop()!;
      const sub = subs.get(id);
      if (!sub || gone.has(id)) {
        res.writeHead(410).end();
        return;
      }
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${req.headers['content-encoding']}`);
        const jwt = verifyVapid(req.headers.authorization, origin, vapidPublicKey);
        const payload = JSON.parse(decryptPush(Buffer.concat(chunks), sub).toString('utf8')) as Record<string, unknown>;
        received.push({ subscription: id, payload, topic: req.headers.topic as string | undefined, urgency: req.headers.urgency as string | undefined, ttl: req.headers.ttl as string | undefined, jwt, at: Date.now() });
        res.writeHead(201, { location: `${origin}/messages/${received.length}` }).end();
      } catch (e) {
        failures.push((e as Error).message);
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const id = randomBytes(8).toString('hex');
      const sub = { id, endpoint: `${origin}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(authSecret) }, ecdh, authSecret };
      subs.set(id, sub);
      return sub;
    },
    received, failures, gone,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
