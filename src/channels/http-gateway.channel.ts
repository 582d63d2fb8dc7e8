import type { HttpChannelConfig } from '../config/config';
import { ChannelAdapter, ChannelError, ChannelName, DeliveryReport, OutgoingMessage, SendResult } from './channel';

/** POSTs JSON; a time-out or a lost answer may have been accepted (`maybeSent`). */
async function postJson(url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<{ status: number; json: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    // Refused before anything was written: certainly not sent. Anything else: the request may have arrived.
    const refused = err.cause?.code === 'ECONNREFUSED' || err.cause?.code === 'ENOTFOUND';
    throw new ChannelError(`${err.name === 'TimeoutError' ? 'time-out' : err.cause?.code ?? err.message}`, true, !refused);
  }
  const text = await res.text().catch(() => '');
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the status decides.
  }
  return { status: res.status, json };
}

function statusError(status: number, detail: string): ChannelError {
  // 429 and 5xx: try later (the provider did not take it); other 4xx: refused for good.
  return new ChannelError(`http ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}`, status === 429 || status >= 500, false);
}

/**
 * The generic HTTP/JSON gateway (SMS or Zalo), documented in src/channels/README.md:
 * `POST <url>` with `Authorization: Bearer <token>` and `Idempotency-Key: <dedupeKey>`, body
 * `{"channel","to","text","dedupeKey","urgent"}`; 2xx with `{"id"}` is accepted, 409 means the
 * key was already accepted (not sent again). The gateway must drop a repeated key: that is what
 * lets a send of unknown outcome be tried again.
 */
export class GatewayChannel implements ChannelAdapter {
  readonly provider = 'http';
  readonly dropsRepeats = true;
  constructor(readonly channel: ChannelName, private readonly cfg: HttpChannelConfig, private readonly timeoutMs: number) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const { status, json } = await postJson(this.cfg.url, { authorization: `Bearer ${this.cfg.token}`, 'idempotency-key': m.dedupeKey },
      { channel: this.channel, to: m.to, text: m.text, dedupeKey: m.dedupeKey, urgent: m.urgent }, this.timeoutMs);
    if ((status >= 200 && status < 300) || status === 409) return { providerId: typeof json.id === 'string' ? json.id : null };
    throw statusError(status, typeof json.error === 'string' ? json.error : '');
  }

  /** `{"dedupeKey"?, "id"?, "status": "delivered" | "failed", "error"?}`, or an array of them. */
  parseReports(body: unknown): DeliveryReport[] {
    return (Array.isArray(body) ? body : [body]).flatMap((r: Record<string, unknown>) => {
      if (!r || typeof r !== 'object' || (r.status !== 'delivered' && r.status !== 'failed')) return [];
      return [{
        dedupeKey: typeof r.dedupeKey === 'string' ? r.dedupeKey : undefined, providerId: typeof r.id === 'string' ? r.id : undefined,
        delivered: r.status === 'delivered', error: typeof r.error === 'string' ? r.error.slice(0, 500) : undefined,
      }];
    });
  }
}

/**
 * In the shape of a Vietnamese brand-name SMS API (as eSMS.vn's JSON send): `ApiKey`,
 * `SecretKey`, `Brandname`, `Phone` (0xxxxxxxxx), `Content`, `SmsType` 2 (customer care),
 * `IsUnicode` 0 (texts are sent without diacritics, GSM-7) and our key as `RequestId`; the answer
 * `CodeResult` "100" is accepted with `SMSID`. Whether a provider drops a repeated RequestId is
 * its contract, not ours to assume: `dropsRepeats` is false, so an unknown outcome is not resent.
 * Delivery reports: `{"SMSID","SendStatus"}` (5 delivered; other final codes failed).
 */
export class BrandnameSmsChannel implements ChannelAdapter {
  readonly channel = 'sms' as const;
  readonly provider = 'brandname';
  readonly dropsRepeats = false;
  constructor(private readonly cfg: HttpChannelConfig, private readonly timeoutMs: number) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const phone = String(m.to).replace(/^\+84/, '0');
    const { status, json } = await postJson(this.cfg.url, {}, {
      ApiKey: this.cfg.token, SecretKey: this.cfg.secret, Brandname: this.cfg.sender, Phone: phone, Content: m.text,
      SmsType: '2', IsUnicode: '0', RequestId: m.dedupeKey,
    }, this.timeoutMs);
    if (status !== 200) throw statusError(status, '');
    if (String(json.CodeResult) === '100') return { providerId: json.SMSID === undefined ? null : String(json.SMSID) };
    // 99: the provider's unknown error, try later; other codes (auth, balance, brand name, number): refused.
    throw new ChannelError(`brandname CodeResult ${String(json.CodeResult)}: ${String(json.ErrorMessage ?? '')}`.slice(0, 300), String(json.CodeResult) === '99', false);
  }

  parseReports(body: unknown): DeliveryReport[] {
    return (Array.isArray(body) ? body : [body]).flatMap((r: Record<string, unknown>) => {
      if (!r || typeof r !== 'object' || r.SMSID === undefined || r.SendStatus === undefined) return [];
      const delivered = String(r.SendStatus) === '5';
      return [{ providerId: String(r.SMSID), delivered, error: delivered ? undefined : `SendStatus ${String(r.SendStatus)}` }];
    });
  }
}

/**
 * Zalo Notification Service (ZNS): `POST <url>` (https://business.openapi.zalo.me/message/template)
 * with header `access_token`, body `{"phone":"84…","template_id","template_data":{"code","text"},
 * "tracking_id":<dedupeKey>}`; `error` 0 is accepted with `data.msg_id`. ZNS echoes tracking_id in
 * its webhooks but is not documented to drop a repeat: `dropsRepeats` is false. Delivery reports:
 * the `user_received_message` webhook (`message.msg_id`, `message.tracking_id`).
 */
export class ZnsChannel implements ChannelAdapter {
  readonly channel = 'zalo' as const;
  readonly provider = 'zns';
  readonly dropsRepeats = false;
  constructor(private readonly cfg: HttpChannelConfig, private readonly timeoutMs: number) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const phone = String(m.to).replace(/^\+/, '');
    const { status, json } = await postJson(this.cfg.url, { access_token: this.cfg.token }, {
      phone, template_id: this.cfg.sender, template_data: { text: m.text.slice(0, 400) }, tracking_id: m.dedupeKey,
    }, this.timeoutMs);
    if (status !== 200) throw statusError(status, '');
    const code = Number(json.error);
    if (code === 0) {
      const data = (json.data ?? {}) as Record<string, unknown>;
      return { providerId: data.msg_id === undefined ? null : String(data.msg_id) };
    }
    // ZNS answers 200 with a negative error code; its quota and rate limits are worth retrying later.
    throw new ChannelError(`zns error ${String(json.error)}: ${String(json.message ?? '')}`.slice(0, 300), code === -32 || code === -1, false);
  }

  parseReports(body: unknown): DeliveryReport[] {
    const r = body as { event_name?: string; message?: { msg_id?: string; tracking_id?: string } };
    if (!r || r.event_name !== 'user_received_message' || !r.message) return [];
    return [{ providerId: r.message.msg_id, dedupeKey: r.message.tracking_id, delivered: true }];
  }
}
