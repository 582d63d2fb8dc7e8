import { useI18n } from '../i18n';
import { Link } from '../router';
import type { CaseListItem } from '../api/types';
import { Badge, Countdown } from './bits';

/**
 * One case in a list: code, child, stage, danger and the countdown to its next deadline. A village
 * collaborator's report shows its status only (no link: the case's content is not theirs to read).
 */
export function CaseCard({ c }: { c: CaseListItem }) {
  const { t, label, dateTime } = useI18n();
  const statusOnly = c.abuseTypes === undefined;
  return (
    <li className={`case-card${c.overdue ? ' is-overdue' : ''}`}>
      <div className="case-card-head">
        {statusOnly ? <span className="case-code">{c.code}</span> : <Link to={`/cases/${c.id}`} className="case-code">{c.code}</Link>}
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
        <div><dt>{t('cases.nextDeadline')}</dt><dd><Countdown dueAt={c.nextDueAt} /></dd></div>
        <div><dt>{t('cases.received')}</dt><dd>{dateTime(c.receivedAt)}</dd></div>
        {c.abuseTypes && <div><dt>{t('case.types')}</dt><dd>{c.abuseTypes.map((a) => label('abuse', a)).join(', ')}</dd></div>}
      </dl>
    </li>
  );
}
