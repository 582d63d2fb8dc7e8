/**
 * The supports module's tables: `child_supports` (a child's entry on the special-circumstances
 * register, its workflow instance), `child_support_services` and `child_support_events`, and the
 * support-owned rows of `deadlines` (read). A support is locked alone: it belongs to no case.
 * The free text a person typed is sealed (`FieldCipher`) where it is written and opened where it is read.
 */
import { Injectable } from '@nestjs/common';
import { getWorkflow } from '../../workflows';
import type { SupportContext } from '../../workflows/special-circumstances-support/v1/machine';
import { NotFound } from '../common/errors';
import { FieldCipher } from '../crypto/field-cipher';
import type { Db, Tx } from '../database/db';
import { sealFreeText, withoutFreeText, withoutPaths } from '../engine/free-text';
import type { StoredSnapshot } from '../engine/snapshots';
import type { Change, ScopeSql } from '../engine/workflow-engine';
import { binder, type Bind } from '../identity/access.repository';

/**
 * What the free text of `child_support_events.data` is sealed for: `child_support_events.<member>`.
 * The members are the workflow contract's free text (`isFreeText`: needs, circumstances, goals, a
 * service's detail, why it ended, findings, the exit note); the registration is no workflow event,
 * its note is `SEALED_REGISTER_FIELDS`.
 */
export const SUPPORT_EVENTS_PURPOSE = 'child_support_events';
/** The free text of a registration's event data (`groups` are codes). */
export const SEALED_REGISTER_FIELDS = ['note'] as const;

/** What the free text of `child_supports.snapshot` is sealed for: `child_supports.snapshot.context.<path>`. */
export const SUPPORT_SNAPSHOT_PURPOSE = 'child_supports.snapshot';
/**
 * The free text of a support's context (`SupportContext`, dotted paths; a list's items each): the
 * registration note, the assessment, the plan's goals, what each service grants and why it ended,
 * the reviews' findings, the exit note. The groups, the exit reason, dates and ids are codes and
 * stay clear; the machine's guards read none of the text, so a restored snapshot works sealed.
 */
export const SEALED_SUPPORT_CONTEXT = [
  'note', 'assessment.needs', 'assessment.circumstances', 'plan.goals', 'services.detail', 'services.endReason', 'reviews.findings', 'exit.note',
] as const;

/** What the columns of `child_support_services` holding text are sealed for: `child_support_services.<column>`. */
export const SUPPORT_SERVICES_PURPOSE = 'child_support_services';

/** The register's statuses a child counts as supported in: a plan grants them services. */
export const SUPPORTED_STATUSES = ['supported', 'reviewing'] as const;

export interface SupportRow {
  id: string;
  child_id: string;
  commune_code: string;
  /** The workflow state (= `status`), under the name the engine reads. */
  state: string;
  status: string;
  groups: string[];
  workflow: string;
  workflow_version: number;
  snapshot: StoredSnapshot;
  version: number;
  registered_by: string;
  registered_at: Date;
  updated_at: Date;
  exited_at: Date | null;
  exit_reason: string | null;
}

/** A support with what its page shows: the child, the commune, who registered it, its deadlines. */
export interface SupportDetailRow extends SupportRow {
  child_name: string | null;
  child_sex: string;
  child_date_of_birth: string | null;
  commune_name: string;
  registered_by_name: string | null;
  overdue: boolean;
  deadlines: Array<{ key: string; title_vi: string; title_en: string; legal_basis: string; due_at: string; status: string; escalation_level: number }>;
}

export interface SupportEventRow {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_role: string;
  actor_name: string | null;
  occurred_at: Date;
}

export interface CommuneSupportCounts {
  commune_code: string;
  commune_name: string;
  /** Children on the register now (every entry not exited). */
  registered: number;
  /** Of those, children a plan grants services (`supported` or `reviewing`). */
  supported: number;
}

export interface NewSupport {
  childId: string;
  communeCode: string;
  groups: string[];
  workflow: string;
  workflowVersion: number;
  registeredBy: string;
  registeredByRole: string;
}

export const supportNotFound = () => new NotFound('Support', 'hồ sơ trẻ em có hoàn cảnh đặc biệt');

const DETAIL_SQL = (where: string) => `
  SELECT s.*, s.status AS state, ch.full_name AS child_name, ch.sex AS child_sex, to_char(ch.date_of_birth, 'YYYY-MM-DD') AS child_date_of_birth,
         m.name AS commune_name, u.full_name AS registered_by_name,
         EXISTS (SELECT 1 FROM deadlines d WHERE d.support_id = s.id AND d.status = 'breached') AS overdue,
         COALESCE((SELECT json_agg(json_build_object('key', d.key, 'title_vi', d.title_vi, 'title_en', d.title_en, 'legal_basis', d.legal_basis,
                                                     'due_at', d.due_at, 'status', d.status, 'escalation_level', d.escalation_level) ORDER BY d.due_at)
                     FROM deadlines d WHERE d.support_id = s.id AND d.status IN ('pending', 'breached')), '[]') AS deadlines
    FROM child_supports s JOIN children ch ON ch.id = s.child_id JOIN communes m ON m.code = s.commune_code
    LEFT JOIN users u ON u.id = s.registered_by
   WHERE ${where}`;

/**
 * The per-commune counts of the register — children registered (not exited) and of those supported —
 * over the communes `communeWhere` selects (a predicate over `communes m`), every such commune
 * listed even with none. Exported for oversight's indicator (issue 20): the one definition of the figure.
 */
export async function supportCountsByCommune(db: { query: Tx['query'] }, communeWhere: (bind: Bind) => string): Promise<CommuneSupportCounts[]> {
  const params: unknown[] = [];
  const where = communeWhere(binder(params));
  return db.query(
    `SELECT m.code AS commune_code, m.name AS commune_name,
            count(s.id) FILTER (WHERE s.status <> 'exited')::int AS registered,
            count(s.id) FILTER (WHERE s.status IN (${SUPPORTED_STATUSES.map((x) => `'${x}'`).join(', ')}))::int AS supported
       FROM communes m LEFT JOIN child_supports s ON s.commune_code = m.code
      WHERE ${where}
      GROUP BY m.code, m.name ORDER BY m.code`,
    params,
  );
}

@Injectable()
export class SupportsRepository {
  constructor(private readonly cipher: FieldCipher) {}

  async insert(tx: Tx, s: NewSupport, snapshot: StoredSnapshot, state: string, now: Date): Promise<SupportRow> {
    const [row]: SupportRow[] = await tx.query(
      `INSERT INTO child_supports (child_id, commune_code, status, groups, workflow, workflow_version, snapshot, version, registered_by, registered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $9) RETURNING *, status AS state`,
      [s.childId, s.communeCode, state, s.groups, s.workflow, s.workflowVersion, JSON.stringify(await this.sealSnapshot(snapshot)), s.registeredBy, now],
    );
    const data = await this.cipher.sealMembers({ groups: s.groups, note: (snapshot.context as unknown as SupportContext).note }, SEALED_REGISTER_FIELDS,
      SUPPORT_EVENTS_PURPOSE);
    await this.insertEvent(tx, row.id, 1, 'REGISTER', data, null, state, { id: s.registeredBy, role: s.registeredByRole }, now);
    return row;
  }

  /** Locks the support (404 outside `scope`, a predicate over `child_supports s`). */
  async lock(tx: Tx, id: string, scope?: ScopeSql): Promise<SupportRow> {
    const params: unknown[] = [id];
    const where = scope ? ` AND ${scope(binder(params))}` : '';
    const [row]: SupportRow[] = await tx.query(`SELECT s.*, s.status AS state FROM child_supports s WHERE s.id = $1${where} FOR UPDATE`, params);
    if (!row) throw supportNotFound();
    return row;
  }

  /**
   * Writes a transition: the row, its services (projected from the context) and its event, their
   * free text sealed (the context's as `SEALED_SUPPORT_CONTEXT`, the services' detail and end
   * reason, the event's by its contract).
   */
  async writeTransition(tx: Tx, s: SupportRow, change: Change): Promise<SupportRow> {
    // The restored context holds earlier text sealed, what this transition added in clear.
    const ctx = await this.cipher.openDeep(change.next.context, `${SUPPORT_SNAPSHOT_PURPOSE}.context`) as SupportContext;
    const [updated]: SupportRow[] = await tx.query(
      `UPDATE child_supports SET status = $2, snapshot = $3, version = version + 1, updated_at = $4,
              exited_at = CASE WHEN $2 = 'exited' THEN $4 ELSE exited_at END, exit_reason = $5
        WHERE id = $1 RETURNING *, status AS state`,
      [s.id, change.state, JSON.stringify(await this.sealSnapshot(change.next)), change.now, ctx.exit?.reason ?? null],
    );
    if (ctx.services.length) {
      const services = await Promise.all(ctx.services.map(async (x) => ({
        ...x, detail: await this.cipher.seal(x.detail, `${SUPPORT_SERVICES_PURPOSE}.detail`),
        endReason: await this.cipher.seal(x.endReason, `${SUPPORT_SERVICES_PURPOSE}.end_reason`),
      })));
      // A service's row changes only when it ends (its detail is written once).
      await tx.query(
        `INSERT INTO child_support_services (support_id, seq, kind, detail, granted_on, ended_on, end_reason)
         SELECT $1, x.seq, x.kind, x.detail, x."grantedOn"::date, x."endedOn"::date, x."endReason"
           FROM jsonb_to_recordset($2::jsonb) AS x(seq int, kind text, detail text, "grantedOn" text, "endedOn" text, "endReason" text)
         ON CONFLICT (support_id, seq) DO UPDATE SET ended_on = EXCLUDED.ended_on, end_reason = EXCLUDED.end_reason
          WHERE child_support_services.ended_on IS DISTINCT FROM EXCLUDED.ended_on`,
        [s.id, JSON.stringify(services)],
      );
    }
    await this.insertEvent(tx, s.id, updated.version, change.event.type, await this.sealEventData(s, change.event.type, change.event.data ?? {}), s.state,
      change.state, { id: change.actor.role === 'system' ? null : change.actor.id, role: change.actor.role }, change.now);
    return updated;
  }

  /** A snapshot as stored: its context's free text (`SEALED_SUPPORT_CONTEXT`) sealed. */
  private sealSnapshot(snapshot: StoredSnapshot): Promise<StoredSnapshot> {
    return this.cipher.sealPaths(snapshot, SEALED_SUPPORT_CONTEXT.map((p) => `context.${p}`), SUPPORT_SNAPSHOT_PURPOSE);
  }

  /** An event's data as stored: its free text (the contract's `text` and `lines` fields) sealed; system events declare none. */
  private sealEventData(s: Pick<SupportRow, 'workflow' | 'workflow_version'>, type: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (type === 'REGISTER') return this.cipher.sealMembers(data, SEALED_REGISTER_FIELDS, SUPPORT_EVENTS_PURPOSE);
    const fields = getWorkflow(s.workflow, s.workflow_version).events[type]?.fields;
    return fields ? sealFreeText(this.cipher, data, fields, SUPPORT_EVENTS_PURPOSE) : Promise.resolve(data);
  }

  /** A support row with its snapshot's sealed text opened. */
  private async openRow<R extends SupportRow>(row: R): Promise<R> {
    return { ...row, snapshot: await this.cipher.openDeep(row.snapshot, SUPPORT_SNAPSHOT_PURPOSE) as StoredSnapshot };
  }

  /**
   * One batch of the backfill of the register: the supports after `afterId` (by id), locked, with
   * their events and services; the clear free text of each sealed. How many supports it read (0:
   * done), how many rows it sealed, and the last id read.
   */
  async sealClearRows(tx: Tx, afterId: string, batch: number): Promise<{ read: number; sealed: number; lastId: string }> {
    const rows: Array<Pick<SupportRow, 'id' | 'workflow' | 'workflow_version' | 'snapshot'>> = await tx.query(
      `SELECT id, workflow, workflow_version, snapshot FROM child_supports WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`, [afterId, batch],
    );
    let sealed = 0;
    const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
    for (const s of rows) {
      const snapshot = await this.sealSnapshot(s.snapshot);
      if (changed(snapshot, s.snapshot)) {
        await tx.query(`UPDATE child_supports SET snapshot = $2 WHERE id = $1`, [s.id, JSON.stringify(snapshot)]);
        sealed++;
      }
      const events: Array<{ seq: number; type: string; data: Record<string, unknown> }> = await tx.query(
        `SELECT seq, type, data FROM child_support_events WHERE support_id = $1 ORDER BY seq`, [s.id]);
      for (const e of events) {
        const data = await this.sealEventData(s, e.type, e.data);
        if (!changed(data, e.data)) continue;
        await tx.query(`UPDATE child_support_events SET data = $3 WHERE support_id = $1 AND seq = $2`, [s.id, e.seq, JSON.stringify(data)]);
        sealed++;
      }
      const services: Array<{ seq: number; detail: string; end_reason: string | null }> = await tx.query(
        `SELECT seq, detail, end_reason FROM child_support_services WHERE support_id = $1 ORDER BY seq`, [s.id]);
      for (const v of services) {
        const detail = await this.cipher.sealOnce(v.detail, `${SUPPORT_SERVICES_PURPOSE}.detail`);
        const endReason = v.end_reason === null ? null : await this.cipher.sealOnce(v.end_reason, `${SUPPORT_SERVICES_PURPOSE}.end_reason`);
        if (detail === v.detail && endReason === v.end_reason) continue;
        await tx.query(`UPDATE child_support_services SET detail = $3, end_reason = $4 WHERE support_id = $1 AND seq = $2`, [s.id, v.seq, detail, endReason]);
        sealed++;
      }
    }
    return { read: rows.length, sealed, lastId: rows.at(-1)?.id ?? afterId };
  }

  /**
   * Removes the free text of a child's register entries that ended (exited) before `endedBefore`
   * (anonymisation of the child's closed case, src/retention/): their events' free text (by the
   * contract, the registration's note), the context's (`SEALED_SUPPORT_CONTEXT`), the services'
   * detail (required: empty) and end reason. Entries still open are the register's ongoing work and
   * stay. How many entries it changed.
   */
  async anonymiseEndedOfChild(tx: Tx, childId: string, endedBefore: Date): Promise<number> {
    const rows: Array<Pick<SupportRow, 'id' | 'workflow' | 'workflow_version' | 'snapshot'>> = await tx.query(
      `SELECT id, workflow, workflow_version, snapshot FROM child_supports WHERE child_id = $1 AND exited_at < $2 ORDER BY id FOR UPDATE`, [childId, endedBefore],
    );
    let changed = 0;
    for (const s of rows) {
      const snapshot = withoutPaths(s.snapshot, SEALED_SUPPORT_CONTEXT.map((p) => `context.${p}`));
      const events: Array<{ seq: number; type: string; data: Record<string, unknown> }> = await tx.query(
        `SELECT seq, type, data FROM child_support_events WHERE support_id = $1 ORDER BY seq`, [s.id]);
      const stripped = events.flatMap((e) => {
        const fields = getWorkflow(s.workflow, s.workflow_version).events[e.type]?.fields;
        const data = e.type === 'REGISTER' ? withoutPaths(e.data, SEALED_REGISTER_FIELDS) : fields ? withoutFreeText(e.data, fields) : e.data;
        return JSON.stringify(data) === JSON.stringify(e.data) ? [] : [{ seq: e.seq, data }];
      });
      const services = await tx.query(
        `UPDATE child_support_services SET detail = '', end_reason = NULL WHERE support_id = $1 AND (detail <> '' OR end_reason IS NOT NULL) RETURNING seq`, [s.id]);
      if (JSON.stringify(snapshot) === JSON.stringify(s.snapshot) && !stripped.length && !(services as unknown[]).length) continue;
      await tx.query(`UPDATE child_supports SET snapshot = $2 WHERE id = $1`, [s.id, JSON.stringify(snapshot)]);
      for (const e of stripped) await tx.query(`UPDATE child_support_events SET data = $3 WHERE support_id = $1 AND seq = $2`, [s.id, e.seq, JSON.stringify(e.data)]);
      changed++;
    }
    return changed;
  }

  private async insertEvent(tx: Tx, supportId: string, seq: number, type: string, data: Record<string, unknown>, from: string | null, to: string,
    actor: { id: string | null; role: string }, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO child_support_events (support_id, seq, type, data, from_state, to_state, actor_id, actor_role, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [supportId, seq, type, JSON.stringify(data), from, to, actor.id, actor.role, at],
    );
  }

  /** The child as registration needs it (the caller's child scope applied by `scope`, over `children ch`); undefined outside it. */
  async child(tx: Tx, childId: string, scope: (bind: Bind) => string): Promise<{ id: string; residence_commune_code: string | null } | undefined> {
    const params: unknown[] = [childId];
    const [row] = await tx.query<{ id: string; residence_commune_code: string | null }>(
      `SELECT ch.id, ch.residence_commune_code FROM children ch WHERE ch.id = $1 AND ${scope(binder(params))}`, params,
    );
    return row;
  }

  async openForChild(tx: Tx, childId: string): Promise<string | undefined> {
    const [row] = await tx.query<{ id: string }>(`SELECT id FROM child_supports WHERE child_id = $1 AND status <> 'exited'`, [childId]);
    return row?.id;
  }

  async find(tx: Tx, id: string, scope: (bind: Bind) => string): Promise<SupportDetailRow | undefined> {
    const params: unknown[] = [id];
    const [row] = await tx.query<SupportDetailRow>(`${DETAIL_SQL(`s.id = $1 AND ${scope(binder(params))}`)}`, params);
    return row && this.openRow(row);
  }

  /** The support's timeline, its free text opened. */
  async events(tx: Tx, id: string): Promise<SupportEventRow[]> {
    const rows: SupportEventRow[] = await tx.query(
      `SELECT e.seq, e.type, e.data, e.from_state, e.to_state, e.actor_id, e.actor_role, u.full_name AS actor_name, e.occurred_at
         FROM child_support_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.support_id = $1 ORDER BY e.seq`,
      [id],
    );
    return Promise.all(rows.map(async (e) => ({ ...e, data: await this.cipher.openDeep(e.data, SUPPORT_EVENTS_PURPOSE) as Record<string, unknown> })));
  }

  /** A page of the supports in `scope`, open first then by registration (newest first); `statuses` null = all. */
  async page(db: Db, scope: (bind: Bind) => string, f: { communeCode?: string; childId?: string; statuses: string[] | null; overdue?: boolean },
    page: number, pageSize: number): Promise<{ rows: SupportDetailRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [scope(bind)];
    if (f.communeCode) where.push(`s.commune_code = ${bind(f.communeCode)}`);
    if (f.childId) where.push(`s.child_id = ${bind(f.childId)}`);
    if (f.statuses) where.push(`s.status = ANY(${bind(f.statuses)})`);
    if (f.overdue) where.push(`EXISTS (SELECT 1 FROM deadlines od WHERE od.support_id = s.id AND od.status = 'breached')`);
    const rows = await db.query<SupportDetailRow & { total: string }>(
      `SELECT q.*, count(*) OVER () AS total FROM (${DETAIL_SQL(where.join(' AND '))}) q
        ORDER BY (q.status = 'exited'), q.registered_at DESC, q.id LIMIT ${bind(pageSize)} OFFSET ${bind((page - 1) * pageSize)}`,
      params,
    );
    return { rows: await Promise.all(rows.map((r) => this.openRow(r))), total: rows.length ? Number(rows[0].total) : 0 };
  }

  counts(db: Db, communeWhere: (bind: Bind) => string): Promise<CommuneSupportCounts[]> {
    return supportCountsByCommune(db, communeWhere);
  }
}
