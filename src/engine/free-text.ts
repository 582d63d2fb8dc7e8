/**
 * The free text of an event's data, derived from the workflow's declared fields: every `text` and
 * `lines` field, in `records` too (notes, assessments, findings, plan goals and actions, review
 * notes, closure and refusal reasons, outcome notes…). Choices, dates, numbers, flags and ids are
 * not free text: they stay clear, so queries and statistics still read them. Anonymisation removes
 * exactly these members (src/retention/); field encryption seals exactly these (README "Data protection").
 */
import type { FieldSpec } from '../../workflows/contract';
import type { FieldCipher } from '../crypto/field-cipher';

/** Whether a field holds free text (a `records` field holds some when one of its own fields does). */
export const isFreeText = (f: FieldSpec): boolean => f.kind === 'text' || f.kind === 'lines';

/** The declared list: the dotted paths of the free-text members of data with these fields (`actions.instructions`). */
export function freeTextPaths(fields: readonly FieldSpec[], prefix = ''): string[] {
  return fields.flatMap((f) => (isFreeText(f) ? [`${prefix}${f.key}`] : f.kind === 'records' ? freeTextPaths(f.fields, `${prefix}${f.key}.`) : []));
}

/**
 * `data` (a copy) with its free text sealed, each member for `${purpose}.${path}` (a list's lines,
 * and each record's members, under their field's path): what `FieldCipher.openDeep(data, purpose)` opens.
 */
export async function sealFreeText(cipher: FieldCipher, data: Record<string, unknown>, fields: readonly FieldSpec[], purpose: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...data };
  for (const f of fields) {
    const v = out[f.key];
    const p = `${purpose}.${f.key}`;
    if (f.kind === 'text' && typeof v === 'string') out[f.key] = await cipher.sealOnce(v, p);
    else if (f.kind === 'lines' && Array.isArray(v)) out[f.key] = await Promise.all(v.map((l) => (typeof l === 'string' ? cipher.sealOnce(l, p) : l)));
    else if (f.kind === 'records' && Array.isArray(v)) {
      out[f.key] = await Promise.all(v.map((r) => (r && typeof r === 'object' ? sealFreeText(cipher, r as Record<string, unknown>, f.fields, p) : r)));
    }
  }
  return out;
}

/**
 * `value` (a copy) without the members at the dotted `paths` (a list met on the way walked item by
 * item, as `FieldCipher.sealPaths` walks them): what anonymisation keeps of a workflow context.
 */
export function withoutPaths<T>(value: T, paths: readonly string[]): T {
  return paths.reduce<unknown>((v, path) => withoutPath(v, path.split('.')), value) as T;
}

function withoutPath(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutPath(v, keys));
  if (value === null || typeof value !== 'object' || keys.length === 0) return value;
  const [key, ...rest] = keys;
  const obj = value as Record<string, unknown>;
  if (!(key in obj)) return obj;
  if (rest.length === 0) return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
  return { ...obj, [key]: withoutPath(obj[key], rest) };
}

/** An event's data without its free text (`isFreeText` fields, in records too): what anonymisation keeps. */
export function withoutFreeText(data: Record<string, unknown>, fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const f of fields) {
    if (!(f.key in out)) continue;
    if (isFreeText(f)) delete out[f.key];
    else if (f.kind === 'records' && Array.isArray(out[f.key])) {
      out[f.key] = (out[f.key] as Array<Record<string, unknown>>).map((r) => withoutFreeText(r, f.fields));
    }
  }
  return out;
}
