import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';

export interface CorrectionRow {
  id: string;
  field: string;
  previousValue: string | null;
  newValue: string | null;
  reason: string;
  requestedBy: { kind: string; name?: string };
  evidence: string | null;
  correctedBy: string;
  correctedByName: string;
  correctedAt: Date;
}

export interface ConsentRow {
  id: string;
  childId: string;
  purpose: string;
  purposeText: string | null;
  givenBy: string;
  name: string;
  givenAt: Date;
  method: string;
  attachmentId: string | null;
  childAgeYears: number | null;
  recordedBy: string;
  recordedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

const CONSENT_SELECT = `id, child_id AS "childId", purpose, purpose_text AS "purposeText", given_by AS "givenBy", name, given_at AS "givenAt",
  method, attachment_id AS "attachmentId", child_age_years AS "childAgeYears", recorded_by AS "recordedBy", recorded_at AS "recordedAt",
  withdrawn_at AS "withdrawnAt", withdrawal_reason AS "withdrawalReason"`;

/** `child_corrections` and `child_consents`: the data subject's requests on a record (README "Rights"). */
@Injectable()
export class ChildRightsRepository {
  async insertCorrection(tx: Tx, c: Omit<CorrectionRow, 'id' | 'correctedByName'> & { childId: string }): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO child_corrections (child_id, field, previous_value, new_value, reason, requested_by, evidence, corrected_by, corrected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [c.childId, c.field, c.previousValue, c.newValue, c.reason, JSON.stringify(c.requestedBy), c.evidence, c.correctedBy, c.correctedAt],
    );
    return row.id;
  }

  /** The record's corrections, newest first, with who made them. */
  corrections(tx: Tx, childId: string): Promise<CorrectionRow[]> {
    return tx.query(
      `SELECT k.id, k.field, k.previous_value AS "previousValue", k.new_value AS "newValue", k.reason, k.requested_by AS "requestedBy", k.evidence,
              k.corrected_by AS "correctedBy", u.full_name AS "correctedByName", k.corrected_at AS "correctedAt"
         FROM child_corrections k JOIN users u ON u.id = k.corrected_by
        WHERE k.child_id = $1 ORDER BY k.corrected_at DESC, k.id`,
      [childId],
    );
  }

  /** Whether a file belongs to one of the child's cases (what a consent may point to). */
  async attachmentOfChild(tx: Tx, attachmentId: string, childId: string): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM attachments a JOIN cases c ON c.id = a.case_id WHERE a.id = $1 AND c.child_id = $2`, [attachmentId, childId]);
    return rows.length > 0;
  }

  async insertConsent(tx: Tx, c: Omit<ConsentRow, 'id' | 'withdrawnAt' | 'withdrawalReason'>): Promise<ConsentRow> {
    const [row]: ConsentRow[] = await tx.query(
      `INSERT INTO child_consents (child_id, purpose, purpose_text, given_by, name, given_at, method, attachment_id, child_age_years, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${CONSENT_SELECT}`,
      [c.childId, c.purpose, c.purposeText, c.givenBy, c.name, c.givenAt, c.method, c.attachmentId, c.childAgeYears, c.recordedBy, c.recordedAt],
    );
    return row;
  }

  /** The child's consents, newest first (withdrawn ones too). */
  consents(tx: Tx, childId: string): Promise<ConsentRow[]> {
    return tx.query(`SELECT ${CONSENT_SELECT} FROM child_consents WHERE child_id = $1 ORDER BY given_at DESC, id`, [childId]);
  }

  async lockConsent(tx: Tx, id: string): Promise<ConsentRow | undefined> {
    const rows: ConsentRow[] = await tx.query(`SELECT ${CONSENT_SELECT} FROM child_consents WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async withdrawConsent(tx: Tx, id: string, by: string, reason: string, now: Date): Promise<ConsentRow> {
    const [row]: ConsentRow[] = await tx.query(
      `UPDATE child_consents SET withdrawn_at = $2, withdrawn_by = $3, withdrawal_reason = $4 WHERE id = $1 RETURNING ${CONSENT_SELECT}`,
      [id, now, by, reason],
    );
    return row;
  }
}
