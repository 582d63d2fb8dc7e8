/** Finds a registry child (GET /children?q=) and picks one, inside a larger form (merge, relink). */
import { useState, type KeyboardEvent } from 'react';
import { query } from '../api';
import type { ChildSearchPage } from '../api/types';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { Loading } from './bits';
import { ChildSummaryFacts, childName } from './ChildSummary';
import { ErrorNotice } from './ErrorNotice';
import { fieldId, TextInput, type FieldErrors } from './fields';

interface Props {
  /** The API field the choice is sent as (its errors show here). */
  name: string;
  /** A child not to offer (the record being merged away, the case's current child). */
  exclude?: string;
  value: string;
  onChange(id: string): void;
  errors: FieldErrors;
}

export function ChildPicker({ name, exclude, value, onChange, errors }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const found = useApi<ChildSearchPage>(q ? `/children${query({ q, pageSize: 10 })}` : null);
  const items = (found.data?.items ?? []).filter((c) => c.id !== exclude);
  const id = fieldId(name);
  const messages = errors[name];

  const search = () => {
    setQ(draft.trim());
    onChange('');
  };
  // Enter searches instead of sending the enclosing form.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search();
    }
  };

  return (
    <div className="picker">
      <div className="filters">
        <TextInput name={`${name}-q`} label={t('picker.q')} type="search" value={draft} onChange={setDraft} onKeyDown={onKeyDown} autoComplete="off" />
        <button type="button" className="secondary" onClick={search}>{t('picker.find')}</button>
      </div>
      <ErrorNotice error={found.error} onReload={found.reload} />
      {found.loading && <Loading />}
      {q && found.data && (items.length === 0 ? <p className="muted">{t('picker.none')}</p> : (
        <fieldset id={id} className="field group" aria-invalid={messages ? true : undefined} aria-describedby={messages ? `${id}-error` : undefined}>
          <legend>{t('picker.choose')}</legend>
          <ul className="cards">
            {items.map((c) => (
              <li key={c.id} className={`case-card${value === c.id ? ' is-chosen' : ''}`}>
                <label className="choice" htmlFor={`${id}-${c.id}`}>
                  <input type="radio" id={`${id}-${c.id}`} name={name} value={c.id} checked={value === c.id} onChange={() => onChange(c.id)} />
                  <strong>{childName(c, t)}</strong>
                </label>
                <ChildSummaryFacts c={c} />
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      {messages && <span id={`${id}-error`} className="field-error">{messages.join('; ')}</span>}
    </div>
  );
}
