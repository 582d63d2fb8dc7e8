import type { ChannelName } from '../channels/channel';
import { DEFAULT_CHANNELS, isUrgent, kindOf } from '../notifications/kinds';
import type { RecipientRow } from '../notifications/deliveries.repository';

/** Vietnam keeps one offset all year (UTC+7, no daylight saving). */
const VN_OFFSET_MIN = 7 * 60;

/** The channels a notification goes on, in order, and their addresses. */
export interface ChannelPlan {
  urgent: boolean;
  /** Urgent: every one at once. Otherwise: the first, then the next when one fails for good. */
  channels: Array<{ channel: ChannelName; address: string }>;
}

/**
 * Urgent notifications go on every channel the person has (verified contacts, push subscriptions)
 * that this installation has a provider for, whatever they chose; others on the channels chosen
 * for their kind (default push, then e-mail), in that order, among those.
 */
export function planFor(r: RecipientRow, configured: readonly ChannelName[]): ChannelPlan {
  const address = (c: ChannelName): string | null => {
    if (!configured.includes(c)) return null;
    if (c === 'email') return r.email;
    if (c === 'sms' || c === 'zalo') return r.phone;
    return r.push.length ? r.push.map((p) => p.id).join(',') : null;
  };
  const urgent = isUrgent(r.template, r.payload);
  const wanted = urgent ? (['push', 'sms', 'zalo', 'email'] as ChannelName[]) : ((r.channels[kindOf(r.template)] ?? DEFAULT_CHANNELS) as ChannelName[]);
  const channels = wanted.flatMap((channel) => {
    const a = address(channel);
    return a ? [{ channel, address: a }] : [];
  });
  return { urgent, channels };
}

/**
 * When a non-urgent message may go: now, or the end of the recipient's quiet hours (local time,
 * minutes after midnight; a window may span midnight). Urgent ones never wait.
 */
export function notBefore(now: Date, quiet: { start: number | null; end: number | null }, urgent: boolean): Date {
  if (urgent || quiet.start === null || quiet.end === null || quiet.start === quiet.end) return now;
  const local = Math.floor((now.getTime() / 60_000 + VN_OFFSET_MIN) % 1440);
  const inside = quiet.start < quiet.end ? local >= quiet.start && local < quiet.end : local >= quiet.start || local < quiet.end;
  if (!inside) return now;
  const wait = (quiet.end - local + 1440) % 1440;
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(minuteStart + wait * 60_000);
}

/** The local (Vietnam) calendar day of an instant, its start, and the instants `days` later. */
export function localDay(now: Date): { day: string; start: Date; plusDays: (days: number) => Date } {
  const shifted = new Date(now.getTime() + VN_OFFSET_MIN * 60_000);
  const day = shifted.toISOString().slice(0, 10);
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MIN * 60_000);
  return { day, start, plusDays: (days) => new Date(start.getTime() + days * 86_400_000) };
}
