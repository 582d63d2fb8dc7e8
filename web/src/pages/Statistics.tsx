/**
 * The report statistics as the law defines them (issue 20): the indicators with their definitions,
 * trends by month, the communes of a province compared, the cases behind any figure (drill-down,
 * never for the national role, which sees aggregate figures only), and the exports (CSV, XLSX,
 * for publication with small cells suppressed).
 */
import { useState, type FormEvent } from 'react';
import { apiFile, query } from '../api';
import { useAuth } from '../auth';
import { BarChart } from '../components/BarChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { Checkbox, Select, TextInput } from '../components/fields';
import { Loading, PageTitle, Pager, Status, saveFile } from '../components/bits';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import type { LabelGroup } from '../labels';
import { todayLocal } from '../format';
import { Link } from '../router';
import type { CaseListItem, CommuneComparison, StatisticsReport, StatisticsTrend } from '../api/types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A figure's cell the drill-down opens. */
interface Cell {
  figure: string;
  by?: string;
  value?: string;
  label: string;
}

export function Statistics() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const national = user?.role === 'national_admin';
  const year = Number(todayLocal().slice(0, 4));
  const periods = [year, year - 1].flatMap((y) => [
    { value: `${y}-H1`, label: t('sla.period.h1', { y }) },
    { value: `${y}-H2`, label: t('sla.period.h2', { y }) },
    { value: `${y}`, label: t('sla.period.year', { y }) },
  ]);
  const [period, setPeriod] = useState(periods[0].value);
  const [province, setProvince] = useState('');
  const [cell, setCell] = useState<Cell | null>(null);
  const stats = useApi<StatisticsReport>(`/statistics${query({ period })}`);
  const s = stats.data;
  const open = national ? undefined : (c: Cell) => setCell(c);

  return (
    <>
      <PageTitle title={t('stats.title')}>{t('stats.title')}</PageTitle>
      <p className="muted">{t(national ? 'stats.nationalIntro' : 'stats.intro')}</p>
      <form className="filters" aria-label={t('stats.period')} onSubmit={(e) => e.preventDefault()}>
        <Select name="period" label={t('sla.period')} value={period} onChange={(v) => { setPeriod(v); setCell(null); }} options={periods} />
      </form>
      <ErrorNotice error={stats.error} onReload={stats.reload} />
      {stats.loading && !s && <Loading />}
      {s && (
        <>
          <p>{t('stats.range', { from: s.from, to: s.to })}</p>
          <div className="charts">
            <Counts title={t('stats.childrenAbused')} figure="childrenAbused" total={s.childrenAbused.total} supported={s.childrenAbused.supported}
              groups={[['sex', 'sex', s.childrenAbused.bySex], ['ageGroup', 'ageGroup', s.childrenAbused.byAgeGroup],
                ['abuseType', 'abuse', s.childrenAbused.byAbuseType], ['environment', 'environment', s.childrenAbused.byEnvironment]]} open={open} />
            <Counts title={t('stats.adolescentsAbused')} figure="adolescentsAbused" total={s.adolescentsAbused.total} supported={s.adolescentsAbused.supported}
              groups={[['sex', 'sex', s.adolescentsAbused.bySex], ['abuseType', 'abuse', s.adolescentsAbused.byAbuseType],
                ['environment', 'environment', s.adolescentsAbused.byEnvironment]]} open={open} />
            <Counts title={t('stats.reports')} figure="reports" total={s.reports.total}
              groups={[['notCounted', 'notCounted', s.reports.notCounted], ['outcome', 'outcome', s.reports.byOutcome],
                ['channel', 'channel', s.reports.byChannel]]} open={open} />
            <Indicators s={s} open={open} />
          </div>
          {cell && <DrillDown period={period} cell={cell} onClose={() => setCell(null)} />}
          <section className="card" aria-labelledby="stats-defs">
            <h2 id="stats-defs">{t('stats.definitions')}</h2>
            <dl>
              {s.definitions.map((d) => (
                <div key={d.key}>
                  <dt>{lang === 'vi' ? d.titleVi : d.titleEn}{d.code ? ` (${t('stats.code', { code: d.code })})` : ''}</dt>
                  <dd>{lang === 'vi' ? d.definitionVi : d.definitionEn} <span className="muted">— {d.source}</span></dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      )}
      {national && (
        <form className="filters" aria-label={t('stats.province')} onSubmit={(e) => e.preventDefault()}>
          <TextInput name="provinceCode" label={t('stats.province')} value={province} onChange={setProvince} />
        </form>
      )}
      <Trends year={year} provinceCode={national ? province : undefined} />
      {(!national || province) && <Communes period={period} provinceCode={national ? province : undefined} />}
      <Exports period={period} />
    </>
  );
}

function Counts({ title, figure, total, supported, groups, open }: {
  title: string; figure: string; total: number; supported?: number;
  groups: Array<[by: string, labels: LabelGroup, counts: Record<string, number>]>; open?: (c: Cell) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = `stats-${figure}`;
  const figureLink = (label: string, value: number, c: Omit<Cell, 'label'>) =>
    open && value > 0 ? <button type="button" className="link" onClick={() => open({ ...c, label })}>{value}</button> : <>{value}</>;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="big">{figureLink(title, total, { figure })}</p>
      {supported !== undefined && <p>{t('stats.supported')}: {figureLink(`${title} — ${t('stats.supported')}`, supported, { figure, by: 'supported', value: 'true' })}</p>}
      {groups.map(([by, labels, counts]) => (
        <div className="table-scroll"><table key={by} className="compact">
          <caption>{t(`stats.by.${by}` as 'stats.by.sex')}</caption>
          <tbody>
            {Object.entries(counts).map(([code, n]) => (
              <tr key={code}>
                <th scope="row">{i18n.label(labels, code)}</th>
                <td>{figureLink(`${title} — ${i18n.label(labels, code)}`, n, { figure, by, value: code })}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      ))}
    </section>
  );
}

function Indicators({ s, open }: { s: StatisticsReport; open?: (c: Cell) => void }) {
  const { t, number } = useI18n();
  const rows = [
    ['verifiedOnTime', s.indicators.verifiedOnTime],
    ['planDraftedOnTime', s.indicators.planDraftedOnTime],
    ['closedChildSafe', s.indicators.closedChildSafe],
  ] as const;
  return (
    <section className="card" aria-labelledby="stats-indicators">
      <h2 id="stats-indicators">{t('stats.indicators')}</h2>
      <BarChart label={t('stats.indicators')} max={1} bars={rows.map(([key, ind]) => ({
        key, label: t(`stats.ind.${key}`), value: ind.rate,
        text: ind.rate === null ? t('sla.noData') : `${number(ind.rate * 100)}\u00a0%`,
        detail: t('stats.ratio', { n: ind.numerator, d: ind.denominator }),
      }))} />
      {open && (
        <ul>
          {rows.map(([key, ind]) => ind.denominator - ind.numerator > 0 && (
            <li key={key}>
              <button type="button" className="link" onClick={() => open({ figure: key, by: 'result', value: 'late', label: `${t(`stats.ind.${key}`)} — ${t('stats.late')}` })}>
                {t('stats.lateCases', { n: ind.denominator - ind.numerator, what: t(`stats.ind.${key}`) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>{t('stats.openLonger', { d30: s.openLongerThan.days30, d60: s.openLongerThan.days60, d90: s.openLongerThan.days90 })}</p>
      <p>{t('stats.special', { registered: s.specialCircumstances.registered, supported: s.specialCircumstances.supported })}</p>
      {s.handoffs.length > 0 && (
        <div className="table-scroll"><table className="compact">
          <caption>{t('stats.handoffs')}</caption>
          <thead><tr><th scope="col">{t('stats.agency')}</th><th scope="col">{t('stats.accepted')}</th><th scope="col">{t('stats.completed')}</th><th scope="col">{t('stats.total')}</th></tr></thead>
          <tbody>
            {s.handoffs.map((a) => (
              <tr key={a.agencyId}><th scope="row">{a.name}</th><td>{a.acceptedOnTime}</td><td>{a.completedOnTime}</td><td>{a.total}</td></tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

function DrillDown({ period, cell, onClose }: { period: string; cell: Cell; onClose(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [page, setPage] = useState(1);
  const list = useApi<{ items: CaseListItem[]; total: number; page: number; pageSize: number }>(
    `/statistics/cases${query({ period, figure: cell.figure, by: cell.by, value: cell.value, page, pageSize: 20 })}`);
  return (
    <section className="card" aria-labelledby="stats-drill">
      <h2 id="stats-drill">{t('stats.drill', { what: cell.label })}</h2>
      <button type="button" onClick={onClose}>{t('stats.closeDrill')}</button>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <div className="table-scroll"><table>
            <thead><tr><th scope="col">{t('stats.case')}</th><th scope="col">{t('stats.child')}</th><th scope="col">{t('stats.state')}</th><th scope="col">{t('stats.received')}</th></tr></thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/cases/${c.id}`}>{c.code}</Link></td>
                  <td>{c.childName ?? '—'}</td>
                  <td>{i18n.label('state', c.state)}</td>
                  <td>{i18n.dateTime(c.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function Trends({ year, provinceCode }: { year: number; provinceCode?: string }) {
  const { t } = useI18n();
  const trend = useApi<StatisticsTrend>(`/statistics/trends${query({ from: `${year - 1}-01`, to: `${year}-12`, provinceCode })}`);
  const months = trend.data?.months ?? [];
  const max = Math.max(1, ...months.map((m) => m.childrenAbused));
  return (
    <section className="card" aria-labelledby="stats-trends">
      <h2 id="stats-trends">{t('stats.trends')}</h2>
      <ErrorNotice error={trend.error} onReload={trend.reload} />
      {months.length > 0 && (
        <BarChart label={t('stats.trends')} max={max} bars={months.map((m) => ({
          key: m.month, label: m.month, value: m.childrenAbused, text: String(m.childrenAbused),
          detail: t('stats.monthDetail', { adolescents: m.adolescentsAbused, reports: m.reports }),
        }))} />
      )}
    </section>
  );
}

function Communes({ period, provinceCode }: { period: string; provinceCode?: string }) {
  const { t, number } = useI18n();
  const cmp = useApi<CommuneComparison>(`/statistics/communes${query({ period, provinceCode })}`);
  const pct = (r: number | null) => (r === null ? '—' : `${number(r * 100)}\u00a0%`);
  return (
    <section className="card" aria-labelledby="stats-communes">
      <h2 id="stats-communes">{t('stats.communes')}</h2>
      <ErrorNotice error={cmp.error} onReload={cmp.reload} />
      {cmp.data && (
        <div className="table-scroll"><table>
          <thead>
            <tr>
              <th scope="col">{t('stats.commune')}</th><th scope="col">{t('stats.childrenAbused')}</th><th scope="col">{t('stats.adolescentsAbused')}</th>
              <th scope="col">{t('stats.reports')}</th><th scope="col">{t('stats.ind.verifiedOnTime')}</th><th scope="col">{t('stats.ind.planDraftedOnTime')}</th>
            </tr>
          </thead>
          <tbody>
            {cmp.data.communes.map((c) => (
              <tr key={c.communeCode}>
                <th scope="row">{c.name}</th><td>{c.childrenAbused}</td><td>{c.adolescentsAbused}</td><td>{c.reports}</td>
                <td>{pct(c.verifiedOnTime.rate)}</td><td>{pct(c.planDraftedOnTime.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

function Exports({ period }: { period: string }) {
  const { t } = useI18n();
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [publish, setPublish] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const cmd = useCommand();
  const download = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const file = await cmd.run(() => apiFile(`/statistics${query({ period, publish: publish ? 'true' : undefined })}`, format === 'csv' ? 'text/csv' : XLSX));
    if (!file) return;
    const name = file.filename ?? `baove-thong-ke-${period}.${format}`;
    saveFile(file.blob, name);
    setDone(t('sla.downloaded', { file: name }));
  };
  return (
    <section className="card" aria-labelledby="stats-export">
      <h2 id="stats-export">{t('stats.export')}</h2>
      <form className="filters" onSubmit={download} aria-labelledby="stats-export">
        <Select name="format" label={t('stats.format')} value={format} onChange={(v) => setFormat(v as 'csv' | 'xlsx')}
          options={[{ value: 'xlsx', label: 'XLSX (Excel)' }, { value: 'csv', label: 'CSV' }]} />
        <Checkbox name="publish" label={t('stats.publish')} hint={t('stats.publishHint')} checked={publish} onChange={setPublish} />
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('stats.download')}</button>
      </form>
      <ErrorNotice error={cmd.error} />
      <Status message={done} />
    </section>
  );
}
