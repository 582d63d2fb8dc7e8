/**
 * Temporary separation and alternative care (workflow `temporary-separation`): the proposal form
 * (the case's workers), the proposal shown in full before the chair decides, the days left, the
 * monitoring visits due and recorded, and the actions the caller may take now (extend, revoke,
 * record a visit…), each a form built from the workflow's contract. Vietnamese first, English after.
 * A proposal, a monitoring visit or a withdrawal made without a connection waits in the outbox and is
 * sent once when it returns; the chair's decisions (decide, reject, extend, revoke) never wait.
 * Mẫu 07 is printed from the documents panel once the decision exists.
 */
import { useState, type FormEvent } from 'react';
import { idempotencyKey } from '../../api';
import type { CaseDetail, Separation } from '../../api/types';
import { useUser } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Badge, Countdown, DraftNotice, DraftSaved, Loading } from '../../components/bits';
import { useDraft } from '../../drafts';
import { sendOrQueue } from '../../outbox';
import { Checkbox, Select, TextArea, TextInput } from '../../components/fields';
import { useCommand, useNow } from '../../hooks';
import { useApi } from '../../query';
import { useI18n } from '../../i18n';
import type { LabelGroup } from '../../labels';
import { explainFields } from '../../validation';
import { named, useWorkflow } from '../../workflows';

const PLACEMENT: Record<string, [string, string]> = {
  relative: ['Người thân thích', 'A relative'], non_relative: ['Gia đình nhận chăm sóc thay thế (không phải người thân)', 'A non-relative family'],
  facility: ['Cơ sở trợ giúp xã hội / nhà xã hội', 'A facility'],
};
const FROM: Record<string, [string, string]> = {
  father: ['Cha', 'Father'], mother: ['Mẹ', 'Mother'], parents: ['Cha mẹ', 'Both parents'], carer: ['Người chăm sóc', 'Carer'],
};
const STATE: Record<string, [string, string]> = {
  proposed: ['Chờ Chủ tịch quyết định', 'Awaiting the chair’s decision'], in_effect: ['Đang cách ly', 'In effect'],
  ended: ['Đã hết thời hạn', 'Ended'], revoked: ['Đã hủy bỏ', 'Revoked'], rejected: ['Không quyết định', 'Rejected'], cancelled: ['Đã rút', 'Withdrawn'],
};
const CONSENT: Record<string, [string, string]> = {
  in_person: ['Hỏi trực tiếp', 'Asked in person'], with_trusted_adult: ['Có người tin cậy cùng', 'With a trusted adult'], written: ['Bằng văn bản', 'In writing'],
};

export function SeparationsSection({ c }: { c: CaseDetail }) {
  const { lang, t } = useI18n();
  const [queued, setQueued] = useState(false);
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const user = useUser();
  const list = useApi<{ items: Separation[] }>(`/cases/${c.id}/separations`);
  const [proposing, setProposing] = useState(false);
  const items = list.data?.items ?? [];
  const mayPropose = (user?.role === 'social_worker' || user?.role === 'supervisor') && !items.some((s) => s.state === 'proposed' || s.state === 'in_effect');
  return (
    <section aria-labelledby="separations-h" className="card">
      <h2 id="separations-h">{L('Tạm thời cách ly trẻ em', 'Temporary separation')}</h2>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <p className="muted">{L('Chưa có đề nghị cách ly.', 'No separation proposed.')}</p>}
      <ul className="plain">
        {items.map((s) => <SeparationCard key={s.id} s={s} onChanged={list.reload} />)}
      </ul>
      {mayPropose && !proposing && (
        <p><button type="button" className="secondary" onClick={() => setProposing(true)}>{L('Đề nghị tạm thời cách ly', 'Propose a temporary separation')}</button></p>
      )}
      {queued && <p className="notice" role="status">{t('outbox.queuedSeparation')}</p>}
      {proposing && <ProposeForm c={c} onDone={(q) => { setProposing(false); setQueued(q); list.reload(); }} onCancel={() => setProposing(false)} />}
    </section>
  );
}

const BLANK_PROPOSAL: Record<string, string> = {
  separatedFrom: '', separatedFromName: '', reason: '', kind: '', carerName: '', address: '', phone: '', relation: '', consentGiven: '', consentMethod: '', plannedDays: '15',
};

function ProposeForm({ c, onDone, onCancel }: { c: CaseDetail; onDone(queued: boolean): void; onCancel(): void }) {
  const caseId = c.id;
  const i18n = useI18n();
  const L = (vi: string, en: string) => (i18n.lang === 'vi' ? vi : en);
  const opt = (m: Record<string, [string, string]>) => Object.entries(m).map(([value, [vi, en]]) => ({ value, label: L(vi, en) }));
  const user = useUser();
  const [v, setV] = useState<Record<string, string>>(BLANK_PROPOSAL);
  const [key, setKey] = useState(idempotencyKey);
  const draftId = `${user.id}|case|${caseId}|separation`;
  const draft = useDraft(draftId, v, JSON.stringify(v) !== JSON.stringify(BLANK_PROPOSAL), setV);
  const set = (k: string) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const cmd = useCommand();
  const errors = explainFields(cmd.error?.fields ?? {}, i18n);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const opt1 = (x: string) => (x.trim() ? x.trim() : undefined);
    const path = `/cases/${caseId}/separations`;
    const body = {
      separatedFrom: v.separatedFrom || undefined, separatedFromName: opt1(v.separatedFromName), reason: v.reason.trim(),
      placement: { kind: v.kind || undefined, carerName: v.carerName.trim(), address: v.address.trim(), phone: opt1(v.phone), relation: opt1(v.relation) },
      consent: v.consentGiven ? { given: v.consentGiven === 'yes', method: v.consentMethod || undefined } : undefined,
      plannedDays: Number(v.plannedDays),
    };
    const res = await cmd.run(() =>
      sendOrQueue<{ separation: Separation }>({ id: key, userId: user.id, kind: 'separation', path, body, caseId, caseCode: c.code, draftId, draft: v }));
    if (res) {
      draft.clear();
      setKey(idempotencyKey());
      onDone(res === 'queued');
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={L('Đề nghị tạm thời cách ly', 'Propose a temporary separation')}>
      {draft.restored && <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.discard(); setV(BLANK_PROPOSAL); }} />}
      <ErrorNotice error={cmd.error} />
      <Select name="separatedFrom" label={L('Cách ly khỏi', 'Separated from')} value={v.separatedFrom} onChange={set('separatedFrom')} options={opt(FROM)} placeholder="—" errors={errors} />
      <TextInput name="separatedFromName" label={L('Họ tên người đó', 'Their name')} optional value={v.separatedFromName} onChange={set('separatedFromName')} errors={errors} />
      <TextArea name="reason" label={L('Lý do cách ly', 'Why')} value={v.reason} onChange={set('reason')} errors={errors} />
      <fieldset>
        <legend>{L('Nơi chăm sóc thay thế', 'Alternative care')}</legend>
        <Select name="placement.kind" label={L('Hình thức', 'Placement')} value={v.kind} onChange={set('kind')} options={opt(PLACEMENT)} placeholder="—" errors={errors} />
        <TextInput name="placement.carerName" label={L('Người/cơ sở nhận chăm sóc', 'Carer or facility')} value={v.carerName} onChange={set('carerName')} errors={errors} />
        <TextInput name="placement.address" label={L('Địa chỉ', 'Address')} value={v.address} onChange={set('address')} errors={errors} />
        <TextInput name="placement.phone" label={L('Điện thoại', 'Phone')} optional value={v.phone} onChange={set('phone')} errors={errors} />
        <TextInput name="placement.relation" label={L('Quan hệ với trẻ', 'Relation to the child')} optional value={v.relation} onChange={set('relation')} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{L('Ý kiến của trẻ (bắt buộc khi trẻ từ đủ 7 tuổi)', 'The child’s consent (required from age 7)')}</legend>
        <Select name="consent" label={L('Trẻ đồng ý?', 'Does the child agree?')} optional value={v.consentGiven} onChange={set('consentGiven')} placeholder="—"
          options={[{ value: 'yes', label: L('Có', 'Yes') }, { value: 'no', label: L('Không', 'No') }]} errors={errors} />
        <Select name="consent.method" label={L('Cách hỏi ý kiến', 'How it was asked')} optional value={v.consentMethod} onChange={set('consentMethod')} options={opt(CONSENT)} placeholder="—" errors={errors} />
      </fieldset>
      <TextInput name="plannedDays" type="number" min={1} max={15} label={L('Số ngày (tối đa 15)', 'Days (15 at most)')} value={v.plannedDays} onChange={set('plannedDays')} errors={errors} />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{L('Gửi đề nghị', 'Propose')}</button>
        <button type="button" className="secondary" onClick={() => { draft.discard(); onCancel(); }}>{L('Hủy', 'Cancel')}</button>
      </p>
      <DraftSaved at={draft.savedAt} />
    </form>
  );
}

/** One separation in full, with the actions the caller may take (the chair's decision asks to confirm having read it all). */
export function SeparationCard({ s, onChanged }: { s: Separation; onChanged(): void }) {
  const { lang, t } = useI18n();
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const [open, setOpen] = useState<string | null>(null);
  // A step recorded without a connection: what it is, said until the next action is opened.
  const [queued, setQueued] = useState<string | null>(null);
  return (
    <li className={`case-card${s.overdue ? ' is-overdue' : ''}`} aria-labelledby={`sep-${s.id}`}>
      <h3 id={`sep-${s.id}`} className="case-card-head">{L('Tạm thời cách ly', 'Temporary separation')}</h3>
      <SeparationFacts s={s} />
      {s.allowedActions.length > 0 && (
        <div className="actions">
          {s.allowedActions.map((a) => (
            <button key={a} type="button" className="secondary" aria-expanded={open === a} onClick={() => { setQueued(null); setOpen(open === a ? null : a); }}>
              <ActionName s={s} action={a} />
            </button>
          ))}
        </div>
      )}
      {queued && <p className="notice" role="status">{t('outbox.queuedEvent', { event: queued })}</p>}
      {open && <EventForm key={open} s={s} action={open} onCancel={() => setOpen(null)} onDone={() => { setOpen(null); onChanged(); }}
        onQueued={(step) => { setOpen(null); setQueued(step); }} />}
    </li>
  );
}

/** What a separation is now: its state, the proposal in full, its dates, the next visit and the visits recorded. */
export function SeparationFacts({ s }: { s: Separation }) {
  const i18n = useI18n();
  const { lang, dateTime, date, t, duration } = i18n;
  const now = useNow();
  const L = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const pair = (m: Record<string, [string, string]>, k: string | null) => (k && m[k] ? L(m[k][0], m[k][1]) : k ?? '—');
  const visit = s.deadlines.find((d) => d.key === 'monitoring_visit');
  return (
    <>
      <div className="badges">
        <Badge tone={s.state === 'in_effect' ? 'warn' : s.state === 'proposed' ? 'info' : 'plain'}>{pair(STATE, s.state)}</Badge>
        {s.overdue && <Badge tone="danger">{L('Quá hạn', 'Overdue')}</Badge>}
        {s.daysLeft !== null && <Badge tone="info">{L(`Còn ${s.daysLeft} ngày`, `${s.daysLeft} days left`)}</Badge>}
      </div>
      {/* The proposal in full: what the chair decides on. */}
      <dl className="facts">
        <div><dt>{L('Cách ly khỏi', 'Separated from')}</dt><dd>{pair(FROM, s.separatedFrom)}{s.separatedFromName ? ` — ${s.separatedFromName}` : ''}</dd></div>
        <div><dt>{L('Hình thức chăm sóc', 'Placement')}</dt><dd>{pair(PLACEMENT, s.placement.kind)}</dd></div>
        <div><dt>{L('Người/cơ sở nhận', 'Carer')}</dt><dd>{s.placement.carerName}{s.placement.relation ? ` (${s.placement.relation})` : ''}</dd></div>
        <div><dt>{L('Địa chỉ', 'Address')}</dt><dd>{s.placement.address}{s.placement.phone ? ` · ${s.placement.phone}` : ''}</dd></div>
        <div><dt>{L('Ý kiến của trẻ', 'The child’s consent')}</dt><dd>{s.consent.given === null ? L('Trẻ dưới 7 tuổi', 'Under 7') : s.consent.given ? L('Đồng ý', 'Agrees') : L('Không đồng ý', 'Does not agree')}{s.consent.method ? ` · ${pair(CONSENT, s.consent.method)}` : ''}</dd></div>
        <div><dt>{L('Số ngày đề nghị', 'Days proposed')}</dt><dd>{s.plannedDays}</dd></div>
        <div><dt>{L('Người đề nghị', 'Proposed by')}</dt><dd>{s.proposedByName ?? '—'} · {dateTime(s.proposedAt)}{s.state === 'proposed' && <> · <strong className="waited">{t('decision.waited', { d: duration(now - new Date(s.proposedAt).getTime()) })}</strong></>}</dd></div>
        {s.state === 'proposed' && <div><dt>{L('Hạn quyết định (12 giờ)', 'Decide by (12 hours)')}</dt><dd>{dateTime(s.decisionDueAt)} · <Countdown dueAt={s.decisionDueAt} /></dd></div>}
        {s.startOn && <div><dt>{L('Thời gian cách ly', 'Separation')}</dt><dd>{date(s.startOn)} – {date(s.endOn ?? s.startOn)}{s.extensions > 0 ? L(` (gia hạn ${s.extensions} lần)`, ` (extended ${s.extensions}×)`) : ''}</dd></div>}
        {s.state === 'in_effect' && visit && <div><dt>{L('Lần thăm tiếp theo', 'Next monitoring visit')}</dt><dd>{dateTime(visit.dueAt)} · <Countdown dueAt={visit.dueAt} /></dd></div>}
        <div className="wide"><dt>{L('Lý do', 'Reason')}</dt><dd className="prose">{s.reason}</dd></div>
        {s.outcomeReason && <div className="wide"><dt>{L('Lý do kết thúc', 'Why it ended')}</dt><dd className="prose">{s.outcomeReason}</dd></div>}
      </dl>
      {s.visits.length > 0 && (
        <>
          <h4>{L('Các lần thăm, giám sát', 'Monitoring visits')}</h4>
          <ol>{s.visits.map((x, i) => <li key={i}>{date(x.visitedOn)}: {x.childCondition} — {x.carerCare}. {x.observations}</li>)}</ol>
        </>
      )}
    </>
  );
}

function ActionName({ s, action }: { s: Separation; action: string }) {
  const { lang } = useI18n();
  const contract = useWorkflow(s.workflow, s.workflowVersion)?.events[action];
  return <>{contract ? named(contract, lang) : action}</>;
}

/**
 * One event's form, from the contract: text and date fields, and choices — the signer's title,
 * whose default is the chair and which the chair may change to a vice-chair signing for them.
 */
function EventForm({ s, action, onDone, onQueued, onCancel }: {
  s: Separation; action: string; onDone(): void; onQueued(step: string): void; onCancel(): void;
}) {
  const user = useUser();
  const i18n = useI18n();
  const L = (vi: string, en: string) => (i18n.lang === 'vi' ? vi : en);
  const contract = useWorkflow(s.workflow, s.workflowVersion)?.events[action];
  const [v, setV] = useState<Record<string, string>>({});
  const [key] = useState(idempotencyKey);
  const draftId = `${user.id}|separation|${s.id}|${action}`;
  const draft = useDraft(draftId, v, Object.values(v).some((x) => x.trim() !== ''), setV);
  const [readAll, setReadAll] = useState(false);
  const [unread, setUnread] = useState(false);
  const cmd = useCommand();
  const errors = { ...explainFields(cmd.error?.fields ?? {}, i18n), ...(unread ? { readAll: [i18n.t('decision.readAllNeeded')] } : {}) };
  if (!contract) return <p className="muted" role="status">{i18n.t('common.loading')}</p>;
  const fields = contract.fields.filter((f) => f.kind === 'text' || f.kind === 'date' || f.kind === 'choice');
  const valueOf = (f: (typeof fields)[number]) => v[f.key] ?? (f.kind === 'choice' ? f.default ?? '' : '');
  const title = named(contract, i18n.lang);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (contract.decision && !readAll) {
      setUnread(true);
      document.getElementById(`${s.id}-readAll`)?.focus();
      return;
    }
    const data = Object.fromEntries(fields.filter((f) => valueOf(f).trim()).map((f) => [f.key, valueOf(f).trim()]));
    // A visit or a withdrawal recorded without a connection waits in the outbox; the chair's decisions never wait.
    const res = await cmd.run(() => sendOrQueue<{ separation: Separation }>({
      id: key, userId: user.id, kind: 'separationEvent', path: `/separations/${s.id}/events`, body: { type: action, data, expectedVersion: s.version },
      caseId: s.caseId, caseCode: s.caseCode, eventType: action, separationId: s.id, workflow: { name: s.workflow, version: s.workflowVersion },
      draftId, draft: v,
    }, !contract.decision));
    if (res) {
      draft.clear();
      if (res === 'queued') onQueued(title);
      else onDone();
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={title}>
      {draft.restored && <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.discard(); setV({}); }} />}
      <ErrorNotice error={cmd.error} />
      {contract.decision && action === 'DECIDE_SEPARATION' && (
        <p className="notice">{L('Xem kỹ đề nghị ở trên trước khi ký quyết định (Mẫu số 07).', 'Read the proposal above in full before signing the decision (Mẫu số 07).')}</p>
      )}
      {fields.map((f) => (f.kind === 'choice'
        ? <Select key={f.key} name={`data.${f.key}`} id={`${s.id}-${f.key}`} label={named(f, i18n.lang)} value={valueOf(f)}
          onChange={(x) => setV((o) => ({ ...o, [f.key]: x }))} errors={errors}
          options={f.options.filter((o) => !f.optionRoles?.[o] || f.optionRoles[o].includes(user.role))
            .map((o) => ({ value: o, label: i18n.label(f.vocabulary as LabelGroup, o) }))} />
        : f.kind === 'date'
        ? <TextInput key={f.key} name={`data.${f.key}`} id={`${s.id}-${f.key}`} type="date" label={named(f, i18n.lang)} value={v[f.key] ?? ''} onChange={(x) => setV((o) => ({ ...o, [f.key]: x }))} errors={errors} />
        : <TextArea key={f.key} name={`data.${f.key}`} id={`${s.id}-${f.key}`} label={named(f, i18n.lang)} value={v[f.key] ?? ''} onChange={(x) => setV((o) => ({ ...o, [f.key]: x }))} errors={errors} />))}
      {contract.decision && (
        <Checkbox name="readAll" id={`${s.id}-readAll`} label={i18n.t('decision.readAll')} checked={readAll}
          onChange={(x) => { setReadAll(x); setUnread(false); }} errors={errors} />
      )}
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{L('Xác nhận', 'Confirm')}: {title}</button>
        <button type="button" className="secondary" onClick={() => { draft.discard(); onCancel(); }}>{L('Hủy', 'Cancel')}</button>
      </p>
      <DraftSaved at={draft.savedAt} />
    </form>
  );
}
