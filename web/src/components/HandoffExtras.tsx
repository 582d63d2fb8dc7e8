/**
 * What workflow `handoff` v2 adds to a handoff's card: on an emergency handoff, where the child is
 * now and whom to call (its receiving agency and the commune see it; no other handoff carries it);
 * on police work, the criminal-procedure statuses recorded, and the police's form to record one.
 */
import { useState, type FormEvent } from 'react';
import type { Handoff, InboxItem } from '../api/types';
import { useUser } from '../auth';
import { useDraft } from '../drafts';
import { useI18n } from '../i18n';
import { explainFields } from '../validation';
import { ErrorNotice } from './ErrorNotice';
import { Select, TextArea, TextInput } from './fields';
import { CRIMINAL_PROCEDURE_STATUSES } from '../labels';
import { DraftNotice, DraftSaved } from './bits';
import { stepDraftId, useHandoffStep, type HandoffRef } from './HandoffSteps';

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

const BLANK_PROCEDURE = { status: '', on: '', reference: '', note: '' };

/** The receiving police's form: a status, its date, the reference and a note (kept as a draft, queued without a connection). */
export function ProcedureStatusForm({ h, onDone, onQueued, onCancel }: { h: HandoffRef; onDone(h: InboxItem): void; onQueued(): void; onCancel(): void }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const user = useUser();
  const { cmd, send } = useHandoffStep(h);
  const [v, setV] = useState(BLANK_PROCEDURE);
  const draft = useDraft(stepDraftId(user.id, h.id, 'RECORD_PROCEDURE_STATUS'), v, JSON.stringify(v) !== JSON.stringify(BLANK_PROCEDURE), setV);
  const set = (k: keyof typeof BLANK_PROCEDURE) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, string> = { status: v.status, on: v.on };
    if (v.reference.trim()) body.reference = v.reference.trim();
    if (v.note.trim()) body.note = v.note.trim();
    const res = await send('RECORD_PROCEDURE_STATUS', body, v);
    if (!res) return;
    draft.clear();
    if (res === 'queued') onQueued();
    else onDone(res.handoff);
  };
  const errors = explainFields(cmd.error?.fields ?? {}, i18n);
  const id = (k: string) => `${h.id}-procedure-${k}`;
  return (
    <form id={`${h.id}-RECORD_PROCEDURE_STATUS`} className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('handoff.procedure')}>
      {draft.restored && <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.discard(); setV(BLANK_PROCEDURE); }} />}
      <ErrorNotice error={cmd.error} states="handoffState" fieldLabels={{
        status: t('handoff.procedure'), on: t('handoff.procedureOn'), reference: t('handoff.procedureReference'), note: t('handoff.procedureNote'),
      }} />
      <Select name="status" id={id('status')} label={t('handoff.procedure')} value={v.status} onChange={set('status')} errors={errors}
        placeholder="—" options={CRIMINAL_PROCEDURE_STATUSES.map((s) => ({ value: s, label: label('procedureStatus', s) }))} />
      <TextInput name="on" id={id('on')} type="date" label={t('handoff.procedureOn')} value={v.on} onChange={set('on')} errors={errors} />
      <TextInput name="reference" id={id('reference')} optional label={t('handoff.procedureReference')} value={v.reference} onChange={set('reference')} errors={errors} />
      <TextArea name="note" id={id('note')} optional label={t('handoff.procedureNote')} value={v.note} onChange={set('note')} errors={errors} />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('handoff.procedureSubmit')}</button>
        <button type="button" className="secondary" onClick={() => { draft.discard(); onCancel(); }}>{t('common.cancel')}</button>
      </p>
      <DraftSaved at={draft.savedAt} />
    </form>
  );
}
