import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../router';
import type { CaseListItem } from '../api/types';
import { Badge, Countdown } from './bits';

/**
 * One case in a list: code, child, stage, danger, flags and the case's nearest unsettled deadline,
 * named, with its countdown (late shows late); `children` below. With `select`, a checkbox to pick
 * it (a supervisor's bulk reassignment). A village collaborator's report shows its status only (no
 * link: the case's content is not theirs to read).
 */
export function CaseCard({ c, select, children }: { c: CaseListItem; select?: { checked: boolean; onChange(on: boolean): void }; children?: ReactNode }) {
  const { t, label, dateTime, lang } = useI18n();
  const statusOnly = c.abuseTypes === undefined;
  return (
    <li className={`case-card${c.overdue ? ' is-overdue' : ''}${select?.checked ? ' is-chosen' : ''}`}>
      <div className="case-card-head">
        {select && (
          <input type="checkbox" className="case-select" checked={select.checked} onChange={(e) => select.onChange(e.target.checked)}
            aria-label={t('bulk.select', { code: c.code })} />
        )}
        {statusOnly ? <span className="case-code">{c.code}</span> : <Link to={`/cases/${c.id}`} className="case-code">{c.code}</Link>}
        {c.childName !== undefined && <span className="child-name">{c.childName ?? t('cases.unnamed')}</span>}
      </div>
      <div className="badges">
        <Badge tone="info">{label('state', c.state)}</Badge>
        {c.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}
        {c.escalationLevel > 1 && <Badge tone="warn">{t('cases.escalation', { n: c.escalationLevel })}</Badge>}
        {c.immediateDanger && <Badge tone="danger">{t('case.immediateDanger')}</Badge>}
        {c.riskLevel && !c.immediateDanger && <Badge tone="plain">{t('case.risk')}: {label('risk', c.riskLevel)}</Badge>}
        {c.flags?.map((f) => <Badge key={f} tone="warn">{t('flags.badge', { reason: label('flagReason', f) })}</Badge>)}
      </div>
      <dl className="facts">
        <div className="wide">
          <dt>{t('cases.nextDeadline')}</dt>
          <dd>{c.nextDeadline
            ? <>{lang === 'vi' ? c.nextDeadline.titleVi : c.nextDeadline.titleEn} — <Countdown dueAt={c.nextDeadline.dueAt} /></>
            : <Countdown dueAt={null} />}</dd>
        </div>
        <div><dt>{t('cases.received')}</dt><dd>{dateTime(c.receivedAt)}</dd></div>
        {c.abuseTypes && <div><dt>{t('case.types')}</dt><dd>{c.abuseTypes.map((a) => label('abuse', a)).join(', ')}</dd></div>}
      </dl>
      {children}
    </li>
  );
}
