import type { FieldSpec } from './contract';
import { events } from './abuse-intervention/v1/events';
import { isCalendarDate, isFormEvent, sectionsOf } from './forms';

const text = (key: string, section?: { vi: string; en: string }, optional = true): FieldSpec =>
  ({ key, kind: 'text', maxLength: 10, labelVi: key, labelEn: key, optional, ...(section ? { section } : {}) });
const A = { vi: 'Phần A', en: 'Part A' };
const B = { vi: 'Phần B', en: 'Part B' };

describe('official form layout of an event’s fields', () => {
  it('groups consecutive fields under their heading, in the contract’s order', () => {
    const groups = sectionsOf([text('a', undefined, false), text('b', A), text('c', A), text('d', B), text('e'), text('f', A)]);
    expect(groups.map((g) => [g.section?.vi ?? null, g.fields.map((f) => f.key), g.optional])).toEqual([
      [null, ['a'], false],
      ['Phần A', ['b', 'c'], true],
      ['Phần B', ['d'], true],
      [null, ['e'], true],
      ['Phần A', ['f'], true],
    ]);
  });

  it('a group with one required field is not optional', () => {
    expect(sectionsOf([text('a', A), text('b', A, false)])[0].optional).toBe(false);
    expect(sectionsOf([])).toEqual([]);
  });

  it('Mẫu 02’s ratings sit under the decree’s two headings; the initial assessment is a form event, assignment is not', () => {
    const groups = sectionsOf(events.RECORD_INITIAL_ASSESSMENT.fields);
    const harm = groups.find((g) => g.section?.vi === 'Đánh giá mức độ tổn hại của trẻ em');
    expect(harm?.fields.map((f) => f.key)).toEqual(['harmSeverity', 'abuserAccess', 'careObstacles']);
    expect(groups[0]).toMatchObject({ section: null, optional: false });
    expect(isFormEvent(events.RECORD_INITIAL_ASSESSMENT.fields)).toBe(true);
    expect(isFormEvent(events.ASSIGN.fields)).toBe(false);
  });

  it('knows a real calendar date from a malformed or impossible one', () => {
    for (const ok of ['2026-02-28', '2024-02-29', '2026-12-31', '2000-02-29']) expect([ok, isCalendarDate(ok)]).toEqual([ok, true]);
    for (const bad of ['2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26/11/2026', '2026-1-5', '', '2026-11-26T00:00'])
      expect([bad, isCalendarDate(bad)]).toEqual([bad, false]);
  });
});
