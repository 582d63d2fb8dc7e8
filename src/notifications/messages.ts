import type { ChannelName, PushPayload } from '../channels/channel';
import { render } from './templates';

/** What a notification's messages are made of: the template and its payload (a case code, never a child). */
export interface MessageSource {
  notificationId: string;
  template: string;
  payload: Record<string, unknown>;
  caseId: string | null;
  urgent: boolean;
}

export interface ComposedMessage {
  subject: string;
  text: string;
  push?: PushPayload;
}

/** One GSM-7 SMS segment. */
export const SMS_SEGMENT = 160;

/**
 * Vietnamese without diacritics, in the GSM-7 basic alphabet: decomposed letters lose their marks,
 * đ/Đ become d/D, dashes and quotes become ASCII, and anything else outside printable ASCII
 * (and the GSM-7 extension characters, which cost two) becomes a space. So an SMS costs one
 * segment per 160 characters instead of UCS-2's 70.
 */
export function gsm7(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[\u2013\u2014]/g, '-').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\x20-\x7e\n]|[[\]{}\\^~|`]/g, ' ').replace(/ {2,}/g, ' ');
}

/** The console paths of a notification: what it is about, and the acknowledgement page when urgent. */
export function links(s: MessageSource): { url: string; ackUrl?: string } {
  const ack = typeof s.payload.ackToken === 'string' ? `/ack/${s.payload.ackToken}` : undefined;
  return { url: s.caseId ? `/cases/${s.caseId}` : '/notifications', ...(ack ? { ackUrl: ack } : {}) };
}

/**
 * A notification's text for one channel, in the recipient's language. Templates name a case by
 * its code only; nothing of the child, their address or the reporter is in any payload.
 */
export function compose(s: MessageSource, lang: 'vi' | 'en', channel: ChannelName, publicUrl: string): ComposedMessage {
  const text = render(s.template, s.payload, lang);
  const { url, ackUrl } = links(s);
  const target = `${publicUrl}${ackUrl ?? url}`;
  const ackLine = ackUrl ? (lang === 'vi' ? `Xác nhận đã nhận: ${target}` : `Acknowledge: ${target}`) : target;
  const subject = `[baove] ${text}`.slice(0, 200);
  if (channel === 'sms' || channel === 'zalo') return { subject, text: sms(text, target) };
  if (channel === 'push') {
    return { subject, text, push: { title: s.urgent ? (lang === 'vi' ? 'baove — KHẨN' : 'baove — URGENT') : 'baove', body: text, url, tag: s.notificationId, urgent: s.urgent, ...(ackUrl ? { ackUrl } : {}) } };
  }
  const footer = lang === 'vi'
    ? 'Thư tự động của baove. Thông tin về trẻ chỉ xem được trong hệ thống, sau khi đăng nhập.'
    : 'An automatic message from baove. Details of the child are only in the system, after signing in.';
  return { subject, text: `${text}\n\n${ackLine}\n\n${footer}\n` };
}

/** `baove: <text> <link>` folded to GSM-7 and cut to one segment (the link is kept whole). */
export function sms(text: string, link: string): string {
  const head = 'baove: ';
  const room = SMS_SEGMENT - head.length - 1 - link.length;
  let body = gsm7(text).trim();
  if (body.length > room) body = body.slice(0, Math.max(0, room - 3)).trimEnd() + '...';
  return `${head}${body} ${link}`;
}
