import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../router';
import type { CaseListItem } from '../api/types';
import { Badge, Countdown } from './bits';

/** One case in a list: code, child, stage, danger and the case's nearest unsettled deadline, named, with its countdown (late shows late); `children` below. */
export function CaseCard({ c, children }: { c: CaseListItem; children?: ReactNode }) {
  const { t, label, dateTime, lang } = useI18n();
  return (
    <li className={`case-card${c.overdue ? ' is-overdue' : ''}`}>
      <div className="case-card-head">
        <Link to={`/cases/${c.id}`} className="case-code">{c.code}</Link>
        {c.childName !== undefined && <span className="child-name">{c.childName ?? t('cases.unnamed')}</span>}
      </div>
      <div className="badges">
        <Badge tone="info">{label('state', c.state)}</Badge>
        {c.overdue && <Badge tone="danger">{t('cases.overdue')}</Badge>}
        {c.escalationLevel > 1 && <Badge tone="warn">{t('cases.escalation', { n: c.escalationLevel })}</Badge>}
        {c.immediateDanger && <Badge tone="danger">{t('case.immediateDanger')}</Badge>}
        {c.riskLevel && !c.immediateDanger && <Badge tone="plain">{t('case.risk')}: {label('risk', c.riskLevel)}</Badge>}
      </div>
      <dl className="facts">
        <div className="wide">
          <dt>{t('cases.nextDeadline')}</dt>
          <dd>{c.nextDeadline
            ? <>{lang === 'vi' ? c.nextDeadline.titleVi : c.nextDeadline.titleEn} — <Countdown dueAt={c.nextDeadline.dueAt} /></>
            : <Countdown dueAt={null} />}</dd>
        </div>
        <div><dt>{t('cases.received')}</dt><dd>{dateTime(c.receivedAt)}</dd></div>
        <div><dt>{t('case.types')}</dt><dd>{c.abuseTypes.map((a) => label('abuse', a)).join(', ')}</dd></div>
      </dl>
      {children}
    </li>
  );
}
