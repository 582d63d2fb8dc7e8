/**
 * How an event's fields are laid out as an official form (NĐ 56/2017/NĐ-CP Phụ lục): grouped under
 * their section headings, in the contract's order. Pure and dependency-free, like `contract.ts`: the
 * console's step forms and its timeline use it as it is, and so can a printed form.
 */
import type { FieldSpec } from './contract';

/** A run of consecutive fields under one heading (`section` null: fields with no heading). */
export interface FieldGroup {
  section: { vi: string; en: string } | null;
  fields: FieldSpec[];
  /** Every field of the group may be left out. */
  optional: boolean;
}

/**
 * The fields grouped as the contract declares them: consecutive fields with the same heading share
 * a group; a heading met again after others starts a new group (the contract's order is the form's).
 */
export function sectionsOf(fields: readonly FieldSpec[]): FieldGroup[] {
  const groups: FieldGroup[] = [];
  for (const f of fields) {
    const section = f.section ?? null;
    const last = groups[groups.length - 1];
    if (last && sameSection(last.section, section)) {
      last.fields.push(f);
      last.optional &&= !!f.optional;
    } else {
      groups.push({ section, fields: [f], optional: !!f.optional });
    }
  }
  return groups;
}

function sameSection(a: FieldGroup['section'], b: FieldGroup['section']): boolean {
  return a === null || b === null ? a === b : a.vi === b.vi && a.en === b.en;
}

/**
 * An event is an official form's record when some of its fields carry a form section: its optional
 * fields are then the rest of the form, which a quick entry may leave for later.
 */
export function isFormEvent(fields: readonly FieldSpec[]): boolean {
  return fields.some((f) => f.section !== undefined);
}

/** `YYYY-MM-DD` naming a day that exists in the calendar (no 30 February, no 2026-13-01). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}
