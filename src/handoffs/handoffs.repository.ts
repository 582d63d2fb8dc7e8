/**
 * The handoffs module's table, `handoffs`. A handoff is locked after its case (lock order: case,
 * then handoff), and read with the need-to-know summary of its case for the agency's inbox.
 */
import { Injectable } from '@nestjs/common';
import { agencyWorkSql, finishedHandoffKeys, handoffFinishedKeySql } from '../../workflows';
import type { CaseRow } from '../cases/case-row';
import type { DeadlineViewRow } from '../cases/case-views';
import { CasesRepository } from '../cases/cases.repository';
import { openHandoffSnapshot, SEALED_HANDOFF_COLUMNS, SEALED_HANDOFF_CONTEXT, sealHandoffColumn, sealHandoffSnapshot } from '../cases/handoff-fields';
import { withoutPaths } from '../engine/free-text';
import { NotFound } from '../common/errors';
import { FieldCipher } from '../crypto/field-cipher';
import type { Tx } from '../database/db';
import { handoffVisibleSql } from '../identity/access.repository';
import type { StoredSnapshot } from '../engine/snapshots';
import type { Change } from '../engine/workflow-engine';
import type { HandoffRow } from './handoff-row';

/** A locked handoff with the case it belongs to (locked first). */
export type HandoffInstance = HandoffRow & { case: Pick<CaseRow, 'id' | 'code' | 'commune_code' | 'received_at' | 'assignee_id'> };

/** Where a `handoffs` row is finished (workflows/index.ts). */
const FINISHED = finishedHandoffKeys();
const FINISHED_KEY = handoffFinishedKeySql;

/** A case's transfers between communes are rows here too; the agencies' work is every other row. */
const AGENCY_WORK = agencyWorkSql;

export interface NewHandoff {
  caseId: string;
  kind: string;
  agencyId: string;
  urgency: 'urgent' | 'normal';
  workflow: string;
  workflowVersion: number;
  instructions: string;
  dueAt: Date;
  createdBy: string | null;
}

export type CaseSummaryRow = {
  code: string; commune_code: string; abuse_types: string[]; state: string; full_name: string | null;
  date_of_birth: string | null; approx_age_years: number | null; sex: string; commune_name: string;
};

export const notFound = () => new NotFound('Handoff', 'yêu cầu phối hợp');

@Injectable()
export class HandoffsRepository {
  constructor(private readonly cases: CasesRepository, private readonly cipher: FieldCipher) {}

  /** Inserts a handoff, its instructions and its context's free text sealed (src/cases/handoff-fields.ts). */
  async insert(tx: Tx, h: NewHandoff, snapshot: StoredSnapshot, state: string, now: Date): Promise<HandoffRow> {
    const instructions = await sealHandoffColumn(this.cipher, 'instructions', h.instructions);
    const stored = await sealHandoffSnapshot(this.cipher, h.workflow, snapshot);
    const [row]: HandoffRow[] = await tx.query(
      `INSERT INTO handoffs (case_id, kind, agency_id, urgency, state, snapshot, workflow, workflow_version, version, instructions, due_at,
                             created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12, $12) RETURNING *`,
      [h.caseId, h.kind, h.agencyId, h.urgency, state, JSON.stringify(stored), h.workflow, h.workflowVersion, instructions, h.dueAt,
        h.createdBy, now],
    );
    return row;
  }

  /**
   * Where a handoff belongs and whether its receiving agency still sees it, without locking
   * (visibility checks); `agency_work`: false for a case's transfer between communes.
   */
  async ref(tx: Tx, handoffId: string): Promise<{ case_id: string; agency_id: string; in_sight: boolean; agency_work: boolean } | undefined> {
    const rows: Array<{ case_id: string; agency_id: string; in_sight: boolean; agency_work: boolean }> = await tx.query(
      `SELECT h.case_id, h.agency_id, ${handoffVisibleSql('h')} AS in_sight, ${AGENCY_WORK('h')} AS agency_work FROM handoffs h WHERE h.id = $1`, [handoffId],
    );
    return rows[0];
  }

  /**
   * Locks the handoff's case, then the handoff, its context's free text opened: the machine
   * restores and copies clear text only (src/cases/handoff-fields.ts).
   */
  async lock(tx: Tx, handoffId: string): Promise<HandoffInstance> {
    const ref = await this.ref(tx, handoffId);
    if (!ref) throw notFound();
    const c = await this.cases.lock(tx, ref.case_id);
    const [h]: HandoffRow[] = await tx.query(`SELECT * FROM handoffs WHERE id = $1 FOR UPDATE`, [handoffId]);
    return { ...h, snapshot: await openHandoffSnapshot(this.cipher, h.snapshot), case: c };
  }

  /**
   * `visibleUntil`: until when the receiving agency sees the handoff and its case (null: while it is
   * under way). The outcome and reason (the context's, copied to their columns) and the context's
   * free text are written sealed; the row is returned with the snapshot as the transition computed it, clear.
   */
  async writeTransition(tx: Tx, h: HandoffRow, change: Change, visibleUntil: Date | null): Promise<HandoffRow> {
    const ctx = change.next.context;
    // The context is clear here (`lock` opened it): its text is sealed below, for the columns and the snapshot each.
    const text = (key: string) => (typeof ctx[key] === 'string' ? ctx[key] as string : null);
    const outcome = await sealHandoffColumn(this.cipher, 'outcome', text('outcome'));
    const reason = await sealHandoffColumn(this.cipher, 'reason', text('reason'));
    const snapshot = await sealHandoffSnapshot(this.cipher, h.workflow, change.next);
    // Accepted once it left `offered` for work (not for a refusal or a withdrawal); completed when it ends in `completed`.
    const [updated] = await tx.query<HandoffRow>(
      `UPDATE handoffs SET state = $2, snapshot = $3, version = version + 1, outcome = $4, reason = $5, updated_at = $6,
              accepted_at = CASE WHEN $2 IN ('accepted', 'in_progress', 'completed') THEN COALESCE(accepted_at, $6) ELSE accepted_at END,
              completed_at = CASE WHEN $2 = 'completed' THEN $6 ELSE completed_at END,
              visible_until = $7
        WHERE id = $1 RETURNING *`,
      [h.id, change.state, JSON.stringify(snapshot), outcome, reason, change.now, visibleUntil],
    );
    return { ...updated, snapshot: change.next };
  }

  /**
   * One batch of the backfill of `handoffs`: the rows after `afterId` (by id), locked, their clear
   * columns and context text sealed. How many it read (0: done), sealed, and the last id read.
   */
  async sealClearRows(tx: Tx, afterId: string, batch: number): Promise<{ read: number; sealed: number; lastId: string }> {
    const rows: Array<Pick<HandoffRow, 'id' | 'workflow' | 'instructions' | 'outcome' | 'reason' | 'snapshot'>> = await tx.query(
      `SELECT id, workflow, instructions, outcome, reason, snapshot FROM handoffs WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`, [afterId, batch],
    );
    let sealed = 0;
    for (const h of rows) {
      const columns = await Promise.all(SEALED_HANDOFF_COLUMNS.map((c) => sealHandoffColumn(this.cipher, c, h[c])));
      const snapshot = await sealHandoffSnapshot(this.cipher, h.workflow, h.snapshot);
      const before = [h.instructions, h.outcome, h.reason];
      if (columns.every((v, i) => v === before[i]) && JSON.stringify(snapshot) === JSON.stringify(h.snapshot)) continue;
      await tx.query(`UPDATE handoffs SET instructions = $2, outcome = $3, reason = $4, snapshot = $5 WHERE id = $1`,
        [h.id, ...columns, JSON.stringify(snapshot)]);
      sealed++;
    }
    return { read: rows.length, sealed, lastId: rows.at(-1)?.id ?? afterId };
  }

  /**
   * Removes the free text of a closed case's handoffs (anonymisation, src/retention/): the sealed
   * columns blanked (`instructions` is required: empty), the context's free text
   * (`SEALED_HANDOFF_CONTEXT`) removed; kinds, states, codes and dates stay. How many rows it changed.
   */
  async anonymiseOfCase(tx: Tx, caseId: string): Promise<number> {
    const rows: Array<Pick<HandoffRow, 'id' | 'workflow' | 'instructions' | 'outcome' | 'reason' | 'snapshot'>> = await tx.query(
      `SELECT id, workflow, instructions, outcome, reason, snapshot FROM handoffs WHERE case_id = $1 ORDER BY id FOR UPDATE`, [caseId],
    );
    let changed = 0;
    for (const h of rows) {
      const snapshot = withoutPaths(h.snapshot, (SEALED_HANDOFF_CONTEXT[h.workflow] ?? []).map((p) => `context.${p}`));
      if (h.instructions === '' && h.outcome === null && h.reason === null && JSON.stringify(snapshot) === JSON.stringify(h.snapshot)) continue;
      await tx.query(`UPDATE handoffs SET instructions = '', outcome = NULL, reason = NULL, snapshot = $2 WHERE id = $1`, [h.id, JSON.stringify(snapshot)]);
      changed++;
    }
    return changed;
  }

  /** The case's handoffs (and transfers) still under way, oldest first. */
  openOnCase(tx: Tx, caseId: string): Promise<Array<{ id: string; workflow: string; workflow_version: number }>> {
    return tx.query(
      `SELECT h.id, h.workflow, h.workflow_version FROM handoffs h WHERE h.case_id = $1 AND ${FINISHED_KEY('h')} <> ALL($2) ORDER BY h.created_at`,
      [caseId, FINISHED],
    );
  }

  async countOpenOnCase(tx: Tx, caseId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await tx.query(
      `SELECT count(*)::int AS n FROM handoffs h WHERE h.case_id = $1 AND ${FINISHED_KEY('h')} <> ALL($2)`, [caseId, FINISHED],
    );
    return n;
  }

  /** A page of an agency's handoffs still in its sight: open first, urgent first, soonest due first. `states` null = all. */
  async inbox(db: { query: Tx['query'] }, agencyId: string, states: string[] | null, open: boolean, page: number, pageSize: number): Promise<{ ids: string[]; total: number }> {
    const rows: Array<{ id: string; total: string }> = await db.query(
      `SELECT h.id, count(*) OVER () AS total FROM handoffs h
        WHERE h.agency_id = $1 AND ${AGENCY_WORK('h')} AND ${handoffVisibleSql('h')} AND ($2::text[] IS NULL OR h.state = ANY($2))
          AND (NOT $3 OR ${FINISHED_KEY('h')} <> ALL($4))
        ORDER BY (${FINISHED_KEY('h')} <> ALL($4)) DESC, h.urgency = 'urgent' DESC, h.due_at ASC
        LIMIT $5 OFFSET $6`,
      [agencyId, states, open, FINISHED, pageSize, (page - 1) * pageSize],
    );
    return { ids: rows.map((r) => r.id), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** What a receiving agency may know of the case: never the reporter, never other agencies' work. */
  async caseSummary(tx: Tx, caseId: string): Promise<CaseSummaryRow> {
    const [c]: CaseSummaryRow[] = await tx.query(
      `SELECT c.code, c.commune_code, c.abuse_types, c.state, ch.full_name, to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
              ch.approx_age_years, ch.sex, m.name AS commune_name
         FROM cases c JOIN case_children ch ON ch.case_id = c.id JOIN communes m ON m.code = c.commune_code WHERE c.id = $1`,
      [caseId],
    );
    return c;
  }

  deadlines(tx: Tx, handoffId: string): Promise<DeadlineViewRow[]> {
    return tx.query(
      `SELECT id, handoff_id, key, title_vi, title_en, legal_basis, starts_at, due_at, status, settled_at, breached_at, escalation_level
         FROM deadlines WHERE handoff_id = $1 ORDER BY due_at`, [handoffId],
    );
  }
}
