/**
 * What workflow `handoff` v2 adds to a handoff's card: on an emergency handoff, where the child is
 * now and whom to call (its receiving agency and the commune see it; no other handoff carries it);
 * on police work, the criminal-procedure statuses recorded, and the police's form to record one.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import type { Handoff } from '../api/types';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { explainFields } from '../validation';
import { ErrorNotice } from './ErrorNotice';
import { Select, TextArea, TextInput } from './fields';
import { CRIMINAL_PROCEDURE_STATUSES } from '../labels';

type WithExtras = Pick<Handoff, 'id' | 'protection' | 'procedure'>;

/** The protection facts and the procedure statuses, as `<div>`s of the card's `<dl className="facts">`. */
export function HandoffExtraFacts({ h }: { h: WithExtras }) {
  const { t, label, date } = useI18n();
  return (
    <>
      {h.protection && (
        <>
          <div className="wide"><dt>{t('handoff.childLocation')}</dt><dd className="prose">{h.protection.childLocation ?? t('handoff.notGiven')}</dd></div>
          <div className="wide">
            <dt>{t('handoff.contact')}</dt>
            <dd>
              {h.protection.workerName ?? t('handoff.notGiven')}
              {h.protection.workerPhone && <> · <a href={`tel:${h.protection.workerPhone.replace(/\s+/g, '')}`}>{h.protection.workerPhone}</a></>}
            </dd>
          </div>
        </>
      )}
      {h.procedure.length > 0 && (
        <div className="wide">
          <dt>{t('handoff.procedure')}</dt>
          <dd>
            <ol className="plain">
              {h.procedure.map((p, i) => (
                <li key={i}>
                  <strong>{label('procedureStatus', p.status)}</strong> · {date(p.on)}
                  {p.reference && <> · {p.reference}</>}
                  {p.note && <> — {p.note}</>}
                </li>
              ))}
            </ol>
          </dd>
        </div>
      )}
    </>
  );
}

/** The receiving police's form: a status, its date, the reference and a note. */
export function ProcedureStatusForm({ handoffId, onDone, onCancel }: { handoffId: string; onDone(h: unknown): void; onCancel(): void }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const cmd = useCommand();
  const [status, setStatus] = useState('');
  const [on, setOn] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, string> = { status, on };
    if (reference.trim()) body.reference = reference.trim();
    if (note.trim()) body.note = note.trim();
    const res = await cmd.run(() => api<{ handoff: unknown }>(`/handoffs/${handoffId}/record_procedure_status`, { method: 'POST', body }));
    if (res) onDone(res.handoff);
  };
  const errors = explainFields(cmd.error?.fields ?? {}, i18n);
  const id = (k: string) => `${handoffId}-procedure-${k}`;
  return (
    <form id={`${handoffId}-RECORD_PROCEDURE_STATUS`} className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('handoff.procedure')}>
      <ErrorNotice error={cmd.error} fieldLabels={{
        status: t('handoff.procedure'), on: t('handoff.procedureOn'), reference: t('handoff.procedureReference'), note: t('handoff.procedureNote'),
      }} />
      <Select name="status" id={id('status')} label={t('handoff.procedure')} value={status} onChange={setStatus} errors={errors}
        placeholder="—" options={CRIMINAL_PROCEDURE_STATUSES.map((s) => ({ value: s, label: label('procedureStatus', s) }))} />
      <TextInput name="on" id={id('on')} type="date" label={t('handoff.procedureOn')} value={on} onChange={setOn} errors={errors} />
      <TextInput name="reference" id={id('reference')} optional label={t('handoff.procedureReference')} value={reference} onChange={setReference} errors={errors} />
      <TextArea name="note" id={id('note')} optional label={t('handoff.procedureNote')} value={note} onChange={setNote} errors={errors} />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('handoff.procedureSubmit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
