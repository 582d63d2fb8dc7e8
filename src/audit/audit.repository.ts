/**
 * `audit_log`, the audit module's one table: appending entries (alone, or as a fragment another
 * statement embeds to write its entry in the same round trip), sealing them into the hash chain,
 * reading the chain back for verification.
 */
import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import { SEALED_FROM, type SealedRow } from './audit-chain';

/** The columns an entry is written with; the rest (id, time, transaction, chain) are the table's. */
const ENTRY_COLUMNS = 'actor_id, actor_role, action, case_id, entity, entity_id, details';
/** …and, for entries written one by one, the request's origin and the scope rule that let it through. */
const ENTRY_COLUMNS_WITH_ACCESS = `${ENTRY_COLUMNS}, access`;

/** SQL expressions for each written column of an entry, evaluated over a source row. */
export interface AuditColumnsSql {
  actorId: string;
  actorRole: string;
  action: string;
  caseId: string;
  entity: string;
  entityId: string;
  details: string;
  /** The entry's `access` (a jsonb expression, e.g. a parameter bound to `currentAccess()`); absent: null. */
  access?: string;
}

/**
 * `INSERT INTO audit_log … SELECT … FROM <source>`: one entry per row of `source` (a CTE or table
 * name), for statements that write their audit entry in the same round trip as the write itself.
 */
export function auditInsertFromSql(source: string, c: AuditColumnsSql): string {
  return `INSERT INTO audit_log (${c.access === undefined ? ENTRY_COLUMNS : ENTRY_COLUMNS_WITH_ACCESS})
         SELECT ${c.actorId}, ${c.actorRole}, ${c.action}, ${c.caseId}, ${c.entity}, ${c.entityId}, ${c.details}${c.access === undefined ? '' : `, ${c.access}`} FROM ${source}`;
}

export interface AuditEntryValues {
  actorId: string | null;
  actorRole: string;
  action: string;
  caseId: string | null;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
  /** Where the request came from and why it was allowed; null outside a request (the worker). */
  access: AuditAccess | null;
}

/** The request's origin and the caller's scope rule, as recorded in an entry's `access`. */
export interface AuditAccess {
  ip: string | null;
  userAgent: string | null;
  /** The scope rule that let the caller through (identity's `scopeBasis`), once authenticated. */
  basis?: Record<string, unknown>;
}


const SEAL_LOCK = 7_260_001; // advisory lock key: one sealer at a time, across all processes

/**
 * The oldest transaction id that may still add audit rows: the oldest write transaction of THIS
 * database still running (or prepared), else the snapshot's xmax. Transactions of other databases
 * on the same server cannot write here, so a long one there does not hold sealing back.
 */
const SEAL_HORIZON = `
  WITH snap AS (SELECT pg_current_snapshot() AS s),
  ours AS (
    SELECT backend_xid::text::bigint AS xid FROM pg_stat_activity
     WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
    UNION ALL
    SELECT transaction::text::bigint FROM pg_prepared_xacts WHERE database = current_database()
  )
  SELECT COALESCE(
    (SELECT min(x::text::bigint) FROM snap, pg_snapshot_xip(snap.s) AS x
      WHERE (x::text::bigint & 4294967295) IN (SELECT xid FROM ours)),
    (SELECT pg_snapshot_xmax(s)::text::bigint FROM snap))`;


@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async insert(tx: Tx, e: AuditEntryValues): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (${ENTRY_COLUMNS_WITH_ACCESS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.actorId, e.actorRole, e.action, e.caseId, e.entity, e.entityId, JSON.stringify(e.details), e.access === null ? null : JSON.stringify(e.access)],
    );
  }

  /** Takes the sealing lock for the transaction, unless another sealer holds it (then false). */
  async trySealLock(tx: Tx): Promise<boolean> {
    const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEAL_LOCK]);
    return locked;
  }

  /** The last sealed row's position and hash, if any. */
  async chainHead(tx: Tx): Promise<{ seq: string; hash: string } | undefined> {
    const [head] = await tx.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    return head;
  }

  /**
   * Ids of unsealed rows whose writing transaction has ended (xid below the oldest running write
   * transaction of this database), in id order, so no later commit can slip in before them.
   */
  async sealableIds(tx: Tx, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM audit_log WHERE hash IS NULL AND tx_id < (${SEAL_HORIZON}) ORDER BY id LIMIT $1`, [limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Gives rows their chain positions and answers their canonical texts in that order. Through a
   * function owned by the schema's owner (SECURITY DEFINER): the application role itself holds no
   * UPDATE on `audit_log`, and the trigger lets the function only fill an unsealed row's chain columns.
   */
  placeInChain(tx: Tx, ids: string[], seqs: number[]): Promise<Array<{ id: string; c: string }>> {
    return tx.query(`SELECT r_id AS id, r_c AS c FROM audit_seal_place($1::bigint[], $2::bigint[]) ORDER BY r_seq`, [ids, seqs]);
  }

  async setHashes(tx: Tx, ids: string[], prevs: string[], hashes: string[]): Promise<void> {
    await tx.query(`SELECT audit_seal_hashes($1::bigint[], $2::text[], $3::text[])`, [ids, prevs, hashes]);
  }

  /** The sealed row at chain position `seq`, if any. */
  async rowAt(seq: number): Promise<{ id: string; hash: string } | undefined> {
    const [row] = await this.db.query(`SELECT id, hash FROM audit_log WHERE seq = $1`, [seq]);
    return row;
  }

  /** The last sealed row's position and hash, outside a transaction. */
  async head(): Promise<{ seq: string; hash: string } | undefined> {
    const [head] = await this.db.query(`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
    return head;
  }

  /** Sealed rows from position `seq` on, in chain order. */
  sealedFrom(seq: number, limit: number): Promise<SealedRow[]> {
    return this.db.query(SEALED_FROM, [seq, limit]);
  }

  async unsealedCount(): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE hash IS NULL`);
    return n;
  }
}
