/**
 * What the report said (Mẫu số 01): the incident, the answers of the report-receipt form that were
 * given, and the reporter — only in the views that carry them (a partner's need-to-know view has no
 * reporter and no description).
 */
import type { CaseDetail } from '../../api/types';
import { useI18n } from '../../i18n';

/** Free-text answers of Mẫu số 01, in the form's order; short ones sit beside each other, long ones take the width. */
const FORM_01_TEXTS = ['childWhereabouts', 'childCondition', 'likelyConsequences', 'familySituation', 'actionsTaken', 'notes'] as const;

export function ReportFacts({ c }: { c: CaseDetail }) {
  const { t, label, dateTime } = useI18n();
  const i = c.incident;
  return (
    <>
      <h3>{t('case.incident')}</h3>
      <dl className="facts">
        <div><dt>{t('case.types')}</dt><dd>{i.types.map((a) => label('abuse', a)).join(', ')}</dd></div>
        {i.category && <div><dt>{t('intake.category')}</dt><dd>{label('reportCategory', i.category)}</dd></div>}
        {i.receivedVia && <div><dt>{t('intake.receivedVia')}</dt><dd>{label('receivedVia', i.receivedVia)}</dd></div>}
        {i.description && <div className="wide"><dt>{t('case.description')}</dt><dd className="prose">{i.description}</dd></div>}
        {i.occurredAt && <div><dt>{t('case.occurredAt')}</dt><dd>{dateTime(i.occurredAt)}</dd></div>}
        {i.location && <div><dt>{t('case.location')}</dt><dd>{i.location}</dd></div>}
        {FORM_01_TEXTS.map((key) => i[key] && (
          <div key={key} className={key === 'childWhereabouts' ? undefined : 'wide'}>
            <dt>{t(`intake.${key}`)}</dt><dd className="prose">{i[key]}</dd>
          </div>
        ))}
      </dl>
      {c.reporter && (
        <>
          <h3>{t('case.reporter')}</h3>
          <dl className="facts">
            {c.reporter.anonymous ? <div><dt>{t('case.name')}</dt><dd>{t('case.anonymous')}</dd></div> : (
              <>
                <div><dt>{t('case.name')}</dt><dd>{c.reporter.name ?? '—'}</dd></div>
                <div><dt>{t('case.phone')}</dt><dd>{c.reporter.phone ?? '—'}</dd></div>
                {c.reporter.address && <div><dt>{t('case.address')}</dt><dd>{c.reporter.address}</dd></div>}
              </>
            )}
            {c.reporter.relationToChild && <div><dt>{t('case.relation')}</dt><dd>{c.reporter.relationToChild}</dd></div>}
          </dl>
        </>
      )}
    </>
  );
}
