/**
 * A request to move a case to another commune (handover to the child's home commune, or transfer
 * after a move): where from and to, why, the answer's deadline, and what the caller may do now —
 * accept (naming a worker of the receiving commune), decline or withdraw, each with its reason.
 * The actions' names and fields come from the transfer workflow's contract.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, query } from '../api';
import type { DirectoryUser, Transfer, TransferAction } from '../api/types';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { explainFields } from '../validation';
import { named, useWorkflow } from '../workflows';
import { Badge, Countdown } from './bits';
import { ErrorNotice } from './ErrorNotice';
import { Select, TextArea } from './fields';

const PATH: Record<TransferAction, string> = { ACCEPT_TRANSFER: 'accept', DECLINE_TRANSFER: 'decline', CANCEL_TRANSFER: 'cancel' };

interface Props {
  tr: Transfer;
  /** The heading level: a card in a page's list is a section of its own (h2), on the case page it sits under one (h3). */
  level: 2 | 3;
  onUpdated(tr: Transfer): void;
  onReload(): void;
}

export function TransferCard({ tr, level, onUpdated, onReload }: Props) {
  const { t, label, dateTime } = useI18n();
  const [open, setOpen] = useState<TransferAction | null>(null);
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingId = `tr-${tr.id}`;
  return (
    <li className={`case-card${tr.overdue ? ' is-overdue' : ''}${tr.decidedAt ? ' settled' : ''}`} aria-labelledby={headingId}>
      <Heading id={headingId} className="case-card-head">
        <span>{label('transferKind', tr.kind)}</span>
        <Link to={`/cases/${tr.caseId}`} className="case-code">{tr.caseCode}</Link>
      </Heading>
      <div className="badges">
        <Badge tone={tr.decidedAt ? 'plain' : 'info'}>{label('transferState', tr.state)}</Badge>
        {tr.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}
      </div>
      <dl className="facts">
        <div><dt>{t('transfer.from')}</dt><dd>{tr.fromCommune.name}</dd></div>
        <div><dt>{t('transfer.toShort')}</dt><dd>{tr.toCommune.name}</dd></div>
        <div><dt>{t('transfer.requestedAt')}</dt><dd>{dateTime(tr.requestedAt)}</dd></div>
        {tr.requestedBy && <div><dt>{t('transfer.requestedBy')}</dt><dd>{tr.requestedBy.fullName}</dd></div>}
        {!tr.decidedAt && tr.dueAt && <div><dt>{t('transfer.due')}</dt><dd>{dateTime(tr.dueAt)} · <Countdown dueAt={tr.dueAt} /></dd></div>}
        {tr.decidedAt && <div><dt>{t('transfer.decidedAt')}</dt><dd>{dateTime(tr.decidedAt)}</dd></div>}
        {tr.residence && (
          <div><dt>{t('transfer.newResidence')}</dt><dd>{[tr.residence.village, tr.residence.address].filter(Boolean).join(', ') || '—'}</dd></div>
        )}
        <div className="wide"><dt>{t('transfer.reason')}</dt><dd className="prose">{tr.reason}</dd></div>
        {tr.decisionReason && <div className="wide"><dt>{t('transfer.decisionReason')}</dt><dd className="prose">{tr.decisionReason}</dd></div>}
      </dl>
      {tr.allowedActions.length > 0 && (
        <div className="actions">
          {tr.allowedActions.map((a) => (
            <button key={a} type="button" className="secondary" aria-expanded={open === a} aria-controls={`${tr.id}-${a}`}
              onClick={() => setOpen(open === a ? null : a)}>
              {label('event', a)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <ActionForm key={open} tr={tr} action={open} onCancel={() => setOpen(null)} onReload={onReload}
          onDone={(next) => {
            setOpen(null);
            onUpdated(next);
          }} />
      )}
    </li>
  );
}

function ActionForm({ tr, action, onDone, onCancel, onReload }: {
  tr: Transfer; action: TransferAction; onDone(tr: Transfer): void; onCancel(): void; onReload(): void;
}) {
  const i18n = useI18n();
  const { t, label, lang } = i18n;
  const field = useWorkflow(tr.workflow, tr.workflowVersion)?.events[action]?.fields[0];
  const [value, setValue] = useState('');
  // Accepting names a worker of the receiving commune, who takes the case.
  const accepting = field?.kind === 'assignee';
  const users = useApi<{ items: DirectoryUser[] }>(accepting ? `/directory/users${query({ communeCode: tr.toCommune.code })}` : null);
  const staff = (users.data?.items ?? []).filter((u) => u.role === 'social_worker' || u.role === 'supervisor');
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);
  const title = label('event', action);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!field) return;
    const res = await cmd.run(() => api<{ transfer: Transfer }>(`/transfers/${tr.id}/${PATH[action]}`, {
      body: { [field.key]: accepting ? value || undefined : value.trim() },
    }));
    if (res) onDone(res.transfer);
  };

  if (!field) return <p className="muted" role="status">{t('common.loading')}</p>;
  const name = named(field, lang);
  const hint = lang === 'vi' ? field.hintVi : field.hintEn;
  return (
    <form id={`${tr.id}-${action}`} className="form" onSubmit={submit} noValidate aria-label={title}>
      <ErrorNotice error={cmd.error} onReload={onReload} fieldLabels={{ [field.key]: name }} />
      {accepting ? (
        <>
          <ErrorNotice error={users.error} onReload={users.reload} />
          <Select name={field.key} id={`${tr.id}-${field.key}`} label={name} hint={hint} value={value} onChange={setValue}
            placeholder={t('common.choose')} errors={errors}
            options={staff.map((u) => ({ value: u.id, label: `${u.fullName} (${label('role', u.role)})` }))} />
        </>
      ) : (
        <TextArea name={field.key} id={`${tr.id}-${field.key}`} label={name} hint={hint} value={value} onChange={setValue} errors={errors} />
      )}
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : title}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
