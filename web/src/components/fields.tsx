/**
 * Labelled form fields whose errors (by API field path, e.g. "child.sex") show at the field and
 * are tied to it for screen readers (aria-invalid, aria-describedby).
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n';

export type FieldErrors = Record<string, string[]>;

export const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface Common {
  name: string;
  /** The element id when `name` alone is not unique on the page (default: from `name`). */
  id?: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  optional?: boolean;
}

function describe(name: string, hint: string | undefined, messages: string[] | undefined, ownId?: string) {
  const id = ownId ?? fieldId(name);
  const ids = [hint ? `${id}-hint` : null, messages?.length ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    id,
    invalid: messages?.length ? true : undefined,
    describedBy: ids || undefined,
    below: (
      <>
        {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
        {messages?.length ? <span id={`${id}-error`} className="field-error">{messages.join('; ')}</span> : null}
      </>
    ),
  };
}

function LabelText({ label, optional }: { label: string; optional?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {label}
      {optional && <span className="muted"> ({t('common.optional')})</span>}
    </>
  );
}

type TextInputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'onChange' | 'value'> & {
  value: string;
  onChange(value: string): void;
};

export function TextInput({ name, id, label, errors, hint, optional, value, onChange, ...rest }: TextInputProps) {
  const d = describe(name, hint, errors?.[name], id);
  return (
    <div className="field">
      <label htmlFor={d.id}><LabelText label={label} optional={optional} /></label>
      <input id={d.id} name={name} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={d.invalid} aria-describedby={d.describedBy} {...rest} />
      {d.below}
    </div>
  );
}

type TextAreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'onChange' | 'value'> & {
  value: string;
  onChange(value: string): void;
};

export function TextArea({ name, id, label, errors, hint, optional, value, onChange, ...rest }: TextAreaProps) {
  const d = describe(name, hint, errors?.[name], id);
  return (
    <div className="field">
      <label htmlFor={d.id}><LabelText label={label} optional={optional} /></label>
      <textarea id={d.id} name={name} value={value} onChange={(e) => onChange(e.target.value)} rows={3}
        aria-invalid={d.invalid} aria-describedby={d.describedBy} {...rest} />
      {d.below}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'onChange' | 'value'> & {
  value: string;
  onChange(value: string): void;
  options: Option[];
  /** The first, empty choice ("— Chọn —" or "Tất cả"); none when absent. */
  placeholder?: string;
};

export function Select({ name, id, label, errors, hint, optional, value, onChange, options, placeholder, ...rest }: SelectProps) {
  const d = describe(name, hint, errors?.[name], id);
  return (
    <div className="field">
      <label htmlFor={d.id}><LabelText label={label} optional={optional} /></label>
      <select id={d.id} name={name} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={d.invalid} aria-describedby={d.describedBy} {...rest}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {d.below}
    </div>
  );
}

export function Checkbox({ name, id, label, errors, hint, checked, onChange }: Common & { checked: boolean; onChange(v: boolean): void }) {
  const d = describe(name, hint, errors?.[name], id);
  return (
    <div className="field field-check">
      <input type="checkbox" id={d.id} name={name} checked={checked} onChange={(e) => onChange(e.target.checked)}
        aria-invalid={d.invalid} aria-describedby={d.describedBy} />
      <label htmlFor={d.id}>{label}</label>
      {d.below}
    </div>
  );
}

function Group({ name, id, label, errors, hint, optional, children }: Common & { children: ReactNode }) {
  const d = describe(name, hint, errors?.[name], id);
  return (
    <fieldset id={d.id} className="field group" aria-invalid={d.invalid} aria-describedby={d.describedBy}>
      <legend><LabelText label={label} optional={optional} /></legend>
      <div className="choices">{children}</div>
      {d.below}
    </fieldset>
  );
}

export function RadioGroup({ options, value, onChange, ...common }: Common & { options: Option[]; value: string; onChange(v: string): void }) {
  const id = common.id ?? fieldId(common.name);
  return (
    <Group {...common}>
      {options.map((o) => (
        <label key={o.value} className="choice" htmlFor={`${id}-${o.value}`}>
          <input type="radio" id={`${id}-${o.value}`} name={common.name} value={o.value} checked={value === o.value}
            onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </Group>
  );
}

export function CheckboxGroup({ options, values, onChange, ...common }: Common & { options: Option[]; values: string[]; onChange(v: string[]): void }) {
  const id = common.id ?? fieldId(common.name);
  const toggle = (v: string, on: boolean) => onChange(on ? [...values, v] : values.filter((x) => x !== v));
  return (
    <Group {...common}>
      {options.map((o) => (
        <label key={o.value} className="choice" htmlFor={`${id}-${o.value}`}>
          <input type="checkbox" id={`${id}-${o.value}`} name={common.name} value={o.value} checked={values.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)} />
          {o.label}
        </label>
      ))}
    </Group>
  );
}

/** A yes/no question whose answer may still be unset. */
export function YesNo({ value, onChange, ...common }: Common & { value: boolean | null; onChange(v: boolean): void }) {
  const { t } = useI18n();
  return (
    <RadioGroup {...common} value={value === null ? '' : value ? 'yes' : 'no'} onChange={(v) => onChange(v === 'yes')}
      options={[{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }]} />
  );
}
