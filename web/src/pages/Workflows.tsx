/** Each workflow version: its diagram (Mermaid, drawn in the browser), transitions and deadline table. */
import { useEffect, useId, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle } from '../components/bits';
import { useApi } from '../query';
import { useI18n, type I18n } from '../i18n';
import { legalBasisText } from '../format';
import { Link } from '../router';
import type { WorkflowDefinition, WorkflowSummary } from '../api/types';

export function Workflows({ name, version }: { name?: string; version?: number }) {
  const { t, lang } = useI18n();
  const list = useApi<{ items: WorkflowSummary[] }>('/workflows');
  const first = list.data?.items[0];
  const selected = name && version ? { name, version } : first ? { name: first.name, version: first.version } : null;
  const title = (w: WorkflowSummary) => `${lang === 'vi' ? w.titleVi : w.titleEn} (${t('wf.version', { n: w.version })})`;
  return (
    <>
      <PageTitle title={t('wf.title')}>{t('wf.title')}</PageTitle>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <nav aria-label={t('wf.title')}>
          <ul className="tabs">
            {list.data.items.map((w) => {
              const current = selected?.name === w.name && selected.version === w.version;
              return (
                <li key={`${w.name}-${w.version}`}>
                  <Link to={`/workflows/${w.name}/${w.version}`} aria-current={current ? 'page' : undefined}>{title(w)}</Link>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      {selected && <WorkflowDetail key={`${selected.name}/${selected.version}`} name={selected.name} version={selected.version} />}
    </>
  );
}

function WorkflowDetail({ name, version }: { name: string; version: number }) {
  const i18n = useI18n();
  const { t, label, lang } = i18n;
  const def = useApi<WorkflowDefinition>(`/workflows/${encodeURIComponent(name)}/${version}`);
  const states = name === 'handoff' ? 'handoffState' : 'state';
  if (!def.data) return def.loading ? <Loading /> : <ErrorNotice error={def.error} onReload={def.reload} />;
  const w = def.data;
  const stateName = (s: string) => (s === '*' ? t('wf.any') : `${label(states, s)} (${s})`);
  return (
    <article aria-labelledby="wf-h">
      <h2 id="wf-h">{lang === 'vi' ? w.titleVi : w.titleEn} · {t('wf.version', { n: w.version })}</h2>
      <section className="card" aria-labelledby="wf-diagram">
        <h3 id="wf-diagram">{t('wf.diagram')}</h3>
        <Diagram text={localize(w.mermaid, states, i18n)} />
      </section>
      <section className="card" aria-labelledby="wf-transitions">
        <h3 id="wf-transitions">{t('wf.transitions')}</h3>
        {/* Scrolls sideways on a phone: reachable and scrollable by keyboard. */}
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="wf-transitions">
          <table>
            <thead>
              <tr><th scope="col">{t('wf.from')}</th><th scope="col">{t('wf.event')}</th><th scope="col">{t('wf.to')}</th><th scope="col">{t('wf.guard')}</th></tr>
            </thead>
            <tbody>
              {w.transitions.map((tr, i) => (
                <tr key={i}>
                  <td>{stateName(tr.from)}</td>
                  <td>{label('event', tr.event)} <code>{tr.event}</code></td>
                  <td>{stateName(tr.to)}</td>
                  <td>{tr.guard ? <code>{tr.guard}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="wf-deadlines">
        <h3 id="wf-deadlines">{t('wf.deadlines')}</h3>
        <ul className="deadlines">
          {w.deadlines.map((d) => (
            <li key={d.key}>
              <strong>{lang === 'vi' ? d.titleVi : d.titleEn}</strong>
              <div>{t('wf.rule')}: {ruleText(d.rule, i18n)}, {d.anchor === 'receipt' ? t('wf.anchor.receipt') : t('wf.anchor.transition')}</div>
              <div className="muted small">{t('case.legalBasis')}: {legalBasisText(d.legalBasis, lang)}</div>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function ruleText(rule: Record<string, number>, { t }: I18n): string {
  if (rule.hours !== undefined) return t('wf.rule.hours', { n: rule.hours });
  if (rule.workingDays !== undefined) return t('wf.rule.workingDays', { n: rule.workingDays });
  if (rule.calendarDays !== undefined) return t('wf.rule.calendarDays', { n: rule.calendarDays });
  return JSON.stringify(rule);
}

/** The server's diagram with state and event names in the user's language (ids unchanged). */
function localize(mermaid: string, states: 'state' | 'handoffState', { t, label }: I18n): string {
  const quote = (s: string) => s.replace(/["#;:]/g, ' ');
  const lines = mermaid.split('\n');
  const ids = new Set<string>();
  const body = lines.map((line) => {
    const every = /^(\s*)In every state: (.*)$/.exec(line);
    if (every) return `${every[1]}${t('wf.everyState')}: ${every[2].split(/,\s*/).map((e) => quote(label('event', e))).join(', ')}`;
    const m = /^(\s*)([\w*\[\]]+) --> ([\w*\[\]]+)(?:\s*:\s*(\w+)(.*))?$/.exec(line);
    if (!m) return line;
    const [, indent, from, to, event, rest] = m;
    for (const s of [from, to]) if (/^\w+$/.test(s)) ids.add(s);
    return event ? `${indent}${from} --> ${to}: ${quote(label('event', event))}${rest ?? ''}` : line;
  });
  const header = body.findIndex((l) => l.trim().startsWith('stateDiagram'));
  const declarations = [...ids].map((id) => `  state "${quote(label(states, id))}" as ${id}`);
  return [...body.slice(0, header + 1), ...declarations, ...body.slice(header + 1)].join('\n');
}

function Diagram({ text }: { text: string }) {
  const { t } = useI18n();
  const id = `wf${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  // Whole diagram in the column by default; actual size (scrolling sideways) to read it on a phone.
  const [fit, setFit] = useState(true);

  useEffect(() => {
    let cancelled = false;
    setSvg(null);
    setFailed(false);
    // Mermaid is large: it loads only when a diagram is shown.
    import('mermaid')
      .then(async ({ default: mermaid }) => {
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', fontFamily: 'inherit' });
        const out = await mermaid.render(id, text);
        // Its natural width, so that "actual size" is the size Mermaid laid it out at.
        const natural = /max-width:\s*([\d.]+)px/.exec(out.svg)?.[1];
        if (!cancelled) setSvg(natural ? out.svg.replace('width="100%"', `width="${natural}"`) : out.svg);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [id, text]);

  if (failed) return <p className="notice">{t('wf.renderFailed')}</p>;
  if (!svg) return <Loading />;
  return (
    <>
      <p>
        <button type="button" className="secondary" aria-pressed={!fit} onClick={() => setFit(!fit)}>{t('wf.actualSize')}</button>
      </p>
      {/* securityLevel 'strict': Mermaid sanitises its own output. */}
      <figure className={`diagram${fit ? ' fit' : ''}`} role="img" aria-label={t('wf.diagramLabel')} tabIndex={0} dangerouslySetInnerHTML={{ __html: svg }} />
    </>
  );
}
