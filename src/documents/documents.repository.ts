/**
 * The documents module owns no table. Its declared read model: what the forms print beyond the
 * case view (the case's events carrying form data, the registry record's family, who filed the
 * report, the names an event's data refers to). Read-only, and only ever for a case or users the
 * service has already found in the caller's scope (`CasesService.viewInTx`) in the same transaction.
 */
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';

/** A case event as the forms read it, with its author's name. */
export interface FormEventRow {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  occurred_at: Date;
  actor_name: string | null;
}

/** What Mẫu 01 needs beyond the case view: the filer, and the registry record's family and address. */
export interface CaseExtrasRow {
  creator_name: string | null;
  father: Record<string, unknown> | null;
  mother: Record<string, unknown> | null;
  carer: Record<string, unknown> | null;
  household: Record<string, unknown> | null;
  current_address: string | null;
  village: string | null;
}

@Injectable()
export class DocumentsRepository {
  /** The case's events of these types, in order, with their authors. */
  formEvents(tx: Tx, caseId: string, types: readonly string[]): Promise<FormEventRow[]> {
    return tx.prepared<FormEventRow>(
      `SELECT e.seq, e.type, e.data, e.occurred_at, COALESCE(u.full_name, sc.name) AS actor_name
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
              LEFT JOIN system_clients sc ON sc.id = e.actor_id AND e.actor_role = 'system_client'
        WHERE e.case_id = $1 AND e.type = ANY ($2::text[]) ORDER BY e.seq`,
      [caseId, types],
    );
  }

  /** Who filed the report (a user, or the system client), and the child's registry record. */
  async caseExtras(tx: Tx, caseId: string): Promise<CaseExtrasRow> {
    const [row] = await tx.prepared<CaseExtrasRow>(
      `SELECT COALESCE(u.full_name, sc.name) AS creator_name, ch.father, ch.mother, ch.carer, ch.household, ch.current_address, ch.village
         FROM cases c LEFT JOIN users u ON u.id = c.created_by LEFT JOIN system_clients sc ON sc.id = c.created_by_client
              LEFT JOIN children ch ON ch.id = c.child_id
        WHERE c.id = $1`,
      [caseId],
    );
    return row ?? { creator_name: null, father: null, mother: null, carer: null, household: null, current_address: null, village: null };
  }

  /** Users' names by id (an assignment on the timeline names its assignee). */
  async userNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; full_name: string }> = await tx.query(`SELECT id, full_name FROM users WHERE id = ANY ($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.full_name]));
  }

  /** Communes' names by code. */
  async communeNames(tx: Tx, codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows: Array<{ code: string; name: string }> = await tx.query(`SELECT code, name FROM communes WHERE code = ANY ($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
