/**
 * The transfers read model: a case's transfers between communes are rows of `handoffs` (workflow
 * `commune-transfer`, owned by the handoffs module) joined with their case and communes
 * (`TRANSFER_ROWS_SQL`, the cases module's declared read model). Read-only: transfers are written
 * through the engine, the handoffs repository and the cases repository. Their sealed text (the
 * reason asked, the reason declined) is opened by the cases repository (src/cases/handoff-fields.ts).
 */
import { Injectable } from '@nestjs/common';
import type { TransferViewRow } from '../cases/case-views';
import { CasesRepository, TRANSFER_ROWS_SQL } from '../cases/cases.repository';
import type { Tx } from '../database/db';
import { binder, caseScopeSql, type Bind } from '../identity/access.repository';
import { JURISDICTION_ROLES } from '../identity/policy';
import type { Principal } from '../identity/roles';

export interface TransferFilter {
  direction?: 'incoming' | 'outgoing';
  /** null: every state. */
  states: string[] | null;
  page: number;
  pageSize: number;
}

type Row = TransferViewRow & { total?: string };

/** "The caller's jurisdiction covers commune `side` of the transfer" (`from` or `to`), index-driven for a commune. */
function sideInJurisdiction(p: Principal, bind: Bind, side: 'from' | 'to'): string {
  if (!JURISDICTION_ROLES.includes(p.role)) return 'FALSE';
  const m = side === 'from' ? 'fm' : 'tm';
  if (p.communeCode) return `h.snapshot->'context'->>'${side}CommuneCode' = ${bind(p.communeCode)}`;
  if (p.provinceCode) return `${m}.province_code = ${bind(p.provinceCode)}`;
  return 'FALSE';
}

@Injectable()
export class TransfersRepository {
  constructor(private readonly cases: CasesRepository) {}

  /** A transfer the caller may see (their commune asked or is asked, or they see its case), or undefined. */
  async visible(tx: Tx, p: Principal, id: string): Promise<TransferViewRow | undefined> {
    const params: unknown[] = [id];
    const bind = binder(params);
    const [row] = await tx.query<TransferViewRow>(
      `${TRANSFER_ROWS_SQL(`h.id = $1 AND (${sideInJurisdiction(p, bind, 'from')} OR ${sideInJurisdiction(p, bind, 'to')} OR ${caseScopeSql(p, bind)})`)}`,
      params,
    );
    return row && this.cases.openHandoff(row);
  }

  /** A page of the transfers asked of (incoming) or by (outgoing) the caller's communes: awaiting a decision first, newest first. */
  async page(db: { query: Tx['query'] }, p: Principal, f: TransferFilter, finished: readonly string[]): Promise<{ rows: TransferViewRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const sides = f.direction === 'incoming' ? sideInJurisdiction(p, bind, 'to')
      : f.direction === 'outgoing' ? sideInJurisdiction(p, bind, 'from')
        : `(${sideInJurisdiction(p, bind, 'from')} OR ${sideInJurisdiction(p, bind, 'to')})`;
    const where = `${sides}${f.states ? ` AND h.state = ANY(${bind(f.states)})` : ''}`;
    const countParams = [...params];
    const rows = await db.query<Row>(
      `SELECT t.*, count(*) OVER () AS total FROM (${TRANSFER_ROWS_SQL(where)}) t
        ORDER BY t.state <> ALL(${bind(finished)}) DESC, t.created_at DESC LIMIT ${bind(f.pageSize)} OFFSET ${bind((f.page - 1) * f.pageSize)}`,
      params,
    );
    if (rows.length || f.page === 1) return { rows: await Promise.all(rows.map((r) => this.cases.openHandoff(r))), total: rows.length ? Number(rows[0].total) : 0 };
    // Past the last page: the window count is not there to read.
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${TRANSFER_ROWS_SQL(where)}) t`, countParams);
    return { rows, total };
  }
}
