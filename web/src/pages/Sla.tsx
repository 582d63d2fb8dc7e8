/** On-time figures as simple charts (the report statistics and their exports: pages/Statistics.tsx). */
import { useState, type FormEvent } from 'react';
import { query } from '../api';
import { BarChart, type Bar } from '../components/BarChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle } from '../components/bits';
import { TextInput } from '../components/fields';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { todayLocal } from '../format';
import type { SlaReport } from '../api/types';

/** `onTimeRate` is a fraction (0..1) of the settled ones; null when none settled yet. */
const tone = (rate: number | null): Bar['tone'] => (rate === null ? undefined : rate >= 0.9 ? 'ok' : rate >= 0.7 ? 'warn' : 'danger');

export function Sla() {
  const i18n = useI18n();
  const { t, lang, number } = i18n;
  const today = todayLocal();
  const year = Number(today.slice(0, 4));
  const [range, setRange] = useState({ from: `${year}-01-01`, to: today });
  const [shown, setShown] = useState(range);
  const report = useApi<SlaReport>(`/oversight/sla${query(shown)}`);

  const percent = (rate: number | null) => (rate === null ? t('sla.noData') : `${number(rate * 100)}\u00a0%`);
  const show = (e: FormEvent) => {
    e.preventDefault();
    setShown(range);
  };

  const r = report.data;
  const maxHours = Math.max(1, ...(r?.stages ?? []).map((s) => s.p90Hours ?? s.medianHours ?? 0));
  return (
    <>
      <PageTitle title={t('sla.title')}>{t('sla.title')}</PageTitle>
      <form className="filters" onSubmit={show} aria-label={t('sla.show')}>
        <TextInput name="from" label={t('sla.from')} type="date" value={range.from} max={range.to} onChange={(from) => setRange({ ...range, from })} />
        <TextInput name="to" label={t('sla.to')} type="date" value={range.to} min={range.from} onChange={(to) => setRange({ ...range, to })} />
        <button type="submit">{t('sla.show')}</button>
      </form>
      <ErrorNotice error={report.error} onReload={report.reload} />
      {report.loading && !r && <Loading />}
      {r && (
        <div className="charts">
          <section className="card" aria-labelledby="sla-deadlines">
            <h2 id="sla-deadlines">{t('sla.deadlines')}</h2>
            {r.deadlines.length === 0 ? <p className="muted">{t('sla.empty')}</p> : (
              <BarChart label={t('sla.deadlines')} max={1} bars={r.deadlines.map((d) => ({
                key: d.key, label: lang === 'vi' ? d.titleVi : d.titleEn, value: d.onTimeRate, text: percent(d.onTimeRate),
                tone: tone(d.onTimeRate), detail: t('sla.counts', { onTime: d.onTime, late: d.late, open: d.open, total: d.total }),
              }))} />
            )}
          </section>
          <section className="card" aria-labelledby="sla-agencies">
            <h2 id="sla-agencies">{t('sla.agencies')}</h2>
            {r.agencies.length === 0 ? <p className="muted">{t('sla.empty')}</p> : (
              <BarChart label={t('sla.agencies')} max={1} bars={r.agencies.map((a) => ({
                key: a.agencyId, label: a.name, value: a.onTimeRate, text: percent(a.onTimeRate), tone: tone(a.onTimeRate),
                detail: t('sla.agencyCounts', { accepted: a.acceptedOnTime, completed: a.completedOnTime, total: a.total }),
              }))} />
            )}
          </section>
          <section className="card" aria-labelledby="sla-stages">
            <h2 id="sla-stages">{t('sla.stages')}</h2>
            {r.stages.length === 0 ? <p className="muted">{t('sla.empty')}</p> : (
              <BarChart label={t('sla.stages')} max={maxHours} bars={r.stages.map((s) => ({
                key: s.stage, label: i18n.label('state', s.stage), value: s.medianHours,
                text: s.medianHours === null ? t('sla.noData') : `${number(s.medianHours, 1)} ${t('time.hour')}`,
                detail: t('sla.stageHours', {
                  median: s.medianHours === null ? '—' : number(s.medianHours, 1),
                  p90: s.p90Hours === null ? '—' : number(s.p90Hours, 1), count: s.count,
                }),
              }))} />
            )}
          </section>
          <section className="card" aria-labelledby="sla-open">
            <h2 id="sla-open">{t('sla.openLonger')}</h2>
            <ul className="figures">
              {([30, 60, 90] as const).map((n) => (
                <li key={n}><strong>{r.openLongerThan[`days${n}`]}</strong> <span>{t('sla.days', { n })}</span></li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </>
  );
}
