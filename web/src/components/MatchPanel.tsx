/**
 * Search-or-create at intake: while the child's details are typed, the registry's likely matches
 * (POST /children/matches, after a pause in typing), each with its score and why it matched. The
 * person filing links the report to one of them or keeps "new child".
 */
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import type { ChildMatch } from '../api/types';
import type { ChildBody } from './ChildFields';
import { useI18n } from '../i18n';
import { Badge } from './bits';
import { ChildSummaryFacts, childName } from './ChildSummary';

/** The pause in typing before looking up. */
const DEBOUNCE_MS = 400;

interface Props {
  communeCode: string;
  child: ChildBody;
  /** The registry child the report will be linked to; null: a new record. */
  chosen: ChildMatch | null;
  onChoose(m: ChildMatch | null): void;
}

/** Enough typed to tell a child apart: a name, a personal id or a parent's name. */
function searchable(c: ChildBody): boolean {
  const has = (s: string | null | undefined) => (s?.trim().length ?? 0) >= 2;
  return has(c.fullName) || has(c.personalId) || has(c.father?.fullName) || has(c.mother?.fullName) || (c.otherNames ?? []).some(has);
}

export function MatchPanel({ communeCode, child, chosen, onChoose }: Props) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<ChildMatch[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const ready = communeCode !== '' && searchable(child);
  const request = { communeCode, child: { ...child, sex: child.sex ?? 'unknown' } };
  // The form rebuilds the child on every keystroke: look up again only when what is sent changes.
  const key = JSON.stringify(request);

  useEffect(() => {
    if (!ready) {
      setItems(null);
      setFailed(false);
      return;
    }
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      setBusy(true);
      api<{ items: ChildMatch[] }>('/children/matches', { body: request, signal: ctrl.signal })
        .then((res) => {
          setItems(res.items);
          setFailed(false);
        })
        .catch((e: unknown) => {
          if (ctrl.signal.aborted) return;
          // A half-typed field the API refuses (400) is shown at the field when the report is sent.
          if (!(e instanceof ApiError && e.status === 400)) setFailed(true);
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setBusy(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [ready, key]);

  // A chosen child the latest answer no longer offers stays chosen: the person filing decided.
  const shown = chosen && items && !items.some((m) => m.child.id === chosen.child.id) ? [chosen, ...items] : items ?? (chosen ? [chosen] : []);
  let status: string;
  if (!communeCode) status = t('match.needCommune');
  else if (!ready) status = t('match.hint');
  else if (busy) status = t('match.searching');
  else if (failed) status = t('match.failed');
  else status = shown.length ? t('match.count', { n: shown.length }) : t('match.none');

  return (
    <section className="card match-panel" aria-labelledby="match-h">
      <h3 id="match-h">{t('match.title')}</h3>
      <p className="muted small">{t('match.intro')}</p>
      <p role="status" aria-live="polite">{status}</p>
      {shown.length > 0 && (
        <ul className="cards">
          {shown.map((m) => {
            const picked = chosen?.child.id === m.child.id;
            const headingId = `match-${m.child.id}`;
            return (
              <li key={m.child.id} className={`case-card${picked ? ' is-chosen' : ''}`} aria-labelledby={headingId}>
                <div className="case-card-head">
                  <strong id={headingId}>{childName(m.child, t)}</strong>
                  <Badge tone={m.score >= 80 ? 'warn' : 'plain'}>{t('match.score', { n: m.score })}</Badge>
                </div>
                <ChildSummaryFacts c={m.child} />
                {m.reasons.length > 0 && (
                  <>
                    <p className="small muted">{t('match.why')}:</p>
                    <ul className="reasons">{m.reasons.map((r) => <li key={r.code}>{lang === 'vi' ? r.vi : r.en}</li>)}</ul>
                  </>
                )}
                <p className="actions">
                  <button type="button" className={picked ? '' : 'secondary'} aria-pressed={picked} onClick={() => onChoose(picked ? null : m)}>
                    {picked ? t('match.chosen') : t('match.choose')}
                  </button>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <div className="notice">
        <p>{chosen ? t('match.linked', { name: childName(chosen.child, t) }) : t('match.willCreate')}</p>
        {shown.length > 0 && (
          <p className="actions">
            <button type="button" className={chosen ? 'secondary' : ''} aria-pressed={!chosen} onClick={() => onChoose(null)}>{t('match.newChild')}</button>
          </p>
        )}
      </div>
    </section>
  );
}
