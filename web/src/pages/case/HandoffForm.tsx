/**
 * Asks a partner agency (police, health station, school...) for work on the case. Without a
 * connection the request is kept on the device and sent once when it returns (the outbox).
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { idempotencyKey, query } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RadioGroup, Select, TextArea, TextInput } from '../../components/fields';
import { useCommand } from '../../hooks';
import { useApi } from '../../query';
import { useI18n } from '../../i18n';
import { fromLocalInput, toLocalInput } from '../../format';
import { HANDOFF_KIND_AGENCY, HANDOFF_KINDS, PARTNER_AGENCY_TYPES } from '../../labels';
import type { Agency, CaseDetail, Handoff } from '../../api/types';
import { explainFields } from '../../validation';
import { useUser } from '../../auth';
import { DraftNotice, DraftSaved } from '../../components/bits';
import { useDraft } from '../../drafts';
import { sendOrQueue } from '../../outbox';

interface Props {
  c: CaseDetail;
  onCreated(h: Handoff): void;
  onReload(): void;
  onShowChanges(): void;
}

const blank = { kind: '', agencyId: '', instructions: '', urgency: 'normal', dueAt: '' };

export function HandoffForm({ c, onCreated, onReload, onShowChanges }: Props) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const user = useUser();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(blank);
  const [key, setKey] = useState(idempotencyKey);
  const [queued, setQueued] = useState(false);
  const draftId = `${user.id}|case|${c.id}|handoff`;
  // Kept on the device until sent or cancelled, like every form of the case.
  const draft = useDraft(draftId, form, JSON.stringify(form) !== JSON.stringify(blank), (d) => {
    setForm(d);
    setOpen(true);
  });
  const agencies = useApi<{ items: Agency[] }>(open ? `/directory/agencies${query({ communeCode: c.communeCode })}` : null);
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);

  const partners = useMemo(
    () => (agencies.data?.items ?? []).filter((a) => (PARTNER_AGENCY_TYPES as readonly string[]).includes(a.type)),
    [agencies.data],
  );
  const usual = HANDOFF_KIND_AGENCY[form.kind as keyof typeof HANDOFF_KIND_AGENCY];
  // The agencies that usually do this kind of work first.
  const ordered = [...partners.filter((a) => a.type === usual), ...partners.filter((a) => a.type !== usual)];

  // The agency that usually does the chosen kind of work, once the directory has answered.
  useEffect(() => {
    if (!form.kind || form.agencyId) return;
    const first = partners.find((a) => a.type === usual);
    if (first) setForm((f) => ({ ...f, agencyId: first.id }));
  }, [form.kind, form.agencyId, partners, usual]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const path = `/cases/${c.id}/handoffs`;
    const body = {
      kind: form.kind || undefined,
      agencyId: form.agencyId || undefined,
      instructions: form.instructions.trim(),
      urgency: form.urgency,
      dueAt: form.dueAt ? fromLocalInput(form.dueAt) ?? form.dueAt : undefined,
    };
    const res = await cmd.run(() =>
      sendOrQueue<{ handoff: Handoff }>({ id: key, userId: user.id, kind: 'handoff', path, body, caseId: c.id, caseCode: c.code, draftId, draft: form }));
    if (res) {
      draft.clear();
      setForm(blank);
      setOpen(false);
      setKey(idempotencyKey());
      setQueued(res === 'queued');
      if (res !== 'queued') onCreated(res.handoff);
    }
  };

  const labels = {
    kind: t('handoff.kind'), agencyId: t('handoff.agency'), instructions: t('handoff.instructions'),
    urgency: t('handoff.urgency'), dueAt: t('handoff.dueAt'),
  };
  return (
    <div className="event-action">
      {queued && <p className="notice" role="status">{t('outbox.queuedHandoff')}</p>}
      <button type="button" className="secondary toggle" aria-expanded={open} aria-controls="handoff-form" onClick={() => { setQueued(false); setOpen(!open); }}>
        {t('handoff.create')}
      </button>
      {open && (
        <form id="handoff-form" className="card form" onSubmit={submit} noValidate aria-label={t('handoff.create')}>
          {draft.restored && <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.discard(); setForm(blank); }} />}
          <ErrorNotice error={cmd.error} onReload={onReload} onShowChanges={onShowChanges} fieldLabels={labels} />
          <ErrorNotice error={agencies.error} onReload={agencies.reload} />
          <Select name="kind" label={labels.kind} value={form.kind} onChange={(kind) => setForm({ ...form, kind, agencyId: '' })} errors={errors} placeholder={t('common.choose')}
            options={HANDOFF_KINDS.map((k) => ({ value: k, label: label('handoffKind', k) }))} />
          <Select name="agencyId" label={labels.agencyId} value={form.agencyId} onChange={(agencyId) => setForm({ ...form, agencyId })}
            errors={errors} placeholder={t('common.choose')}
            options={ordered.map((a) => ({ value: a.id, label: `${a.name} (${label('agencyType', a.type)})` }))} />
          <TextArea name="instructions" label={labels.instructions} value={form.instructions}
            onChange={(instructions) => setForm({ ...form, instructions })} errors={errors} />
          <RadioGroup name="urgency" label={labels.urgency} value={form.urgency} onChange={(urgency) => setForm({ ...form, urgency })}
            errors={errors} options={['normal', 'urgent'].map((u) => ({ value: u, label: label('urgency', u) }))} />
          <TextInput name="dueAt" label={labels.dueAt} optional type="datetime-local" hint={t('handoff.dueAtHint')}
            min={toLocalInput(new Date())} value={form.dueAt} onChange={(dueAt) => setForm({ ...form, dueAt })} errors={errors} />
          <p className="actions">
            <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('handoff.create')}</button>
            <button type="button" className="secondary" onClick={() => { draft.discard(); setForm(blank); cmd.clear(); setOpen(false); }}>{t('common.cancel')}</button>
          </p>
          <DraftSaved at={draft.savedAt} />
        </form>
      )}
    </div>
  );
}
