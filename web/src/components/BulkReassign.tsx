/** A supervisor's selected cases reassigned to one worker in one request, with what became of each. */
import { useState } from 'react';
import { api } from '../api';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { ErrorNotice } from './ErrorNotice';
import { Select } from './fields';
import type { BulkReassignResult, CaseListItem } from '../api/types';

export function BulkReassign({ selected, workers, onDone, onClear }: {
  selected: CaseListItem[];
  workers: Array<{ value: string; label: string }>;
  onDone(result: BulkReassignResult): void;
  onClear(): void;
}) {
  const { t } = useI18n();
  const [assigneeId, setAssigneeId] = useState('');
  const cmd = useCommand();
  const submit = () => cmd.run(async () => {
    const result = await api<BulkReassignResult>('/casework/reassign', {
      method: 'POST', body: { assigneeId, cases: selected.map((c) => ({ id: c.id, expectedVersion: c.version })) },
    });
    onDone(result);
  });
  return (
    <section className="bulk-bar" aria-label={t('bulk.selected', { n: selected.length })}>
      <strong>{t('bulk.selected', { n: selected.length })}</strong>
      <Select name="assigneeId" label={t('bulk.assignee')} value={assigneeId} onChange={setAssigneeId} placeholder={t('common.choose')}
        options={workers} errors={cmd.error?.fields} />
      <div className="actions">
        <button type="button" disabled={!assigneeId || cmd.busy} onClick={submit}>{cmd.busy ? t('common.sending') : t('bulk.submit')}</button>
        <button type="button" className="secondary" onClick={onClear}>{t('bulk.clear')}</button>
      </div>
      {cmd.error && !cmd.error.fields.assigneeId && <ErrorNotice error={cmd.error} />}
    </section>
  );
}
