/**
 * An urgent report (báo cáo đột xuất): the incident, the commune and the Department of Health it
 * goes to, both deadlines, who received and acknowledged it, its content, its PDF, and what the
 * caller may do now — the actions' names and fields come from the `urgent-report` contract.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api';
import type { UrgentReport } from '../api/types';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { explainFields } from '../validation';
import { named, useWorkflow } from '../workflows';
import { Badge, Countdown } from './bits';
import { ErrorNotice } from './ErrorNotice';
import { PdfActions } from './PdfActions';
import { TextArea, TextInput } from './fields';

const CONTENT = ['summary', 'occurredAt', 'location', 'children', 'consequences', 'actionsTaken', 'cause', 'proposals'] as const;
const FINISHED = ['closed', 'withdrawn'];

interface Props {
  r: UrgentReport;
  level: 2 | 3;
  onUpdated(r: UrgentReport): void;
  onReload(): void;
}

export function UrgentReportCard({ r, level, onUpdated, onReload }: Props) {
  const { t, label, dateTime, lang } = useI18n();
  const contract = useWorkflow('urgent-report', 1);
  const [open, setOpen] = useState<string | null>(null);
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingId = `ur-${r.id}`;
  const due = (key: string) => r.deadlines.find((d) => d.key === key);
  const fieldName = (key: string) => {
    const f = contract?.events.SUBMIT_REPORT?.fields.find((x) => x.key === key);
    return f ? named(f, lang) : key;
  };
  const finished = FINISHED.includes(r.state);
  return (
    <li className={`case-card${r.overdue ? ' is-overdue' : ''}${finished ? ' settled' : ''}`} aria-labelledby={headingId}>
      <Heading id={headingId} className="case-card-head">
        <span>{r.kinds.map((k) => label('urgentKind', k)).join(', ')}</span>
        <Link to={`/cases/${r.caseId}`} className="case-code">{r.caseCode}</Link>
      </Heading>
      <div className="badges">
        <Badge tone={finished ? 'plain' : 'info'}>{label('urgentReportState', r.state)}</Badge>
        {r.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}
      </div>
      <dl className="facts">
        <div><dt>{t('urgent.commune')}</dt><dd>{r.commune.name}</dd></div>
        <div><dt>{t('urgent.openedAt')}</dt><dd>{dateTime(r.createdAt)}</dd></div>
        <div><dt>{t('urgent.addressedTo')}</dt><dd>{r.addressedTo.name}</dd></div>
        {[['urgent_report_chair', 'urgent.chairDue'], ['urgent_report_province', 'urgent.provinceDue']].map(([key, text]) => {
          const d = due(key);
          return d ? (
            <div key={key}>
              <dt>{t(text as 'urgent.chairDue')}</dt>
              <dd>{dateTime(d.dueAt)} · {d.status === 'pending' || d.status === 'breached'
                ? <Countdown dueAt={d.dueAt} /> : label('deadlineStatus', d.status)}</dd>
            </div>
          ) : null;
        })}
        {r.chairReceivedBy && (
          <div><dt>{t('urgent.chairReceived')}</dt><dd>{r.chairReceivedBy.name ?? '—'}{r.chairReceivedAt ? `, ${dateTime(r.chairReceivedAt)}` : ''}{r.chairNote ? ` — ${r.chairNote}` : ''}</dd></div>
        )}
        {r.provinceAcknowledgedBy && (
          <div><dt>{t('urgent.provinceAcknowledged')}</dt><dd>{r.provinceAcknowledgedBy.name ?? '—'}{r.provinceAcknowledgedAt ? `, ${dateTime(r.provinceAcknowledgedAt)}` : ''}{r.provinceNote ? ` — ${r.provinceNote}` : ''}</dd></div>
        )}
        {r.reason && <div className="wide"><dt>{t('urgent.reason')}</dt><dd className="prose">{r.reason}</dd></div>}
      </dl>
      <details>
        <summary>{t('urgent.content')}</summary>
        <dl className="facts">
          {CONTENT.map((k) => (
            <div key={k} className="wide"><dt>{fieldName(k)}</dt><dd className="prose">{r.content[k] ?? '—'}</dd></div>
          ))}
        </dl>
      </details>
      <PdfActions path={`/urgent-reports/${r.id}/document`} filename={`bao-cao-dot-xuat-${r.caseCode}.pdf`} what={`${t('urgent.title')} ${r.caseCode}`}
        downloadLabel={t('urgent.pdf')} />
      {r.allowedActions.length > 0 && (
        <div className="actions">
          {r.allowedActions.map((a) => (
            <button key={a} type="button" className="secondary" aria-expanded={open === a} aria-controls={`${r.id}-${a}`}
              onClick={() => setOpen(open === a ? null : a)}>
              {label('event', a)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <ActionForm key={open} r={r} action={open} onCancel={() => setOpen(null)} onReload={onReload}
          onDone={(next) => {
            setOpen(null);
            onUpdated(next);
          }} />
      )}
    </li>
  );
}

function ActionForm({ r, action, onDone, onCancel, onReload }: {
  r: UrgentReport; action: string; onDone(r: UrgentReport): void; onCancel(): void; onReload(): void;
}) {
  const i18n = useI18n();
  const { t, label, lang } = i18n;
  const fields = useWorkflow('urgent-report', 1)?.events[action]?.fields;
  // A report being sent starts from what it already holds (the intake's answers).
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(
    CONTENT.map((k) => [k, action === 'SUBMIT_REPORT' ? r.content[k] ?? '' : '']),
  ));
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);
  const title = label('event', action);
  if (!fields) return <p className="muted" role="status">{t('common.loading')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const data = Object.fromEntries(fields.map((f) => [f.key, (values[f.key] ?? '').trim()]).filter(([, v]) => v !== ''));
    const res = await cmd.run(() => api<{ urgentReport: UrgentReport }>(`/urgent-reports/${r.id}/events`, {
      body: { type: action, data, expectedVersion: r.version },
    }));
    if (res) onDone(res.urgentReport);
  };
  const fieldLabels = Object.fromEntries(fields.map((f) => [`data.${f.key}`, named(f, lang)]));
  return (
    <form id={`${r.id}-${action}`} className="form" onSubmit={submit} noValidate aria-label={title}>
      <ErrorNotice error={cmd.error} onReload={onReload} fieldLabels={fieldLabels} />
      {fields.map((f) => {
        const props = {
          name: `data.${f.key}`, id: `${r.id}-${f.key}`, label: named(f, lang), optional: f.optional,
          hint: lang === 'vi' ? f.hintVi : f.hintEn, value: values[f.key] ?? '', errors,
          onChange: (v: string) => setValues((x) => ({ ...x, [f.key]: v })),
        };
        return f.kind === 'text' && f.multiline ? <TextArea key={f.key} {...props} /> : <TextInput key={f.key} {...props} />;
      })}
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : title}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
