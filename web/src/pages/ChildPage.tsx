/**
 * One child of the registry: the record (identity, residence, school, parents, carer, household,
 * siblings), the child's cases within the caller's scope, editing (with the version read, so a
 * concurrent change is not overwritten) and, for supervisors, merging into another record of the
 * same child, undoable; the data subject's rights (components/ChildRights): corrections, consents,
 * the restriction of processing and the export for an official request.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, query } from '../api';
import type { ChildMerge, ChildRecord, ParentFields } from '../api/types';
import { CASE_MANAGER_ROLES, useUser } from '../auth';
import { Badge, Loading, PageTitle, Status } from '../components/bits';
import { childBody, childDraftFrom, childFieldLabels, ChildFieldsForm, type ChildDraft } from '../components/ChildFields';
import { ChildPicker } from '../components/ChildPicker';
import { ConsentsCard, CorrectionsCard, ExportCard, RestrictionBanner, RestrictionCard } from '../components/ChildRights';
import { childName } from '../components/ChildSummary';
import { ErrorNotice } from '../components/ErrorNotice';
import { SupportRegister } from '../components/SupportRegister';
import { TextArea } from '../components/fields';
import { useCommand } from '../hooks';
import { useApi, useCommuneName } from '../query';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { explainFields } from '../validation';

export function ChildPage({ id }: { id: string }) {
  const user = useUser();
  const { t, label, date } = useI18n();
  const { params } = useLocation();
  const rec = useApi<ChildRecord>(`/children/${id}`);
  const [status, setStatus] = useState<string | null>(null);
  const [open, setOpen] = useState<'edit' | 'merge' | null>(null);
  const communeName = useCommuneName();
  // Just merged into this record (the merge form comes here): the merge can be undone from here.
  const mergeId = params.get('merge');
  const mergedFrom = params.get('from');
  const undo = useCommand();

  const c = rec.data;
  if (!c) {
    return (
      <>
        <PageTitle title={t('nav.children')}>{t('nav.children')}</PageTitle>
        {rec.loading ? <Loading /> : <ErrorNotice error={rec.error} onReload={rec.reload} />}
      </>
    );
  }

  const name = childName(c, t);
  const editable = CASE_MANAGER_ROLES.includes(user.role) && !c.mergedInto;
  const undoMerge = async () => {
    const res = await undo.run(() => api<ChildMerge>(`/children/merges/${mergeId}/undo`, { method: 'POST' }));
    if (res && mergedFrom) navigate(`/children/${mergedFrom}${query({ undone: 'true' })}`, { replace: true });
  };

  return (
    <>
      <PageTitle title={name}>{name}</PageTitle>
      {c.mergedInto && (
        <div className="notice">
          <p>{t('childPage.merged')}</p>
          <p><Link to={`/children/${c.mergedInto}`}>{t('childPage.openMerged')}</Link></p>
        </div>
      )}
      {mergeId && mergedFrom && (
        <div className="notice notice-ok">
          <p>{t('childPage.mergeDone')}</p>
          <ErrorNotice error={undo.error} />
          <p className="actions">
            <button type="button" className="secondary" disabled={undo.busy} onClick={() => void undoMerge()}>{t('childPage.undo')}</button>
          </p>
        </div>
      )}
      {params.get('undone') && <p className="notice notice-ok">{t('childPage.undone')}</p>}
      <RestrictionBanner c={c} />
      <Status message={status} />

      {editable && (
        <section aria-labelledby="child-actions-h" className="card">
          <h2 id="child-actions-h">{t('case.actions')}</h2>
          <ul className="event-actions">
            <li className="event-action">
              <button type="button" className="secondary toggle" aria-expanded={open === 'edit'} aria-controls="child-edit"
                onClick={() => setOpen(open === 'edit' ? null : 'edit')}>{t('childPage.edit')}</button>
            </li>
            {user.role === 'supervisor' && (
              <li className="event-action">
                <button type="button" className="secondary toggle" aria-expanded={open === 'merge'} aria-controls="child-merge"
                  onClick={() => setOpen(open === 'merge' ? null : 'merge')}>{t('childPage.merge')}</button>
              </li>
            )}
          </ul>
          {/* A new version means the form was based on what is no longer there: start afresh. */}
          {open === 'edit' && (
            <EditForm key={c.version} c={c} onReload={rec.reload} onCancel={() => setOpen(null)}
              onSaved={() => {
                setOpen(null);
                setStatus(t('childPage.saved'));
                rec.reload();
              }} />
          )}
          {open === 'merge' && <MergeForm c={c} onCancel={() => setOpen(null)} />}
        </section>
      )}

      <SupportRegister c={c} />

      <section aria-labelledby="record-h" className="card">
        <h2 id="record-h">{t('childPage.record')}</h2>
        <h3>{t('child.section.identity')}</h3>
        <dl className="facts">
          <Fact label={t('intake.childName')}>{c.fullName}</Fact>
          <Fact label={t('child.otherNames')}>{c.otherNames.join(', ')}</Fact>
          <Fact label={t('case.sex')}>{label('sex', c.sex)}</Fact>
          <Fact label={t('case.dob')}>{c.dateOfBirth ? date(c.dateOfBirth) : null}</Fact>
          <Fact label={t('intake.age')}>{c.approxAgeYears}</Fact>
          <Fact label={t('child.personalId')}>{c.personalId}</Fact>
          <Fact label={t('child.ethnicity')}>{c.ethnicity}</Fact>
          <Fact label={t('case.version')}>{c.version}</Fact>
        </dl>
        <h3>{t('child.section.residence')}</h3>
        <dl className="facts">
          <Fact label={t('child.residenceCommune')}>{c.communeName ?? c.residenceCommuneCode}</Fact>
          <Fact label={t('child.village')}>{c.village}</Fact>
          <Fact label={t('child.currentAddress')}>{c.currentAddress}</Fact>
        </dl>
        <h3>{t('child.section.school')}</h3>
        <dl className="facts">
          <Fact label={t('child.school')}>{c.school}</Fact>
          <Fact label={t('child.schoolClass')}>{c.schoolClass}</Fact>
        </dl>
      </section>

      <section aria-labelledby="family-h" className="card">
        <h2 id="family-h">{t('child.section.household')}</h2>
        <dl className="facts">
          <Fact label={t('child.household.headName')}>{c.household?.headName}</Fact>
          <Fact label={t('child.household.members')}>{c.household?.members}</Fact>
          <Fact label={t('child.household.poverty')}>{c.household?.poverty ? label('poverty', c.household.poverty) : null}</Fact>
          <Fact label={t('child.household.notes')} wide>{c.household?.notes}</Fact>
        </dl>
        <h3>{t('child.section.parents')}</h3>
        <Parent who="father" p={c.father} />
        <Parent who="mother" p={c.mother} />
        <h3>{t('child.section.carer')}</h3>
        <dl className="facts">
          <Fact label={t('child.carer.fullName')}>{c.carer?.fullName}</Fact>
          <Fact label={t('child.carer.relation')}>{c.carer?.relation}</Fact>
          <Fact label={t('child.carer.phone')}>{c.carer?.phone}</Fact>
          <Fact label={t('child.carer.address')}>{c.carer?.address}</Fact>
        </dl>
        <h3>{t('child.section.siblings')}</h3>
        {c.siblings.length === 0 ? <p className="muted">{t('child.noSiblings')}</p> : (
          <ul>
            {c.siblings.map((s, i) => (
              <li key={i}>
                {[s.fullName ?? t('child.unnamed'), s.sex ? label('sex', s.sex) : null, s.birthYear ? t('child.bornYear', { y: s.birthYear }) : null]
                  .filter(Boolean).join(' · ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="child-cases-h" className="card">
        <h2 id="child-cases-h">{t('childPage.cases')}</h2>
        {c.cases.length === 0 ? <p className="muted">{t('childPage.noCases')}</p> : (
          <ul className="cards">
            {c.cases.map((k) => (
              <li key={k.id} className="case-card">
                <div className="case-card-head">
                  <Link to={`/cases/${k.id}`} className="case-code">{k.code}</Link>
                  <span>{communeName(k.communeCode)}</span>
                </div>
                <div className="badges">
                  <Badge tone="info">{label('state', k.state)}</Badge>
                  {k.repeat && <Badge tone="warn">{t('childPage.repeat')}</Badge>}
                </div>
                <dl className="facts">
                  <Fact label={t('cases.received')}>{date(k.receivedAt)}</Fact>
                  {k.closedAt && <Fact label={t('childPage.closedAt')}>{date(k.closedAt)}</Fact>}
                  <Fact label={t('case.types')}>{k.abuseTypes.map((a) => label('abuse', a)).join(', ')}</Fact>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <CorrectionsCard c={c} onChanged={rec.reload} />
      <ConsentsCard c={c} />
      <RestrictionCard c={c} onChanged={rec.reload} />
      <ExportCard c={c} />
    </>
  );
}

/** One fact of the record; "—" when not known. */
function Fact({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return <div className={wide ? 'wide' : undefined}><dt>{label}</dt><dd>{empty ? '—' : children}</dd></div>;
}

function Parent({ who, p }: { who: 'father' | 'mother'; p: ParentFields | null | undefined }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      <Fact label={t(`child.${who}.fullName`)}>{p?.fullName}</Fact>
      <Fact label={t(`child.${who}.birthYear`)}>{p?.birthYear}</Fact>
      <Fact label={t(`child.${who}.occupation`)}>{p?.occupation}</Fact>
      <Fact label={t(`child.${who}.phone`)}>{p?.phone}</Fact>
    </dl>
  );
}

function EditForm({ c, onSaved, onReload, onCancel }: { c: ChildRecord; onSaved(): void; onReload(): void; onCancel(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<ChildDraft>(() => childDraftFrom(c));
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Only what the user changed: the record's other fields stay as they are (and the audit names the changed ones).
    const before = childBody(childDraftFrom(c), 'update');
    const changed = Object.entries(childBody(draft, 'update'))
      .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before]));
    const res = await cmd.run(() => api<ChildRecord>(`/children/${c.id}`, {
      method: 'PATCH', body: { expectedVersion: c.version, ...Object.fromEntries(changed) },
    }));
    if (res) onSaved();
  };

  return (
    <form id="child-edit" className="card form" onSubmit={submit} noValidate aria-label={t('childPage.edit')}>
      <ErrorNotice error={cmd.error} onReload={onReload} fieldLabels={childFieldLabels('', draft, t)} />
      <ChildFieldsForm prefix="" value={draft} onChange={setDraft} errors={errors} openAll />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('childPage.save')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}

/** A supervisor merges this record into another of the same child; the other record's page offers the undo. */
function MergeForm({ c, onCancel }: { c: ChildRecord; onCancel(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [targetId, setTargetId] = useState('');
  const [reason, setReason] = useState('');
  const cmd = useCommand();
  const errors = useMemo(() => explainFields(cmd.error?.fields ?? {}, i18n), [cmd.error, i18n]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await cmd.run(() => api<ChildMerge>('/children/merges', {
      body: { sourceId: c.id, targetId: targetId || undefined, reason: reason.trim() },
    }));
    if (res) navigate(`/children/${res.targetId}${query({ merge: res.id, from: res.sourceId })}`);
  };

  return (
    <form id="child-merge" className="card form" onSubmit={submit} noValidate aria-label={t('childPage.merge')}>
      <p>{t('childPage.mergeIntro')}</p>
      <ErrorNotice error={cmd.error} fieldLabels={{ targetId: t('picker.choose'), reason: t('childPage.mergeReason') }} />
      <ChildPicker name="targetId" exclude={c.id} value={targetId} onChange={setTargetId} errors={errors} />
      <TextArea name="reason" label={t('childPage.mergeReason')} value={reason} onChange={setReason} errors={errors} />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : t('childPage.mergeSubmit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </p>
    </form>
  );
}
