/**
 * The communes of a case (where it happened, where the child lives, who leads it, who shares it,
 * who is asked to take it), its transfers between communes, and the lead commune's request to
 * hand the case over or transfer it — offered when the case can take it now.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { CaseDetail, CommuneRef, Transfer, TransferKind } from '../../api/types';
import { CASE_MANAGER_ROLES, useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CommuneSelect } from '../../components/CommuneSelect';
import { RadioGroup, TextArea, TextInput } from '../../components/fields';
import { TransferCard } from '../../components/TransferCard';
import { useCommand } from '../../hooks';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { explainFields } from '../../validation';

const ROLES_OF_COMMUNES: Array<['lead' | 'incident' | 'residence' | 'partner' | 'pending', MessageKey]> = [
  ['lead', 'case.commune.lead'], ['incident', 'case.commune.incident'], ['residence', 'case.commune.residence'],
  ['partner', 'case.commune.partner'], ['pending', 'case.commune.pending'],
];

interface Props {
  c: CaseDetail;
  onChanged(message: string): void;
  onReload(): void;
}

export function CommunesSection({ c, onChanged, onReload }: Props) {
  const user = useUser();
  const { t, label } = useI18n();
  const communes = c.communes;
  if (!communes) return null;
  // Only the lead commune's staff may request it (the case then offers ASSIGN), one request at a time.
  const canRequest = CASE_MANAGER_ROLES.includes(user.role) && c.allowedEvents.includes('ASSIGN') && !communes.pending;
  const handoverTo = communes.handoverDue ? communes.residence : null;
  return (
    <section aria-labelledby="communes-h" className="card">
      <h2 id="communes-h">{t('case.communes')}</h2>
      {handoverTo && <p className="notice">{t('case.handoverDue', { commune: handoverTo.name })}</p>}
      <dl className="facts">
        {ROLES_OF_COMMUNES.map(([role, key]) => {
          const commune = communes[role];
          return commune && <div key={role}><dt>{t(key)}</dt><dd>{commune.name}</dd></div>;
        })}
      </dl>
      {(c.transfers ?? []).length > 0 && (
        <>
          <h3>{t('case.transfers')}</h3>
          <ul className="cards">
            {(c.transfers ?? []).map((tr) => (
              <TransferCard key={tr.id} tr={tr} level={3} onReload={onReload}
                onUpdated={(next) => onChanged(t('transfers.updated', { code: next.caseCode, state: label('transferState', next.state) }))} />
            ))}
          </ul>
        </>
      )}
      {canRequest && (
        <TransferRequest c={c} lead={communes.lead} handoverTo={handoverTo} onReload={onReload}
          onSent={(tr) => onChanged(t('transfer.sent', { commune: tr.toCommune.name }))} />
      )}
    </section>
  );
}

const blank = { kind: '' as TransferKind | '', toCommuneCode: '', reason: '', village: '', address: '' };

function TransferRequest({ c, lead, handoverTo, onSent, onReload }: {
  c: CaseDetail; lead: CommuneRef; handoverTo: CommuneRef | null; onSent(tr: Transfer): void; onReload(): void;
}) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(blank);
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);
  const kinds: TransferKind[] = handoverTo ? ['handover', 'transfer'] : ['transfer'];
  const kind = form.kind || (kinds.length === 1 ? kinds[0] : '');
  const set = (key: keyof typeof blank) => (v: string) => setForm((f) => ({ ...f, [key]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run(() => api<{ transfer: Transfer }>(`/cases/${c.id}/transfers`, {
      body: {
        kind: kind || undefined,
        toCommuneCode: (kind === 'handover' ? handoverTo?.code : form.toCommuneCode) || undefined,
        reason: form.reason.trim(),
        residence: kind === 'transfer' ? { village: form.village.trim() || undefined, address: form.address.trim() || undefined } : undefined,
      },
    }));
    if (res) {
      setForm(blank);
      setOpen(false);
      onSent(res.transfer);
    }
  };

  const labels = {
    kind: t('transfer.kind'), toCommuneCode: t('transfer.to'), reason: t('transfer.reason'),
    'residence.village': t('transfer.village'), 'residence.address': t('transfer.address'),
  };
  return (
    <div className="event-action">
      <button type="button" className="secondary toggle" aria-expanded={open} aria-controls="transfer-form" onClick={() => setOpen(!open)}>
        {t('transfer.request')}
      </button>
      {open && (
        <form id="transfer-form" className="card form" onSubmit={submit} noValidate aria-label={t('transfer.request')}>
          <ErrorNotice error={cmd.error} onReload={onReload} fieldLabels={labels} />
          <RadioGroup name="kind" label={labels.kind} value={kind} onChange={set('kind')} errors={errors}
            options={kinds.map((k) => ({ value: k, label: label('transferKind', k) }))} />
          {kind === 'handover' && handoverTo && <p>{labels.toCommuneCode}: <strong>{handoverTo.name}</strong></p>}
          {kind === 'transfer' && (
            <>
              <CommuneSelect name="toCommuneCode" label={labels.toCommuneCode} provinceLabel={t('transfer.toProvince')} value={form.toCommuneCode}
                onChange={set('toCommuneCode')} errors={errors} near={lead.code} exclude={lead.code} />
              <fieldset className="subgroup">
                <legend>{t('transfer.newResidence')}</legend>
                <div className="row">
                  <TextInput name="residence.village" label={labels['residence.village']} optional value={form.village} onChange={set('village')} errors={errors} />
                  <TextInput name="residence.address" label={labels['residence.address']} optional value={form.address} onChange={set('address')}
                    autoComplete="off" errors={errors} />
                </div>
              </fieldset>
            </>
          )}
          <TextArea name="reason" label={labels.reason} value={form.reason} onChange={set('reason')} errors={errors} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('transfer.submit')}</button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          </p>
        </form>
      )}
    </div>
  );
}
