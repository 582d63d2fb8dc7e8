/**
 * The free text of `handoffs` rows, sealed with `FieldCipher` (README "Data protection"). The
 * handoffs module writes the rows; the cases module declares their read models (the case view,
 * the timeline, the transfers) and the handoffs module depends on it, so the rule lives here,
 * where both reach it.
 *
 * - The columns `instructions`, `outcome` and `reason`, each for `handoffs.<column>`, on every row
 *   of the table (an agency's work, a transfer between communes, a separation, an urgent report):
 *   what the commune asked, what the agency did, why it was declined or withdrawn, why a transfer
 *   was asked. Where a workflow keeps a code in `outcome` (`accepted`, `expired`) it is sealed alike:
 *   nothing queries these columns.
 * - The free text of the workflow's context (`snapshot.context`), each for
 *   `handoffs.snapshot.context.<path>`, named per workflow by `SEALED_HANDOFF_CONTEXT`. Sealed at
 *   rest only, as a case's context (src/cases/case-fields.ts): the handoffs repository locks a row
 *   for a transition with them opened and seals them on write, because machines copy them — a
 *   separation's placement into its facility's handoff, its proposal into its decision.
 * - What a handoff's decision (a separation's) quotes from that context, sealed as the context's
 *   member it copies (`sealHandoffQuote`): `openDecision` opens it for the same purpose.
 */
import { HANDOFF_WORKFLOW, SEPARATION_WORKFLOW, TRANSFER_WORKFLOW, URGENT_REPORT_WORKFLOW } from '../../workflows';
import type { FieldCipher } from '../crypto/field-cipher';
import type { StoredSnapshot } from '../engine/snapshots';

/** The sealed columns of `handoffs`. */
export const SEALED_HANDOFF_COLUMNS = ['instructions', 'outcome', 'reason'] as const;
export type SealedHandoffColumn = (typeof SEALED_HANDOFF_COLUMNS)[number];

/** What a column is sealed for: `handoffs.<column>`. */
export const HANDOFFS_PURPOSE = 'handoffs';
/** What a context member is sealed for: `handoffs.snapshot.context.<path>` (what `openDeep(snapshot, …)` opens). */
export const HANDOFF_SNAPSHOT_PURPOSE = 'handoffs.snapshot';

/** What a context member is sealed for, below the snapshot: `handoffs.snapshot.context.<path>` (what a handoff's decision quotes opens for). */
export const HANDOFF_CONTEXT_PURPOSE = `${HANDOFF_SNAPSHOT_PURPOSE}.context`;

/**
 * The free text of each workflow's context (dotted paths; a list's items each): the handoff's
 * refusal or withdrawal reason and its outcome (copies of the columns), the police's notes and
 * references on the criminal procedure and an emergency handoff's protection details — where the
 * child shelters, the social worker's name and phone (v2); a transfer's refusal or withdrawal reason (its
 * `outcome` is a code); a separation's reason, whom the child is separated from, the placement's
 * carer, address, phone and relation, the consent's note, each monitoring visit's observations,
 * and why it ended (its separated-from, placement kind, consent's answer and method are codes); an
 * urgent report's content (every member of the report's body, the children named in it too), the
 * chair's and the province's notes on receiving it, the follow-up or the withdrawal's reason (its
 * kinds, communes, hours, who received it and when stay clear: lists and deadlines read them).
 */
export const SEALED_HANDOFF_CONTEXT: Readonly<Record<string, readonly string[]>> = {
  [HANDOFF_WORKFLOW]: ['reason', 'outcome', 'procedure.note', 'procedure.reference', 'protection.childLocation', 'protection.workerName', 'protection.workerPhone'],
  [TRANSFER_WORKFLOW]: ['reason'],
  [SEPARATION_WORKFLOW]: [
    'reason', 'separatedFromName', 'outcomeReason', 'placement.carerName', 'placement.address', 'placement.phone', 'placement.relation',
    'consent.note', 'visitLog.observations', 'visitLog.childCondition', 'visitLog.carerCare',
  ],
  [URGENT_REPORT_WORKFLOW]: [
    ...['summary', 'occurredAt', 'location', 'children', 'consequences', 'actionsTaken', 'cause', 'proposals'].map((k) => `content.${k}`),
    'chairNote', 'provinceNote', 'reason',
  ],
};

/** A column's value as stored: sealed for `handoffs.<column>` (null stays null). */
export function sealHandoffColumn(cipher: FieldCipher, column: SealedHandoffColumn, value: string | null): Promise<string | null> {
  return value === null ? Promise.resolve(null) : cipher.sealOnce(value, `${HANDOFFS_PURPOSE}.${column}`);
}

/** A workflow snapshot as stored: its context's free text (`SEALED_HANDOFF_CONTEXT`) sealed. */
export function sealHandoffSnapshot(cipher: FieldCipher, workflow: string, snapshot: StoredSnapshot): Promise<StoredSnapshot> {
  return cipher.sealPaths(snapshot, (SEALED_HANDOFF_CONTEXT[workflow] ?? []).map((p) => `context.${p}`), HANDOFF_SNAPSHOT_PURPOSE);
}

/** A workflow snapshot as read: its context's sealed free text opened. */
export async function openHandoffSnapshot(cipher: FieldCipher, snapshot: StoredSnapshot): Promise<StoredSnapshot> {
  return await cipher.openDeep(snapshot, HANDOFF_SNAPSHOT_PURPOSE) as StoredSnapshot;
}

/**
 * What a handoff's decision quotes from its context (`details`, members named as the context's),
 * sealed as the context's members (`handoffs.snapshot.context.<path>`), as a case's decision quotes
 * its event's data sealed: the body is immutable and opens with the context it quotes.
 */
export function sealHandoffQuote(cipher: FieldCipher, workflow: string, details: Record<string, unknown>): Promise<Record<string, unknown>> {
  return cipher.sealPaths(details, SEALED_HANDOFF_CONTEXT[workflow] ?? [], HANDOFF_CONTEXT_PURPOSE);
}

/** A row read from `handoffs` with what it holds sealed opened: the columns it has, and its snapshot. */
export async function openHandoffRow<R extends { snapshot: StoredSnapshot }>(cipher: FieldCipher, row: R): Promise<R> {
  const columns = SEALED_HANDOFF_COLUMNS.filter((c) => c in row);
  const opened = await cipher.openMembers(row as unknown as Record<string, unknown>, columns, HANDOFFS_PURPOSE);
  return { ...opened, snapshot: await openHandoffSnapshot(cipher, row.snapshot) } as unknown as R;
}
