/**
 * A child's fields as intake and the registry take them (Mẫu số 01; the national child
 * information system), in collapsible sections: identity, residence, school, parents, carer,
 * household, siblings. A section with a field to fix opens by itself.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ChildDescription, ChildRecord } from '../api/types';
import { todayLocal } from '../format';
import { useI18n, type I18n } from '../i18n';
import { ETHNICITIES, POVERTY_LEVELS, SEXES } from '../labels';
import type { MessageKey } from '../messages';
import { CommuneSelect } from './CommuneSelect';
import { RadioGroup, Select, TextArea, TextInput, type FieldErrors } from './fields';

const blankParent = () => ({ fullName: '', birthYear: '', occupation: '', phone: '' });
const blankSibling = () => ({ fullName: '', birthYear: '', sex: '' });

export function blankChild() {
  return {
    fullName: '', otherNames: '', sex: '', dateOfBirth: '', approxAgeYears: '', personalId: '', ethnicity: '',
    residenceCommuneCode: '', village: '', currentAddress: '', school: '', schoolClass: '',
    father: blankParent(), mother: blankParent(),
    carer: { fullName: '', relation: '', phone: '', address: '' },
    household: { headName: '', members: '', poverty: '', notes: '' },
    siblings: [] as Array<ReturnType<typeof blankSibling>>,
  };
}
export type ChildDraft = ReturnType<typeof blankChild>;
type Parent = ChildDraft['father'];
type Sibling = ChildDraft['siblings'][number];

/**
 * A request's child: the registry's fields, where a correction clears a field with null (a part —
 * a parent, the carer, the household — is replaced whole, or cleared).
 */
export type ChildBody = { [K in keyof ChildDescription]?: ChildDescription[K] | null };

const text = (v: string | null | undefined) => v ?? '';
const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** The form's values from a record (to edit it). */
export function childDraftFrom(c: ChildRecord): ChildDraft {
  const parent = (p: ChildRecord['father']): Parent => ({
    fullName: text(p?.fullName), birthYear: num(p?.birthYear), occupation: text(p?.occupation), phone: text(p?.phone),
  });
  return {
    fullName: text(c.fullName), otherNames: (c.otherNames ?? []).join(', '), sex: c.sex, dateOfBirth: text(c.dateOfBirth),
    approxAgeYears: num(c.approxAgeYears), personalId: text(c.personalId), ethnicity: text(c.ethnicity),
    residenceCommuneCode: text(c.residenceCommuneCode), village: text(c.village), currentAddress: text(c.currentAddress),
    school: text(c.school), schoolClass: text(c.schoolClass), father: parent(c.father), mother: parent(c.mother),
    carer: { fullName: text(c.carer?.fullName), relation: text(c.carer?.relation), phone: text(c.carer?.phone), address: text(c.carer?.address) },
    household: {
      headName: text(c.household?.headName), members: num(c.household?.members), poverty: text(c.household?.poverty), notes: text(c.household?.notes),
    },
    siblings: (c.siblings ?? []).map((s) => ({ fullName: text(s.fullName), birthYear: num(s.birthYear), sex: text(s.sex) })),
  };
}

/**
 * The request's child: what the user typed, for the API to judge (a number field that is not a
 * number is sent as typed; a choice is one the form offered). `create` leaves empty fields out;
 * `update` sends them as null, which clears them.
 */
export function childBody(d: ChildDraft, mode: 'create' | 'update'): ChildBody {
  const empty = mode === 'create' ? undefined : null;
  /** Inside a part (replaced whole) an empty field is simply left out. */
  const text = (v: string) => (v.trim() ? v.trim() : undefined);
  const int = (v: string) => {
    const s = v.trim();
    if (!s) return undefined;
    return (Number.isInteger(Number(s)) ? Number(s) : s) as number;
  };
  const part = <T extends object>(o: T): T | null | undefined => (Object.values(o).some((v) => v !== undefined) ? o : empty);
  const field = <T,>(v: T | undefined): T | null | undefined => v ?? empty;
  const choice = <T extends string>(v: string) => (v ? (v as T) : undefined);
  const parent = (p: Parent) => part({ fullName: text(p.fullName), birthYear: int(p.birthYear), occupation: text(p.occupation), phone: text(p.phone) });
  return {
    fullName: field(text(d.fullName)),
    otherNames: d.otherNames.split(',').map((n) => n.trim()).filter(Boolean),
    sex: choice<ChildDescription['sex']>(d.sex),
    dateOfBirth: field(text(d.dateOfBirth)),
    approxAgeYears: field(int(d.approxAgeYears)),
    personalId: field(text(d.personalId.replace(/\s/g, ''))),
    ethnicity: field(choice<NonNullable<ChildDescription['ethnicity']>>(d.ethnicity)),
    residenceCommuneCode: field(text(d.residenceCommuneCode)),
    village: field(text(d.village)),
    currentAddress: field(text(d.currentAddress)),
    school: field(text(d.school)),
    schoolClass: field(text(d.schoolClass)),
    father: parent(d.father),
    mother: parent(d.mother),
    carer: part({ fullName: text(d.carer.fullName), relation: text(d.carer.relation), phone: text(d.carer.phone), address: text(d.carer.address) }),
    household: part({
      headName: text(d.household.headName), members: int(d.household.members),
      poverty: choice<(typeof POVERTY_LEVELS)[number]>(d.household.poverty), notes: text(d.household.notes),
    }),
    siblings: d.siblings.map((s) => ({ fullName: text(s.fullName), birthYear: int(s.birthYear), sex: choice<ChildDescription['sex']>(s.sex) })),
  };
}

/** Each field's name by its API path under `prefix` ("child." at intake), for the error summary. */
export function childFieldLabels(prefix: string, d: ChildDraft, t: I18n['t']): Record<string, string> {
  const keys: Array<[string, MessageKey]> = [
    ['fullName', 'intake.childName'], ['otherNames', 'child.otherNames'], ['sex', 'intake.sex'], ['dateOfBirth', 'intake.dob'],
    ['approxAgeYears', 'intake.age'], ['personalId', 'child.personalId'], ['ethnicity', 'child.ethnicity'],
    ['residenceCommuneCode', 'child.residenceCommune'], ['village', 'child.village'], ['currentAddress', 'child.currentAddress'],
    ['school', 'child.school'], ['schoolClass', 'child.schoolClass'],
  ];
  for (const p of ['father', 'mother'] as const) {
    for (const f of ['fullName', 'birthYear', 'occupation', 'phone'] as const) keys.push([`${p}.${f}`, `child.${p}.${f}`]);
  }
  for (const f of ['fullName', 'relation', 'phone', 'address'] as const) keys.push([`carer.${f}`, `child.carer.${f}`]);
  for (const f of ['headName', 'members', 'poverty', 'notes'] as const) keys.push([`household.${f}`, `child.household.${f}`]);
  const out: Record<string, string> = Object.fromEntries(keys.map(([path, key]) => [prefix + path, t(key)]));
  d.siblings.forEach((_, i) => {
    for (const f of ['fullName', 'birthYear', 'sex'] as const) out[`${prefix}siblings.${i}.${f}`] = t(`child.sibling.${f}`, { n: i + 1 });
  });
  return out;
}

interface Props {
  /** The API path of the child ("child." in an intake body, "" in the registry's own). */
  prefix: string;
  value: ChildDraft;
  onChange(d: ChildDraft): void;
  errors: FieldErrors;
  /** A commune whose province the residence offers first (the report's). */
  near?: string;
  /** Sections open at first, besides identity (e.g. all of them when editing a record). */
  openAll?: boolean;
}

export function ChildFieldsForm({ prefix, value: d, onChange, errors, near, openAll = false }: Props) {
  const { t, label } = useI18n();
  const p = (path: string) => prefix + path;
  const set = <K extends keyof ChildDraft>(key: K) => (v: ChildDraft[K]) => onChange({ ...d, [key]: v });
  const setIn = <K extends 'father' | 'mother' | 'carer' | 'household'>(key: K, field: keyof ChildDraft[K]) => (v: string) =>
    onChange({ ...d, [key]: { ...d[key], [field]: v } });
  const setSibling = (i: number, field: keyof Sibling) => (v: string) =>
    onChange({ ...d, siblings: d.siblings.map((s, j) => (j === i ? { ...s, [field]: v } : s)) });
  const failing = (...paths: string[]) => Object.keys(errors).some((k) => paths.some((x) => k === p(x) || k.startsWith(`${p(x)}.`)));
  const sexOptions = SEXES.map((s) => ({ value: s, label: label('sex', s) }));
  const year = new Date().getFullYear();

  const parent = (who: 'father' | 'mother') => (
    <fieldset className="subgroup">
      <legend>{t(`child.${who}`)}</legend>
      <div className="row">
        <TextInput name={p(`${who}.fullName`)} label={t(`child.${who}.fullName`)} optional autoComplete="off"
          value={d[who].fullName} onChange={setIn(who, 'fullName')} errors={errors} />
        <TextInput name={p(`${who}.birthYear`)} label={t(`child.${who}.birthYear`)} optional type="number" inputMode="numeric"
          min={1900} max={year} value={d[who].birthYear} onChange={setIn(who, 'birthYear')} errors={errors} />
        <TextInput name={p(`${who}.occupation`)} label={t(`child.${who}.occupation`)} optional
          value={d[who].occupation} onChange={setIn(who, 'occupation')} errors={errors} />
        <TextInput name={p(`${who}.phone`)} label={t(`child.${who}.phone`)} optional type="tel" autoComplete="off"
          value={d[who].phone} onChange={setIn(who, 'phone')} errors={errors} />
      </div>
    </fieldset>
  );

  return (
    <>
      <Section title={t('child.section.identity')} open failing={failing('fullName', 'otherNames', 'sex', 'dateOfBirth', 'approxAgeYears', 'personalId', 'ethnicity')}>
        <TextInput name={p('fullName')} label={t('intake.childName')} optional value={d.fullName} onChange={set('fullName')} autoComplete="off" errors={errors} />
        <TextInput name={p('otherNames')} label={t('child.otherNames')} optional hint={t('child.otherNamesHint')} value={d.otherNames}
          onChange={set('otherNames')} autoComplete="off" errors={errors} />
        <RadioGroup name={p('sex')} label={t('intake.sex')} value={d.sex} onChange={set('sex')} options={sexOptions} errors={errors} />
        <div className="row">
          <TextInput name={p('dateOfBirth')} label={t('intake.dob')} optional type="date" max={todayLocal()}
            value={d.dateOfBirth} onChange={set('dateOfBirth')} errors={errors} />
          <TextInput name={p('approxAgeYears')} label={t('intake.age')} optional type="number" inputMode="numeric"
            min={0} max={17} value={d.approxAgeYears} onChange={set('approxAgeYears')} errors={errors} />
          <TextInput name={p('personalId')} label={t('child.personalId')} optional hint={t('child.personalIdHint')} inputMode="numeric"
            maxLength={14} autoComplete="off" value={d.personalId} onChange={set('personalId')} errors={errors} />
          <Select name={p('ethnicity')} label={t('child.ethnicity')} optional value={d.ethnicity} onChange={set('ethnicity')} errors={errors}
            placeholder={t('common.choose')} options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
        </div>
      </Section>

      <Section title={t('child.section.residence')} open={openAll} failing={failing('residenceCommuneCode', 'village', 'currentAddress')}>
        <CommuneSelect name={p('residenceCommuneCode')} label={t('child.residenceCommune')} provinceLabel={t('child.residenceProvince')}
          optional hint={t('child.residenceHint')} value={d.residenceCommuneCode} onChange={set('residenceCommuneCode')} errors={errors}
          near={near} />
        <div className="row">
          <TextInput name={p('village')} label={t('child.village')} optional value={d.village} onChange={set('village')} errors={errors} />
          <TextInput name={p('currentAddress')} label={t('child.currentAddress')} optional value={d.currentAddress}
            onChange={set('currentAddress')} autoComplete="off" errors={errors} />
        </div>
      </Section>

      <Section title={t('child.section.school')} open={openAll} failing={failing('school', 'schoolClass')}>
        <div className="row">
          <TextInput name={p('school')} label={t('child.school')} optional value={d.school} onChange={set('school')} errors={errors} />
          <TextInput name={p('schoolClass')} label={t('child.schoolClass')} optional value={d.schoolClass} onChange={set('schoolClass')} errors={errors} />
        </div>
      </Section>

      <Section title={t('child.section.parents')} open={openAll} failing={failing('father', 'mother')}>
        {parent('father')}
        {parent('mother')}
      </Section>

      <Section title={t('child.section.carer')} open={openAll} failing={failing('carer')}>
        <div className="row">
          <TextInput name={p('carer.fullName')} label={t('child.carer.fullName')} optional autoComplete="off"
            value={d.carer.fullName} onChange={setIn('carer', 'fullName')} errors={errors} />
          <TextInput name={p('carer.relation')} label={t('child.carer.relation')} optional
            value={d.carer.relation} onChange={setIn('carer', 'relation')} errors={errors} />
          <TextInput name={p('carer.phone')} label={t('child.carer.phone')} optional type="tel" autoComplete="off"
            value={d.carer.phone} onChange={setIn('carer', 'phone')} errors={errors} />
          <TextInput name={p('carer.address')} label={t('child.carer.address')} optional autoComplete="off"
            value={d.carer.address} onChange={setIn('carer', 'address')} errors={errors} />
        </div>
      </Section>

      <Section title={t('child.section.household')} open={openAll} failing={failing('household')}>
        <div className="row">
          <TextInput name={p('household.headName')} label={t('child.household.headName')} optional autoComplete="off"
            value={d.household.headName} onChange={setIn('household', 'headName')} errors={errors} />
          <TextInput name={p('household.members')} label={t('child.household.members')} optional type="number" inputMode="numeric"
            min={1} value={d.household.members} onChange={setIn('household', 'members')} errors={errors} />
        </div>
        <Select name={p('household.poverty')} label={t('child.household.poverty')} optional value={d.household.poverty}
          onChange={setIn('household', 'poverty')} placeholder={t('common.choose')} errors={errors}
          options={POVERTY_LEVELS.map((v) => ({ value: v, label: label('poverty', v) }))} />
        <TextArea name={p('household.notes')} label={t('child.household.notes')} optional value={d.household.notes}
          onChange={setIn('household', 'notes')} errors={errors} />
      </Section>

      <Section title={t('child.section.siblings')} open={openAll} failing={failing('siblings')}>
        {d.siblings.length === 0 && <p className="muted">{t('child.noSiblings')}</p>}
        {d.siblings.map((s, i) => (
          <fieldset key={i} className="subgroup">
            <legend>{t('child.sibling', { n: i + 1 })}</legend>
            <div className="row">
              <TextInput name={p(`siblings.${i}.fullName`)} label={t('child.sibling.fullName', { n: i + 1 })} optional autoComplete="off"
                value={s.fullName} onChange={setSibling(i, 'fullName')} errors={errors} />
              <TextInput name={p(`siblings.${i}.birthYear`)} label={t('child.sibling.birthYear', { n: i + 1 })} optional type="number"
                inputMode="numeric" min={1900} max={year} value={s.birthYear} onChange={setSibling(i, 'birthYear')} errors={errors} />
              <Select name={p(`siblings.${i}.sex`)} label={t('child.sibling.sex', { n: i + 1 })} optional value={s.sex}
                onChange={setSibling(i, 'sex')} placeholder={t('common.choose')} options={sexOptions} errors={errors} />
            </div>
            <button type="button" className="secondary" onClick={() => set('siblings')(d.siblings.filter((_, j) => j !== i))}>
              {t('child.removeSibling', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <p className="actions">
          <button type="button" className="secondary" onClick={() => set('siblings')([...d.siblings, blankSibling()])}>{t('child.addSibling')}</button>
        </p>
      </Section>
    </>
  );
}

/** A part of the form that folds away; it opens when one of its fields has an error. */
function Section({ title, open: initiallyOpen = false, failing, children }: { title: string; open?: boolean; failing: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(initiallyOpen);
  useEffect(() => {
    if (failing) setOpen(true);
  }, [failing]);
  return (
    <details className="section" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {title}
        {failing && <span className="field-error"> {t('child.sectionErrors')}</span>}
      </summary>
      <div className="section-body">{children}</div>
    </details>
  );
}
