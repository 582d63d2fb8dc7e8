/**
 * What is due: the steps already late, due today and due this week (Monday–Sunday, Vietnam time),
 * with the case, the step and the time left; the caller's own work, or the commune's for supervisors.
 * Below, the special-circumstances supports' steps (assessment, plan, review) due by then.
 */
import type { ReactNode } from 'react';
import { query } from '../api';
import { useUser } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Countdown, Loading, PageTitle } from '../components/bits';
import { Select } from '../components/fields';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import type { Agenda as AgendaData, AgendaItem, SupportAgendaItem } from '../api/types';

const WHEN = ['overdue', 'today', 'this_week'] as const;

export function Agenda() {
  const user = useUser();
  const { t, label, lang, date, serverText } = useI18n();
  const { params } = useLocation();
  const mayCommune = user.role !== 'social_worker';
  const scope = mayCommune && params.get('scope') === 'commune' ? 'commune' : 'mine';
  const agenda = useApi<AgendaData>(`/casework/agenda${query({ scope })}`);

  const heading = (when: (typeof WHEN)[number], a: AgendaData) =>
    when === 'overdue' ? t('agenda.overdue') : when === 'today' ? t('agenda.today', { date: date(a.today) }) : t('agenda.thisWeek', { date: date(a.weekEnds) });
  /** A step due: the case or support it belongs to, the step, the time left, then `facts` of its own. */
  const card = (i: AgendaItem | SupportAgendaItem, to: string, code: string, facts: ReactNode) => (
    <li key={i.deadlineId} className={`case-card${i.when === 'overdue' ? ' is-overdue' : ''}`}>
      <div className="case-card-head">
        <Link to={to} className="case-code">{code}</Link>
        <span>{lang === 'vi' ? i.titleVi : i.titleEn}</span>
      </div>
      <dl className="facts">
        <div><dt>{t('cases.nextDeadline')}</dt><dd><Countdown dueAt={i.dueAt} />
          {i.when !== 'overdue' && i.workingDaysLeft > 0 && <span className="muted small"> · {t('agenda.workingDays', { n: i.workingDaysLeft })}</span>}</dd></div>
        {facts}
      </dl>
    </li>
  );
  const item = (i: AgendaItem) => card(i, `/cases/${i.caseId}`, i.caseCode, <>
    <div><dt>{t('cases.state')}</dt><dd>{label('state', i.stage)}</dd></div>
    {scope === 'commune' && (
      <div><dt>{t('agenda.owedBy')}</dt><dd>{label('owedBy', i.owedBy.type)}{' '}
        {i.owedBy.name ? serverText(i.owedBy.name) : i.owedBy.type === 'worker' ? t('agenda.unassigned') : ''}</dd></div>
    )}
  </>);
  const supportItem = (i: SupportAgendaItem) => card(i, `/supports/${i.supportId}`, i.supportCode, <>
    <div><dt>{t('support.status')}</dt><dd>{label('supportStatus', i.status)}</dd></div>
    {scope === 'commune' && <div><dt>{t('agenda.registeredBy')}</dt><dd>{serverText(i.owedBy.name)}</dd></div>}
  </>);

  return (
    <>
      <PageTitle title={t('agenda.title')}>{t('agenda.title')}</PageTitle>
      {mayCommune && (
        <div className="filters">
          <Select name="scope" label={t('agenda.scope')} value={scope}
            onChange={(v) => navigate(`/agenda${query({ scope: v === 'commune' ? 'commune' : undefined })}`)}
            options={[{ value: 'mine', label: t('agenda.mine') }, { value: 'commune', label: t('agenda.commune') }]} />
        </div>
      )}
      <ErrorNotice error={agenda.error} onReload={agenda.reload} />
      {agenda.loading && !agenda.data && <Loading />}
      {agenda.data && agenda.data.items.length === 0 && agenda.data.supports.length === 0 && <p className="notice notice-ok">{t('agenda.none')}</p>}
      {agenda.data && WHEN.map((when) => {
        const items = agenda.data!.items.filter((i) => i.when === when);
        return items.length > 0 && (
          <section key={when} aria-labelledby={`agenda-${when}`}>
            <h2 id={`agenda-${when}`}>{heading(when, agenda.data!)} ({items.length})</h2>
            <ul className="cards">{items.map(item)}</ul>
          </section>
        );
      })}
      {agenda.data && agenda.data.supports.length > 0 && (
        <section aria-labelledby="agenda-supports">
          <h2 id="agenda-supports">{t('agenda.supports')} ({agenda.data.supports.length})</h2>
          <ul className="cards">{agenda.data.supports.map(supportItem)}</ul>
        </section>
      )}
    </>
  );
}
