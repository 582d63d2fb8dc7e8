/**
 * The API's field messages (class-validator's English, or our "Tiếng Việt / English" pairs) in
 * the user's language and plain words.
 */
import type { FieldSpec } from '../../workflows/contract';
import { isCalendarDate } from '../../workflows/forms';
import type { I18n } from './i18n';

const PATTERNS: Array<[RegExp, (m: RegExpExecArray, i: I18n) => string]> = [
  [/must be one of the following values|must be a UUID|should not be null or undefined/, (_, i) => i.t('v.choose')],
  [/must be longer than or equal to (\d+) characters/, (m, i) => (m[1] === '1' ? i.t('v.required') : i.t('v.minLength', { n: Number(m[1]) }))],
  [/must be shorter than or equal to (\d+) characters/, (m, i) => i.t('v.maxLength', { n: Number(m[1]) })],
  [/must be a string|should not be empty/, (_, i) => i.t('v.required')],
  [/must be a phone number/, (_, i) => i.t('v.phone')],
  [/must be YYYY-MM-DD|dateOfBirth must be a valid ISO 8601/, (_, i) => i.t('v.dateOnly')],
  [/must be a valid ISO 8601 date string/, (_, i) => i.t('v.date')],
  [/must be a boolean value/, (_, i) => i.t('v.boolean')],
  [/must contain at least (\d+) elements?/, (m, i) => i.t('v.minItems', { n: Number(m[1]) })],
  [/must contain no more than (\d+) elements?/, (m, i) => i.t('v.maxItems', { n: Number(m[1]) })],
  [/must not be less than (-?\d+)/, (m, i) => i.t('v.min', { n: Number(m[1]) })],
  [/must not be greater than (-?\d+)/, (m, i) => i.t('v.max', { n: Number(m[1]) })],
  [/must be an integer number/, (_, i) => i.t('v.integer')],
  [/elements must be unique/, (_, i) => i.t('v.unique')],
];

export function explainField(message: string, i18n: I18n): string {
  if (message.includes(' / ')) return i18n.serverText(message);
  if (i18n.lang === 'en') return message;
  for (const [re, say] of PATTERNS) {
    const m = re.exec(message);
    if (m) return say(m, i18n);
  }
  return message;
}

/** Each field's messages, explained and without repeats. */
export function explainFields(fields: Record<string, string[]>, i18n: I18n): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fields)) out[path] = [...new Set(messages.map((m) => explainField(m, i18n)))];
  return out;
}

/**
 * Checked before sending: the `date` fields (top level and inside records) holding something that
 * is no real day ("2026-02-30"), by field path (`data.meetingOn`, `data.x.0.on`). An empty optional
 * date is simply left out; the API checks the rest and says so in both languages.
 */
export function invalidDates(fields: readonly FieldSpec[], values: Record<string, unknown>, i18n: I18n, prefix = 'data'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    const value = values[f.key];
    if (f.kind === 'date' && typeof value === 'string' && value.trim() !== '' && !isCalendarDate(value.trim())) {
      out[`${prefix}.${f.key}`] = [i18n.t('v.dateOnly')];
    }
    if (f.kind === 'records' && Array.isArray(value)) {
      value.forEach((r, i) => Object.assign(out, invalidDates(f.fields, r as Record<string, unknown>, i18n, `${prefix}.${f.key}.${i}`)));
    }
  }
  return out;
}
