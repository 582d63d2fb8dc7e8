/**
 * Steps on a handoff — the receiving agency's accept, decline, start, complete and procedure status,
 * the commune's withdrawal — sent with the handoff's version they were taken on and an
 * Idempotency-Key. Without a connection a step waits in the outbox and is sent once when the
 * connection returns (a police officer or a nurse records them in the field); the words typed for a
 * step are kept on the device as a draft until sent, and go back there for a correction. A step
 * taken while earlier steps of the handoff wait on the device (offered from the state they leave it
 * in: pendingSteps.ts) waits behind them, over the version the last of them will make.
 */
import { useState, type FormEvent } from 'react';
import { idempotencyKey } from '../api';
import type { InboxItem } from '../api/types';
import { useUser } from '../auth';
import { useDraft } from '../drafts';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { enqueue, flush, sendOrQueue, useOutbox, type Queued } from '../outbox';
import { explainFields } from '../validation';
import { named, useWorkflow } from '../workflows';
import { ErrorNotice } from './ErrorNotice';
import { Link } from '../router';
import { pendingView, type PendingView } from '../pendingSteps';
import { Badge, DraftNotice, DraftSaved } from './bits';
import { TextArea } from './fields';

export type HandoffStep = InboxItem['allowedActions'][number];

/** What a step needs of its handoff: the handoff, its version and workflow, and its case. */
export interface HandoffRef {
  id: string;
  version: number;
  workflow: string;
  workflowVersion: number;
  caseId: string;
  caseCode: string;
}

/** Where the words of a step on a handoff are kept on the device until sent. */
export const stepDraftId = (userId: string, handoffId: string, step: HandoffStep) => `${userId}|handoff|${handoffId}|${step}`;

/** The person's steps on handoff `id` kept on the device, oldest first. */
export function useKeptSteps(id: string): Queued[] {
  const user = useUser();
  return useOutbox(user.id).filter((i) => i.kind === 'handoffAction' && i.handoffId === id);
}

/**
 * What a handoff's card offers: the steps the server allowed at its last answer or, while the
 * person's steps on it wait on the device, the handoff as they leave it and the steps from there.
 */
export function useHandoffView(h: HandoffRef & { state: string; allowedActions: readonly HandoffStep[] }) {
  const user = useUser();
  const def = useWorkflow(h.workflow, h.workflowVersion);
  const kept = useKeptSteps(h.id);
  const pending = def && pendingView(def, h, kept.map((i) => ({ type: i.eventType ?? '', status: i.status })), user.role);
  // The definition's steps are the contract's events, the very names of HandoffStep.
  return { def, kept, pending, steps: (pending ? pending.steps : h.allowedActions) as readonly HandoffStep[] };
}

/** The steps kept on the device for a handoff, said to wait, and where they leave it (or that one is held). */
export function KeptSteps({ id, kept, pending }: { id: string; kept: Queued[]; pending: PendingView }) {
  const { t, label } = useI18n();
  return (
    <div id={id} className="notice" role="note" aria-label={t('inbox.pending')}>
      <p><Badge tone="warn">{t('inbox.pending')}</Badge> {t('inbox.pendingSteps', { steps: kept.map((i) => label('event', i.eventType)).join(', ') })}</p>
      <p>
        {pending.held ? t('inbox.pendingHeld')
          : pending.state === null ? t('inbox.pendingUnknown') : t('inbox.pendingState', { state: label('handoffState', pending.state) })}
        {' '}<Link to="/outbox">{t('outbox.see')}</Link>
      </p>
    </div>
  );
}

/** Sends steps on `h`: the handoff as it is now, or 'queued' (kept in the outbox for want of a connection, or behind steps kept there). */
export function useHandoffStep(h: HandoffRef) {
  const user = useUser();
  const cmd = useCommand();
  const kept = useKeptSteps(h.id);
  // One key per step taken: a retry after a lost answer applies once; the next step gets a fresh one.
  const [key, setKey] = useState(idempotencyKey);
  const send = async (step: HandoffStep, data: Record<string, unknown>, draft: unknown = null) => {
    const item = {
      id: key, userId: user.id, kind: 'handoffAction', path: `/handoffs/${h.id}/${step.toLowerCase()}`,
      body: { ...data, expectedVersion: h.version }, caseId: h.caseId, caseCode: h.caseCode, eventType: step, handoffId: h.id,
      workflow: { name: h.workflow, version: h.workflowVersion }, draftId: stepDraftId(user.id, h.id, step), draft,
    } as const;
    const last = kept.at(-1);
    const res = await cmd.run(async () => {
      if (!last) return sendOrQueue<{ handoff: InboxItem }>(item);
      // Behind the steps kept: over the version the last of them will make (each step makes one; set exactly once it is sent).
      await enqueue({ ...item, after: last.id, body: { ...item.body, expectedVersion: h.version + kept.length } });
      if (navigator.onLine) void flush(user.id);
      return 'queued' as const;
    });
    if (res) setKey(idempotencyKey());
    return res;
  };
  return { cmd, send };
}

interface TextStepProps {
  h: HandoffRef;
  /** A step whose one field is a text (decline: the reason; complete: the outcome; cancel: the reason). */
  step: HandoffStep;
  onDone(h: InboxItem): void;
  onQueued(): void;
  onReload(): void;
  onCancel(): void;
}

/** A step's form whose one field is a text, named by the handoff workflow's contract. */
export function HandoffTextStep({ h, step, onDone, onQueued, onReload, onCancel }: TextStepProps) {
  const i18n = useI18n();
  const { t, label, lang } = i18n;
  const user = useUser();
  const field = useWorkflow(h.workflow, h.workflowVersion)?.events[step]?.fields.find((f) => f.kind === 'text');
  const [text, setText] = useState('');
  const draft = useDraft(stepDraftId(user.id, h.id, step), text, text.trim() !== '', setText);
  const { cmd, send } = useHandoffStep(h);
  if (!field) return <p className="muted" role="status">{t('common.loading')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await send(step, { [field.key]: text.trim() }, text);
    if (!res) return;
    draft.clear();
    if (res === 'queued') onQueued();
    else onDone(res.handoff);
  };
  const name = named(field, lang);
  return (
    <form id={`${h.id}-${step}`} className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={label('event', step)}>
      {draft.restored && <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.discard(); setText(''); }} />}
      <ErrorNotice error={cmd.error} onReload={onReload} states="handoffState" fieldLabels={{ [field.key]: name }} />
      <TextArea name={field.key} id={`${h.id}-${field.key}`} label={name} value={text} onChange={setText}
        errors={explainFields(cmd.error?.fields ?? {}, i18n)} />
      <p className="actions">
        <button type="submit" disabled={cmd.busy}>{cmd.busy ? t('common.sending') : label('event', step)}</button>
        <button type="button" className="secondary" onClick={() => { draft.discard(); onCancel(); }}>{t('common.cancel')}</button>
      </p>
      <DraftSaved at={draft.savedAt} />
    </form>
  );
}
