/**
 * Dates and times, always in Vietnam's time zone (Asia/Ho_Chi_Minh, UTC+7 all year), whatever
 * the device's own setting: deadlines are legal and local.
 */
import type { Lang } from './i18n';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3_600_000;

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
/** 24/11/2026: day first, the full year, in both languages. */
const DAY = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, ...DAY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  // A bare date (YYYY-MM-DD) is a calendar day, not an instant: format it as written.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00+07:00`) : new Date(iso);
  return new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, ...DAY }).format(d);
}

export function formatNumber(n: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(n);
}

/** The value for an `<input type="datetime-local">`, in Vietnam time. */
export function toLocalInput(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** An `<input type="datetime-local">` value read as Vietnam time, as an ISO instant; null if empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(`${value.length === 16 ? `${value}:00` : value}+07:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Today's date in Vietnam (YYYY-MM-DD), e.g. the `max` of a birth date. */
export function todayLocal(now = new Date()): string {
  return toLocalInput(now).slice(0, 10);
}

/** Parts of a duration, largest two units: [[2, 'day'], [3, 'hour']]. */
export function durationParts(ms: number): Array<[number, 'day' | 'hour' | 'minute']> {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? [[days, 'day'], [hours, 'hour']] : [[days, 'day']];
  if (hours > 0) return mins > 0 ? [[hours, 'hour'], [mins, 'minute']] : [[hours, 'hour']];
  return [[mins, 'minute']];
}

/**
 * A deadline's legal basis as the chosen language reads it: the workflows mark a product default
 * with an English note ("product default, configurable; confirm locally"), said in Vietnamese here.
 */
export function legalBasisText(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text.replace(/\(product default, configurable; confirm locally\)/g, '(mức mặc định của hệ thống, cấu hình được; cần địa phương xác nhận)');
}
