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
 * - The copies of such text in the workflow's context (`snapshot.context`), each for
 *   `handoffs.snapshot.context.<path>`, named per workflow by `SEALED_HANDOFF_CONTEXT`. A workflow's
 *   machine only carries them (no guard reads them), so a restored snapshot works sealed.
 */
import { HANDOFF_WORKFLOW, TRANSFER_WORKFLOW } from '../../workflows';
import type { FieldCipher } from '../crypto/field-cipher';
import type { StoredSnapshot } from '../engine/snapshots';

/** The sealed columns of `handoffs`. */
export const SEALED_HANDOFF_COLUMNS = ['instructions', 'outcome', 'reason'] as const;
export type SealedHandoffColumn = (typeof SEALED_HANDOFF_COLUMNS)[number];

/** What a column is sealed for: `handoffs.<column>`. */
export const HANDOFFS_PURPOSE = 'handoffs';
/** What a context member is sealed for: `handoffs.snapshot.context.<path>` (what `openDeep(snapshot, …)` opens). */
export const HANDOFF_SNAPSHOT_PURPOSE = 'handoffs.snapshot';

/**
 * The free text of each workflow's context (dotted paths; a list's items each): the handoff's
 * refusal or withdrawal reason and its outcome (copies of the columns), the police's notes and
 * references on the criminal procedure (v2); a transfer's refusal or withdrawal reason (its
 * `outcome` is a code). Separations and urgent reports keep their context as it is (README "Data
 * protection": what is not sealed yet).
 */
export const SEALED_HANDOFF_CONTEXT: Readonly<Record<string, readonly string[]>> = {
  [HANDOFF_WORKFLOW]: ['reason', 'outcome', 'procedure.note', 'procedure.reference'],
  [TRANSFER_WORKFLOW]: ['reason'],
};

/** A column's value as stored: sealed for `handoffs.<column>` (null stays null). */
export function sealHandoffColumn(cipher: FieldCipher, column: SealedHandoffColumn, value: string | null): Promise<string | null> {
  return value === null ? Promise.resolve(null) : cipher.sealOnce(value, `${HANDOFFS_PURPOSE}.${column}`);
}

/** A context member's clear value, whether the snapshot holds it sealed (an earlier transition) or not. */
export async function handoffContextText(cipher: FieldCipher, context: Record<string, unknown>, key: string): Promise<string | null> {
  const v = context[key];
  return typeof v === 'string' ? cipher.open(v, `${HANDOFF_SNAPSHOT_PURPOSE}.context.${key}`) : null;
}

/** A workflow snapshot as stored: its context's free text (`SEALED_HANDOFF_CONTEXT`) sealed. */
export function sealHandoffSnapshot(cipher: FieldCipher, workflow: string, snapshot: StoredSnapshot): Promise<StoredSnapshot> {
  return cipher.sealPaths(snapshot, (SEALED_HANDOFF_CONTEXT[workflow] ?? []).map((p) => `context.${p}`), HANDOFF_SNAPSHOT_PURPOSE);
}

/** A row read from `handoffs` with what it holds sealed opened: the columns it has, and its snapshot. */
export async function openHandoffRow<R extends { snapshot: StoredSnapshot }>(cipher: FieldCipher, row: R): Promise<R> {
  const columns = SEALED_HANDOFF_COLUMNS.filter((c) => c in row);
  const opened = await cipher.openMembers(row as unknown as Record<string, unknown>, columns, HANDOFFS_PURPOSE);
  return { ...opened, snapshot: await cipher.openDeep(row.snapshot, HANDOFF_SNAPSHOT_PURPOSE) } as unknown as R;
}
