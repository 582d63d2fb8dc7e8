/**
 * A commune anywhere in the country (GET /directory/communes?scope=all): the province first, then
 * its communes — where a child lives, the commune a case is transferred to.
 */
import { useState } from 'react';
import type { Commune } from '../api/types';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { ErrorNotice } from './ErrorNotice';
import { Select, type FieldErrors } from './fields';

interface Props {
  /** The API field of the commune code (its errors show at the commune). */
  name: string;
  label: string;
  provinceLabel: string;
  value: string;
  onChange(code: string): void;
  errors: FieldErrors;
  optional?: boolean;
  hint?: string;
  /** A commune whose province is offered first (e.g. the case's), until one is chosen. */
  near?: string;
  /** A commune not to offer (the one the case is leaving). */
  exclude?: string;
}

export function CommuneSelect({ name, label, provinceLabel, value, onChange, errors, optional, hint, near, exclude }: Props) {
  const { t } = useI18n();
  const all = useApi<{ items: Commune[] }>('/directory/communes?scope=all');
  const items = all.data?.items ?? [];
  const [chosenProvince, setChosenProvince] = useState<string | null>(null);
  const provinceOf = (code: string | undefined) => items.find((c) => c.code === code)?.provinceCode;
  const province = chosenProvince ?? provinceOf(value) ?? provinceOf(near) ?? '';
  const provinces = [...new Map(items.map((c) => [c.provinceCode, c.provinceName])).entries()];

  const pickProvince = (code: string) => {
    setChosenProvince(code);
    onChange('');
  };
  return (
    <>
      <ErrorNotice error={all.error} onReload={all.reload} />
      <div className="row">
        <Select name={`${name}-province`} label={provinceLabel} optional={optional} value={province} onChange={pickProvince}
          placeholder={t('common.choose')} options={provinces.map(([code, provinceName]) => ({ value: code, label: provinceName }))} />
        <Select name={name} label={label} optional={optional} hint={hint} value={value} onChange={onChange} errors={errors}
          placeholder={t('common.choose')}
          options={items.filter((c) => c.provinceCode === province && c.code !== exclude).map((c) => ({ value: c.code, label: c.name }))} />
      </div>
    </>
  );
}
