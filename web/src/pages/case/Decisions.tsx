/**
 * The commune's numbered decisions about a case (plan approval, closure…): number, kind, the day it
 * was signed, who signed it and from when it is in effect. Absent from the need-to-know view.
 */
import type { CaseDetail, Decision } from '../../api/types';
import { useI18n } from '../../i18n';

export function DecisionsSection({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  if (!c.decisions) return null;
  return (
    <section aria-labelledby="decisions-h" className="card">
      <h2 id="decisions-h">{t('decision.title')}</h2>
      {c.decisions.length === 0 ? <p className="muted">{t('decision.none')}</p> : (
        <ul className="cards">{c.decisions.map((d) => <DecisionCard key={d.id} d={d} />)}</ul>
      )}
    </section>
  );
}

function DecisionCard({ d }: { d: Decision }) {
  const { t, label, date } = useI18n();
  return (
    <li className="case-card">
      <div className="case-card-head">
        <strong>{t('decision.number', { display: d.display })}</strong>
        <span>{label('decisionKind', d.kind)}</span>
      </div>
      <dl className="facts">
        <div><dt>{t('decision.decidedAt')}</dt><dd><time dateTime={d.decidedAt}>{date(d.decidedAt)}</time></dd></div>
        <div><dt>{t('decision.signer')}</dt><dd>{d.signer.name} — {label('signerTitle', d.signer.title)}</dd></div>
        <div><dt>{t('decision.effectiveOn')}</dt><dd>{d.effectiveOn ? date(d.effectiveOn) : t('decision.effectiveOnSigning')}</dd></div>
      </dl>
    </li>
  );
}
