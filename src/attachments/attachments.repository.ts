/**
 * The attachments module's table, `attachments`, and the access questions about it. Sight of a
 * file follows sight of what it is on (identity/access.repository.ts's fragments): whoever sees
 * a case in full or restricted view sees all its files; a partner agency sees only the files of its
 * own handoffs, while it still sees them (`handoffs.visible_until`).
 */
import { Injectable } from '@nestjs/common';
import { agencyWorkSql } from '../../workflows';
import type { WrappedKeyRow, WrappedKeyStore } from '../crypto/rotation';
import { Db, type Tx } from '../database/db';
import { binder, caseScopeSql, handoffVisibleSql } from '../identity/access.repository';
import { caseProjection } from '../identity/policy';
import type { Principal } from '../identity/roles';

/** A transaction or the pool: lists are read with either. */
export type Queryable = { query: Tx['query'] };

export const CATEGORIES = ['medical_certificate', 'forensic_result', 'police_record', 'school_letter', 'photo', 'audio', 'decision_scan', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface NewAttachment {
  caseId: string;
  handoffId: string | null;
  agencyId: string | null;
  uploadedBy: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  category: Category;
  description: string | null;
  storage: 'local' | 's3';
  storageKey: string;
  wrappedKey: Buffer;
  keyId: string;
}

/** A file as listed: with its uploader's name and agency. */
export interface AttachmentListRow {
  id: string;
  case_id: string;
  handoff_id: string | null;
  filename: string;
  media_type: string;
  size: string;
  sha256: string;
  category: Category;
  description: string | null;
  uploaded_by: string;
  uploader_name: string;
  agency_id: string | null;
  agency_name: string | null;
  created_at: Date;
}

/** A file with what it takes to read its object. */
export interface AttachmentContentRow extends AttachmentListRow {
  storage: 'local' | 's3';
  storage_key: string;
  wrapped_key: Buffer;
  key_id: string;
}

/** What the case's file (documents/) prints of each attachment. */
export interface CaseFileAttachment {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  category: Category;
  description: string | null;
  handoffId: string | null;
  uploadedByName: string;
  agencyName: string | null;
  createdAt: Date;
}

export interface UploadCase {
  id: string;
  commune_code: string;
}

export interface UploadHandoff {
  id: string;
  case_id: string;
  agency_id: string;
  commune_code: string;
  /** Whether the receiving agency still sees it. */
  in_sight: boolean;
  /** False for a case's transfer between communes (rows of `handoffs`, but no agency's work). */
  agency_work: boolean;
}

const LIST_COLUMNS = `a.id, a.case_id, a.handoff_id, a.filename, a.media_type, a.size, a.sha256, a.category, a.description, a.uploaded_by,
  u.full_name AS uploader_name, a.agency_id, g.name AS agency_name, a.created_at`;
const LIST_FROM = `attachments a JOIN users u ON u.id = a.uploaded_by LEFT JOIN agencies g ON g.id = a.agency_id`;

/** The predicate "agency `$n` still sees the handoff this file is on". */
function ownHandoffSql(agencyParam: string, alias = 'a'): string {
  return `EXISTS (SELECT 1 FROM handoffs ah WHERE ah.id = ${alias}.handoff_id AND ah.agency_id = ${agencyParam} AND ${handoffVisibleSql('ah')})`;
}

/**
 * The predicate (over `attachments a`) of the files the caller sees: partner agencies the files
 * of their own handoffs still in sight; everyone else the files of the cases in their scope.
 */
export function attachmentScopeSql(p: Principal, bind: (v: unknown) => string, alias = 'a'): string {
  if (caseProjection(p.role) === 'need_to_know') return ownHandoffSql(bind(p.agencyId), alias);
  return `EXISTS (SELECT 1 FROM cases c WHERE c.id = ${alias}.case_id AND ${caseScopeSql(p, bind, 'c')})`;
}

@Injectable()
export class AttachmentsRepository {
  /** The case, if the caller sees it. */
  async caseInScope(tx: Tx, p: Principal, caseId: string): Promise<UploadCase | undefined> {
    const params: unknown[] = [caseId];
    const rows: UploadCase[] = await tx.query(`SELECT c.id, c.commune_code FROM cases c WHERE c.id = $1 AND ${caseScopeSql(p, binder(params))}`, params);
    return rows[0];
  }

  /** A handoff with its case's commune, whoever asks (visibility is decided by the caller's service). */
  async handoff(tx: Tx, handoffId: string): Promise<UploadHandoff | undefined> {
    const rows: UploadHandoff[] = await tx.query(
      `SELECT h.id, h.case_id, h.agency_id, c.commune_code, ${handoffVisibleSql('h')} AS in_sight, ${agencyWorkSql('h')} AS agency_work
         FROM handoffs h JOIN cases c ON c.id = h.case_id WHERE h.id = $1`,
      [handoffId],
    );
    return rows[0];
  }

  async insert(tx: Tx, a: NewAttachment): Promise<string> {
    const [{ id }]: Array<{ id: string }> = await tx.query(
      `INSERT INTO attachments (case_id, handoff_id, agency_id, uploaded_by, filename, media_type, size, sha256, category, description,
                                storage, storage_key, wrapped_key, key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [a.caseId, a.handoffId, a.agencyId, a.uploadedBy, a.filename, a.mediaType, a.size, a.sha256, a.category, a.description,
        a.storage, a.storageKey, a.wrappedKey, a.keyId],
    );
    return id;
  }

  /** One file as listed (after its upload). */
  async listed(tx: Tx, id: string): Promise<AttachmentListRow> {
    const [row]: AttachmentListRow[] = await tx.query(`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE a.id = $1`, [id]);
    return row;
  }

  /**
   * A case's files (or a handoff's), newest first; `agencyId` set: only those of that agency's
   * handoffs still in its sight (a partner's view).
   */
  async list(q: Queryable, on: { caseId: string } | { handoffId: string }, agencyId: string | null): Promise<AttachmentListRow[]> {
    const params: unknown[] = ['caseId' in on ? on.caseId : on.handoffId];
    const bind = binder(params);
    const where = 'caseId' in on ? 'a.case_id = $1' : 'a.handoff_id = $1';
    const sight = agencyId === null ? '' : ` AND ${ownHandoffSql(bind(agencyId))}`;
    return q.query(`SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${where}${sight} ORDER BY a.created_at DESC, a.id`, params);
  }

  /** The file if the caller may read it, with its object's key and wrapped data key. */
  async readable(tx: Tx, p: Principal, id: string): Promise<AttachmentContentRow | undefined> {
    const params: unknown[] = [id];
    const rows: AttachmentContentRow[] = await tx.query(
      `SELECT ${LIST_COLUMNS}, a.storage, a.storage_key, a.wrapped_key, a.key_id FROM ${LIST_FROM}
        WHERE a.id = $1 AND ${attachmentScopeSql(p, binder(params))}`,
      params,
    );
    return rows[0];
  }

  /**
   * For other modules (documents/ prints the list in a case's file): a case's files, oldest
   * first; `scope.agencyId`: only that partner agency's handoffs' files still in its sight.
   * The caller has already decided that its user may see the case.
   */
  async listForCase(q: Queryable, caseId: string, scope: { agencyId?: string } = {}): Promise<CaseFileAttachment[]> {
    const rows = await this.list(q, { caseId }, scope.agencyId ?? null);
    return rows.reverse().map((r) => ({
      id: r.id, filename: r.filename, mediaType: r.media_type, size: Number(r.size), category: r.category, description: r.description,
      handoffId: r.handoff_id, uploadedByName: r.uploader_name, agencyName: r.agency_name, createdAt: new Date(r.created_at),
    }));
  }
}

/** The attachments' wrapped data keys, for key rotation (src/crypto/rotation.ts); context: the storage key. */
@Injectable()
export class AttachmentKeysRepository implements WrappedKeyStore {
  readonly name = 'attachments';

  constructor(private readonly db: Db) {}

  async stale(currentKeyId: string, limit: number, skip: readonly string[]): Promise<WrappedKeyRow[]> {
    const rows: Array<{ id: string; key_id: string; wrapped_key: Buffer; storage_key: string }> = await this.db.query(
      `SELECT id, key_id, wrapped_key, storage_key FROM attachments WHERE key_id <> $1 AND NOT (id::text = ANY($3)) ORDER BY created_at, id LIMIT $2`,
      [currentKeyId, limit, skip],
    );
    return rows.map((r) => ({ id: r.id, keyId: r.key_id, wrapped: r.wrapped_key, context: r.storage_key }));
  }

  async rewrap(row: WrappedKeyRow, keyId: string, wrapped: Buffer): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE attachments SET key_id = $3, wrapped_key = $4 WHERE id = $1 AND key_id = $2 RETURNING id`, [row.id, row.keyId, keyId, wrapped],
    );
    return rows.length === 1;
  }
}
