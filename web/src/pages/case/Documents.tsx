/**
 * The case file (hồ sơ): the official forms of NĐ 56/2017/NĐ-CP the case has data for, each to view,
 * print or download as a PDF, and the whole file at once. The server renders them (src/documents);
 * every rendering is audited there.
 */
import { useEffect, useRef } from 'react';
import type { CaseDetail, CaseDocument } from '../../api/types';
import { Badge, Loading } from '../../components/bits';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PdfActions } from '../../components/PdfActions';
import { useApi } from '../../query';
import { useI18n } from '../../i18n';

/** The forms a commune edits before signing, offered as DOCX too: the plan and the chair's decisions. */
const EDITABLE: ReadonlySet<string> = new Set(['mau-04', 'mau-05', 'mau-07', 'closure-decision']);

export function CaseDocuments({ c }: { c: CaseDetail }) {
  const { t, lang, date } = useI18n();
  const list = useApi<CaseDocument[]>(`/cases/${c.id}/documents`);
  // Read again when the case changes (a step recorded, a decision issued): new forms become available.
  const { reload } = list;
  const seen = useRef(c.version);
  useEffect(() => {
    if (seen.current === c.version) return;
    seen.current = c.version;
    reload();
  }, [c.version, reload]);
  const docs = list.data;
  return (
    <section aria-labelledby="documents-h" className="card documents">
      <h2 id="documents-h">{t('docs.title')}</h2>
      <p className="muted">{t('docs.intro')}</p>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {!docs && list.loading && <Loading />}
      {docs && (
        <>
          <ul className="doc-list">
            {docs.map((d) => {
              const title = lang === 'vi' ? d.titleVi : d.titleEn;
              return (
                <li key={d.form} className={d.available ? '' : 'settled'}>
                  <div className="dl-head">
                    <strong>{title}</strong>
                    <Badge tone={d.available ? 'ok' : 'plain'}>{d.available ? t('docs.available') : t('docs.unavailable')}</Badge>
                  </div>
                  {d.decision && <div>{t('docs.decision', { number: d.decision.display, date: date(d.decision.decidedAt) })}</div>}
                  {d.available && (
                    <PdfActions path={`/cases/${c.id}/documents/${d.form}`} filename={`${c.code}-${d.form}.pdf`} what={title} editable={EDITABLE.has(d.form)} />
                  )}
                </li>
              );
            })}
          </ul>
          <h3>{t('docs.wholeTitle')}</h3>
          <PdfActions path={`/cases/${c.id}/file`} filename={`${c.code}-ho-so.pdf`} what={t('docs.wholeTitle')}
            viewLabel={t('docs.viewWhole')} downloadLabel={t('docs.downloadWhole')} />
        </>
      )}
    </section>
  );
}

/** "In trang này": the browser's print of the page as it is, with the print stylesheet (no menus, no buttons). */
export function PrintPageButton() {
  const { t } = useI18n();
  return (
    <p className="actions print-page">
      <button type="button" className="secondary" onClick={() => window.print()}>{t('print.page')}</button>
    </p>
  );
}
