/**
 * The decisions module's tables: `decisions` and `decision_counters`. A case's decisions are read
 * with the cases module's declared read model (`DECISION_ROWS_SQL`), the same the case view uses.
 */
import { Injectable } from '@nestjs/common';
import type { DecisionViewRow } from '../cases/case-views';
import { DECISION_ROWS_SQL } from '../cases/cases.repository';
import type { Tx } from '../database/db';

export interface NewDecision {
  communeCode: string;
  year: number;
  number: number;
  kind: string;
  caseId: string;
  /** The handoff-subject instance that issued it (a separation), or null for the case's own workflow. */
  handoffId: string | null;
  eventSeq: number;
  /** The user who decides: their name is copied as it is now. */
  signerId: string;
  signerTitle: string;
  decidedAt: Date;
  effectiveOn: string | null;
  body: Record<string, unknown>;
}

@Injectable()
export class DecisionsRepository {
  /**
   * The next number of the commune-year. The counter row stays locked until the caller's
   * transaction ends, so numbers are given in turn and a rolled-back transaction gives its own back:
   * no gap, no duplicate.
   */
  /** Who opened a handoff-subject instance (the proposer of a separation), as a decision quotes them; null for the system. */
  async instanceOpener(tx: Tx, handoffId: string): Promise<{ id: string; name: string } | null> {
    const [row] = await tx.query<{ id: string; name: string }>(
      `SELECT u.id, u.full_name AS name FROM handoffs h JOIN users u ON u.id = h.created_by WHERE h.id = $1`, [handoffId],
    );
    return row ?? null;
  }

  async nextNumber(tx: Tx, communeCode: string, year: number): Promise<number> {
    const [{ last }]: Array<{ last: number }> = await tx.query(
      `INSERT INTO decision_counters (commune_code, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (commune_code, year) DO UPDATE SET last = decision_counters.last + 1 RETURNING last`,
      [communeCode, year],
    );
    return last;
  }

  /** Issues a decision, signed with the signer's name as it is now; undefined when the signer is no user. */
  async insert(tx: Tx, d: NewDecision): Promise<DecisionViewRow | undefined> {
    const [row]: DecisionViewRow[] = await tx.query(
      `INSERT INTO decisions (commune_code, year, number, kind, case_id, event_seq, signer_id, signer_name, signer_title, decided_at, effective_on, body, handoff_id)
       SELECT $1, $2, $3, $4, $5, $6, u.id, u.full_name, $8, $9, $10, $11, $12 FROM users u WHERE u.id = $7
       RETURNING id, kind, number, year, commune_code, case_id, event_seq, signer_id, signer_name, signer_title, decided_at,
                 to_char(effective_on, 'YYYY-MM-DD') AS effective_on, body`,
      [d.communeCode, d.year, d.number, d.kind, d.caseId, d.eventSeq, d.signerId, d.signerTitle, d.decidedAt, d.effectiveOn, JSON.stringify(d.body), d.handoffId],
    );
    return row;
  }

  /** The case's decisions, in the order it issued them. */
  listForCase(tx: Tx, caseId: string): Promise<DecisionViewRow[]> {
    return tx.query(`${DECISION_ROWS_SQL('dn.case_id = $1')} ORDER BY dn.decided_at, dn.event_seq`, [caseId]);
  }
}
