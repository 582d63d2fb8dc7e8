import nodemailer, { type Transporter } from 'nodemailer';
import { ChannelAdapter, ChannelError, OutgoingMessage, SendResult } from './channel';

/**
 * E-mail over SMTP (nodemailer, pooled). The Message-ID derives from the de-duplication key, so
 * mail clients fold a repeat into one message; SMTP servers themselves do not drop repeats, so
 * `dropsRepeats` is false and a send interrupted after DATA is not tried again (see README).
 */
export class EmailChannel implements ChannelAdapter {
  readonly channel = 'email' as const;
  readonly provider = 'smtp';
  readonly dropsRepeats = false;
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string, timeoutMs: number, private readonly domain = 'baove.local') {
    this.transport = nodemailer.createTransport({
      url, pool: true, maxConnections: 5, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
    });
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from, to: String(m.to), subject: m.subject, text: m.text,
        messageId: `<${m.dedupeKey}@${this.domain}>`,
        headers: { 'X-Baove-Dedupe-Key': m.dedupeKey, ...(m.urgent ? { Importance: 'high', 'X-Priority': '1' } : {}) },
      });
      return { providerId: info.messageId ?? null };
    } catch (e) {
      throw classify(e as Error & { code?: string; responseCode?: number; command?: string });
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** An SMTP failure: the server's answer decides; a connection that never reached DATA sent nothing. */
function classify(e: Error & { code?: string; responseCode?: number; command?: string }): ChannelError {
  if (e.responseCode !== undefined) {
    // 4xx: try later; 5xx: refused for good. Either way the server said it did not take the message.
    return new ChannelError(`smtp ${e.responseCode}: ${e.message}`, e.responseCode < 500, false);
  }
  const beforeData = ['ECONNREFUSED', 'ECONNECTION', 'EDNS', 'EAUTH', 'ETLS', 'EENVELOPE'].includes(e.code ?? '') || (e.command !== undefined && e.command !== 'DATA');
  return new ChannelError(`smtp ${e.code ?? 'error'}: ${e.message}`, true, !beforeData);
}
