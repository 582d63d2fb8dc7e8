import { createHash } from 'node:crypto';
import webpush from 'web-push';
import { ChannelAdapter, ChannelError, OutgoingMessage, PushTarget, SendResult } from './channel';

/**
 * Web Push (RFC 8030/8291/8292) with VAPID: the payload (the console's contract) is encrypted
 * aes128gcm for the subscription's keys. A repeat collapses: the `Topic` header (from the
 * de-duplication key) replaces an undelivered copy at the push service, and the notification's
 * `tag` replaces a shown one on the device — so an unknown outcome may be sent again.
 */
export class PushChannel implements ChannelAdapter {
  readonly channel = 'push' as const;
  readonly provider = 'webpush';
  readonly dropsRepeats = true;
  constructor(private readonly vapid: { publicKey: string; privateKey: string; subject: string }, private readonly timeoutMs: number) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const target = m.to as PushTarget;
    const details = webpush.generateRequestDetails(target, JSON.stringify(m.push), {
      vapidDetails: this.vapid, TTL: m.urgent ? 24 * 3600 : 4 * 3600, contentEncoding: 'aes128gcm',
      topic: createHash('sha256').update(m.dedupeKey).digest('base64url').slice(0, 32), urgency: m.urgent ? 'high' : 'normal',
    });
    let res: Response;
    try {
      res = await fetch(details.endpoint, { method: details.method, headers: details.headers as Record<string, string>, body: details.body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      throw new ChannelError(err.name === 'TimeoutError' ? 'time-out' : err.cause?.code ?? err.message, true, err.cause?.code !== 'ECONNREFUSED');
    }
    if (res.status >= 200 && res.status < 300) return { providerId: res.headers.get('location') };
    // 404/410: the subscription is gone (the caller forgets it); 429/5xx: later; other 4xx: refused.
    throw new ChannelError(`push ${res.status}`, res.status === 429 || res.status >= 500, false);
  }
}

export function subscriptionGone(e: unknown): boolean {
  return e instanceof ChannelError && /^push (404|410)$/.test(e.message);
}
