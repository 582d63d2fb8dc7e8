/**
 * The cases module's tables: `cases`, `case_children`, `case_reporters`, `case_events`,
 * `case_code_counters` and `idempotency_keys`. The case view (one statement returning a case with
 * its child, reporter, assignee, deadlines, handoffs, transfers and decisions) and the timeline are
 * declared read models here: they join the deadlines, handoffs and decisions of the case, read-only,
 * so a case page is one round trip.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { agencyWorkSql, finishedHandoffKeys, getWorkflow, handoffFinishedKeySql, listWorkflows, SEPARATION_WORKFLOW, TRANSFER_WORKFLOW } from '../../workflows';
import type { Change } from '../engine/workflow-engine';
import type { StoredSnapshot } from '../engine/snapshots';
import { freeTextPaths, sealFreeText, withoutPaths } from '../engine/free-text';
import { auditInsertFromSql } from '../audit/audit.repository';
import { currentAccess } from '../audit/request-context';
import { CaseNotFound, Conflict } from '../common/errors';
import { FieldCipher } from '../crypto/field-cipher';
import type { Tx } from '../database/db';
import { childMatchSql, RANKED_MATCHES, type ResolvedTerms } from '../children/children-search.repository';
import { binder, caseScopeSql, clientCaseScopeSql, type Bind } from '../identity/access.repository';
import type { CaseProjection } from '../identity/policy';
import { isClient, type Caller, type Principal } from '../identity/roles';
import type { CaseRow } from './case-row';
import { openCaseSnapshot, sealCaseSnapshot, sealedCaseSnapshotPaths } from './case-fields';
import { HANDOFF_CONTEXT_PURPOSE, openHandoffRow } from './handoff-fields';
import type { ChildRow, CommuneRefRow, DeadlineViewRow, DecisionViewRow, HandoffViewRow, OtherCaseRow, ReporterRow, TransferViewRow } from './case-views';

/** The audit entry of a case transition, written by the audit module's SQL in the same statement as the case. */
const TRANSITION_AUDIT = auditInsertFromSql('updated', {
  actorId: '$10', actorRole: '$11', action: `'case.' || $8`, caseId: 'id', entity: `'case'`, entityId: 'id::text',
  details: `jsonb_build_object('seq', version, 'from', $12::text, 'to', state)
    || CASE WHEN $15::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('environment', $15::text) END`, access: '$14::jsonb',
});

/**
 * What the free text of `case_events.data` is sealed for: `case_events.<member>` (e.g.
 * `case_events.text`, `case_events.actions.instructions`); decisions quote it sealed as it is.
 */
export const CASE_EVENTS_PURPOSE = 'case_events';

/** What an idempotency record's answer (a case view, reporter included) is sealed for: a JSON string member of `response`. */
const IDEMPOTENT_PURPOSE = 'idempotency_keys.response';

/** The request's origin and scope rule for the transition's audit entry (null outside a request). */
function accessJson(): string | null {
  const access = currentAccess();
  return access === null ? null : JSON.stringify(access);
}

/** A case row with the columns `viewColumns` adds. */
export type ViewRow = CaseRow & {
  v_child: ChildRow; v_reporter: ReporterRow | null; v_assignee: { id: string; full_name: string } | null;
  v_deadlines: DeadlineViewRow[]; v_handoffs: HandoffViewRow[]; v_repeat: { of_case_id: string; code: string } | null;
  /** The communes the case names (lead, incident, residence, partner, pending), by code. */
  v_communes: Record<string, CommuneRefRow>;
  v_transfers: TransferViewRow[];
  /** Its temporary separations (workflow `temporary-separation`), in short. */
  v_separations: SeparationSummaryRow[];
  /** Its decisions (none read for the need-to-know projection). */
  v_decisions: DecisionViewRow[];
};

/** A case's legal hold as it now stands (all null: none). */
export interface LegalHoldRow {
  reason: string | null;
  by: string | null;
  at: Date | null;
}

/** The case a new report about the child repeats: the latest of theirs open, or closed within 12 months, when it was received. */
export interface RepeatRow {
  id: string;
  code: string;
  assignee_id: string | null;
}

/** A case's handoffs with their agency and whether a deadline of theirs is breached. */
const HANDOFF_ROWS_SQL = (caseRef: string) => `
  SELECT h.id, h.kind, h.agency_id, a.name AS agency_name, a.type AS agency_type, h.urgency, h.state, h.workflow, h.workflow_version,
         h.version, h.snapshot, h.instructions, h.due_at, h.outcome, h.reason, h.created_at, h.accepted_at, h.completed_at,
         EXISTS (SELECT 1 FROM deadlines d WHERE d.handoff_id = h.id AND d.status = 'breached') AS overdue
    FROM handoffs h JOIN agencies a ON a.id = h.agency_id WHERE h.case_id = ${caseRef} AND ${agencyWorkSql('h')}`;

/**
 * Transfers of cases between communes (rows of `handoffs` of workflow `commune-transfer`) with
 * their case's code, both communes and who asked, filtered by `where` (over `handoffs h`).
 */
export const TRANSFER_ROWS_SQL = (where: string) => `
  SELECT h.id, h.kind, h.case_id, c.code AS case_code, h.state, h.workflow, h.workflow_version, h.snapshot, h.instructions,
         h.created_by, ru.full_name AS requested_by_name, h.created_at, h.due_at, h.updated_at,
         fm.code AS from_commune_code, fm.name AS from_commune_name, fm.province_code AS from_province_code,
         tm.code AS to_commune_code, tm.name AS to_commune_name,
         EXISTS (SELECT 1 FROM deadlines d WHERE d.handoff_id = h.id AND d.status = 'breached') AS overdue
    FROM handoffs h JOIN cases c ON c.id = h.case_id
         JOIN communes fm ON fm.code = h.snapshot->'context'->>'fromCommuneCode'
         JOIN communes tm ON tm.code = h.snapshot->'context'->>'toCommuneCode'
         LEFT JOIN users ru ON ru.id = h.created_by
   WHERE h.workflow = '${TRANSFER_WORKFLOW}' AND ${where}`;

/** A case's temporary separations in short (rows of `handoffs` of workflow `temporary-separation`; src/separations/ has the rest). */
export interface SeparationSummaryRow {
  id: string;
  state: string;
  workflow: string;
  workflow_version: number;
  placement_kind: string | null;
  start_on: string | null;
  end_on: string | null;
  created_at: string;
}
const SEPARATION_SUMMARY_SQL = (caseRef: string) => `
  SELECT h.id, h.state, h.workflow, h.workflow_version, h.snapshot->'context'->'placement'->>'kind' AS placement_kind,
         h.snapshot->'context'->>'startOn' AS start_on, h.snapshot->'context'->>'endOn' AS end_on, h.created_at
    FROM handoffs h WHERE h.case_id = ${caseRef} AND h.workflow = '${SEPARATION_WORKFLOW}'`;

/**
 * The commune's numbered decisions (owned by decisions/: written there, read here with the case),
 * filtered by `where` (over `decisions dn`), in the order the case issued them.
 */
export const DECISION_ROWS_SQL = (where: string) => `
  SELECT dn.id, dn.kind, dn.number, dn.year, dn.commune_code, dn.case_id, dn.event_seq, dn.signer_id, dn.signer_name, dn.signer_title,
         dn.decided_at, to_char(dn.effective_on, 'YYYY-MM-DD') AS effective_on, dn.body
    FROM decisions dn WHERE ${where}`;

/**
 * The columns a case view needs beyond the case row `c`, as JSON: its child, its reporter (only
 * for the full projection), assignee, deadlines and handoffs. No parameters: the same text for
 * every case, so it is prepared once per connection.
 */
export function viewColumns(projection: CaseProjection): string {
  return `
    (SELECT json_build_object('full_name', ch.full_name, 'sex', ch.sex, 'date_of_birth', to_char(ch.date_of_birth, 'YYYY-MM-DD'),
                              'approx_age_years', ch.approx_age_years, 'address', ch.address)
       FROM case_children ch WHERE ch.case_id = c.id) AS v_child,
    ${projection === 'full' ? `(SELECT row_to_json(r) FROM (SELECT anonymous, name, phone, address, relation_to_child FROM case_reporters WHERE case_id = c.id) r)` : 'NULL'} AS v_reporter,
    (SELECT json_build_object('id', u.id, 'full_name', u.full_name) FROM users u WHERE u.id = c.assignee_id) AS v_assignee,
    COALESCE((SELECT json_agg(d ORDER BY d.due_at, d.key) FROM (
       SELECT id, handoff_id, key, title_vi, title_en, legal_basis, starts_at, due_at, status, settled_at, breached_at, escalation_level
         FROM deadlines WHERE case_id = c.id) d), '[]') AS v_deadlines,
    COALESCE((SELECT json_agg(h ORDER BY h.created_at) FROM (${HANDOFF_ROWS_SQL('c.id')}) h), '[]') AS v_handoffs,
    (SELECT json_build_object('of_case_id', r.id, 'code', r.code) FROM cases r WHERE r.id = c.repeat_of_case_id) AS v_repeat,
    (SELECT json_object_agg(m.code, json_build_object('code', m.code, 'name', m.name, 'province_code', m.province_code)) FROM communes m
      WHERE m.code IN (c.commune_code, c.incident_commune_code, c.residence_commune_code, c.partner_commune_code, c.pending_commune_code)) AS v_communes,
    ${projection === 'need_to_know' ? `'[]'::json` : `COALESCE((SELECT json_agg(t ORDER BY t.created_at) FROM (${TRANSFER_ROWS_SQL('h.case_id = c.id')}) t), '[]')`} AS v_transfers,
    ${projection === 'need_to_know' ? `'[]'::json` : `COALESCE((SELECT json_agg(s ORDER BY s.created_at) FROM (${SEPARATION_SUMMARY_SQL('c.id')}) s), '[]')`} AS v_separations,
    ${projection === 'need_to_know' ? `'[]'::json` : `COALESCE((SELECT json_agg(d ORDER BY d.decided_at, d.event_seq) FROM (${DECISION_ROWS_SQL('dn.case_id = c.id')}) d), '[]')`} AS v_decisions`;
}

export interface NewCase {
  code: string;
  /** Where it happened: it leads the case at first (and is its incident commune for good). */
  communeCode: string;
  /** The child's residence commune, when the report names it. */
  residenceCommuneCode?: string | null;
  /** The residence commune when it differs from `communeCode`: it shares the case from the start. */
  partnerCommuneCode?: string | null;
  /** The registry record of the child (children/). */
  childId: string;
  /** The child's case this report repeats (`repeatOf`), if any. */
  repeatOfCaseId: string | null;
  workflow: string;
  workflowVersion: number;
  channel: string;
  externalRef: string | null;
  reportHash: string;
  receivedAt: Date;
  immediateDanger: boolean;
  abuseTypes: string[];
  incident: Record<string, unknown>;
  /** The user who filed it, or (`createdByClient`) the system client: exactly one is set. */
  createdBy: string | null;
  createdByClient?: string | null;
}

export interface ListFilter {
  state?: string;
  overdue?: boolean;
  assigneeId?: string;
  communeCode?: string;
  /** The case code contains this text. */
  text?: string;
  /** Or the case's registry child matches these terms (children-search.repository): not for partners. */
  child?: ResolvedTerms;
  /** No one is assigned (with `assigneeId` unset). */
  unassigned?: boolean;
  riskLevel?: string;
  abuseType?: string;
  /** By the child's age when the report was received (`AGE_AT_RECEIPT_SQL`). */
  ageGroup?: 'under_16' | '16_17';
  /** The registry child's village, folded (children/names `fold`). */
  village?: string;
  /** Received at or after / before these instants. */
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** With (true) or without (false) an open flag (casework/'s `case_flags`). */
  flagged?: boolean;
  /** With an open flag of this reason. */
  flag?: string;
  /** Read the reasons of each case's open flags (`flags`): not for partners. */
  withFlags?: boolean;
  page: number;
  pageSize: number;
}

export type ListRow = CaseRow & { next_due_at: Date | null; total: string; child_name: string | null; flags: string[] | null;
  next_deadline: { key: string; title_vi: string; title_en: string; due_at: string; status: 'pending' | 'breached' } | null;
};

/**
 * The child's age in whole years when the case's report was received (Vietnam time): from the
 * registry's date of birth, else the report's, else the approximate age (the registry's, then the
 * report's); null when none is known. Over `cases c`.
 */
const AGE_AT_RECEIPT_SQL = `(SELECT CASE WHEN COALESCE(ach.date_of_birth, acc.date_of_birth) IS NOT NULL
         THEN date_part('year', age((c.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, COALESCE(ach.date_of_birth, acc.date_of_birth)))::int
         ELSE COALESCE(ach.approx_age_years, acc.approx_age_years) END
    FROM children ach LEFT JOIN case_children acc ON acc.case_id = c.id WHERE ach.id = c.child_id)`;

/** The open flags of case `c` (casework/'s table, read with the list). */
const OPEN_FLAGS_SQL = (extra = '') => `SELECT 1 FROM case_flags fl WHERE fl.case_id = c.id AND fl.cleared_at IS NULL${extra}`;

/** An event a document quotes (the plan a decision approves, the proposal it accepts). */
export interface QuotedEventRow {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string;
  actor_name: string | null;
}

export type TimelineEventRow = {
  seq: number; type: string; data: Record<string, unknown>; actor_id: string | null; actor_role: string; actor_name: string | null;
  from_state: string; to_state: string; occurred_at: Date;
};

/** The reporter's identity, sealed (src/crypto/field-cipher.ts) in `case_reporters`. */
export const SEALED_REPORTER_FIELDS = ['name', 'phone', 'address'] as const;
/** The free text of `cases.incident` (the narrative and Mẫu 01's answers), sealed; its codes, dates and kinds stay clear. */
export const SEALED_INCIDENT_FIELDS = [
  'description', 'location', 'childWhereabouts', 'childCondition', 'likelyConsequences', 'familySituation', 'actionsTaken', 'notes',
] as const;

@Injectable()
export class CasesRepository {
  constructor(private readonly cipher: FieldCipher) {}

  /**
   * Seals, in batches, the fields written in clear before field encryption: reporters, incidents
   * and idempotency answers. How many rows it sealed (0 once done).
   */
  async sealClearRows(tx: Tx, batch: number): Promise<number> {
    const clear = (col: string) => `(${col} IS NOT NULL AND ${col} NOT LIKE 'enc1:%')`;
    const reporters: Array<ReporterRow & { case_id: string }> = await tx.query(
      `SELECT case_id, anonymous, name, phone, address, relation_to_child FROM case_reporters
        WHERE ${clear('name')} OR ${clear('phone')} OR ${clear('address')} LIMIT $1 FOR UPDATE`, [batch],
    );
    for (const r of reporters) {
      const sealed = await this.cipher.sealMembers(r as unknown as Record<string, unknown>, SEALED_REPORTER_FIELDS, 'case_reporters');
      await tx.query(`UPDATE case_reporters SET name = $2, phone = $3, address = $4 WHERE case_id = $1`, [r.case_id, sealed.name, sealed.phone, sealed.address]);
    }
    const incidents: Array<{ id: string; incident: Record<string, unknown> }> = await tx.query(
      `SELECT id, incident FROM cases
        WHERE EXISTS (SELECT 1 FROM jsonb_each(incident) e WHERE e.key = ANY($2) AND jsonb_typeof(e.value) = 'string' AND e.value->>0 NOT LIKE 'enc1:%')
        LIMIT $1 FOR UPDATE`, [batch, SEALED_INCIDENT_FIELDS],
    );
    for (const c of incidents) {
      await tx.query(`UPDATE cases SET incident = $2 WHERE id = $1`,
        [c.id, JSON.stringify(await this.cipher.sealMembers(c.incident, SEALED_INCIDENT_FIELDS, 'cases.incident'))]);
    }
    const answers: Array<{ actor_id: string; key: string; response: unknown }> = await tx.query(
      `SELECT actor_id, key, response FROM idempotency_keys WHERE jsonb_typeof(response) <> 'string' LIMIT $1 FOR UPDATE`, [batch],
    );
    for (const a of answers) {
      await tx.query(`UPDATE idempotency_keys SET response = $3 WHERE actor_id = $1 AND key = $2`,
        [a.actor_id, a.key, JSON.stringify(await this.cipher.seal(JSON.stringify(a.response), IDEMPOTENT_PURPOSE))]);
    }
    return reporters.length + incidents.length + answers.length;
  }

  /**
   * One batch of the backfill of `case_events`: the events after `afterId` (by id) of the types
   * that declare free text, locked, their clear free text sealed. How many it read (0: done),
   * sealed, and the last id read.
   */
  async sealClearEvents(tx: Tx, afterId: string, batch: number): Promise<{ read: number; sealed: number; lastId: string }> {
    const types = [...new Set(listWorkflows().flatMap((w) => Object.entries(w.events).filter(([, c]) => freeTextPaths(c.fields).length).map(([t]) => t)))];
    const rows: Array<{ id: string; type: string; data: Record<string, unknown>; workflow: string; workflow_version: number }> = await tx.query(
      `SELECT e.id, e.type, e.data, c.workflow, c.workflow_version FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.id > $1 AND e.type = ANY($2) ORDER BY e.id LIMIT $3 FOR UPDATE OF e`, [afterId, types, batch],
    );
    let sealed = 0;
    for (const e of rows) {
      const data = await this.sealEventData(e, e.type, e.data);
      if (JSON.stringify(data) === JSON.stringify(e.data)) continue;
      await tx.query(`UPDATE case_events SET data = $2 WHERE id = $1`, [e.id, JSON.stringify(data)]);
      sealed++;
    }
    return { read: rows.length, sealed, lastId: rows.at(-1)?.id ?? afterId };
  }

  /**
   * One batch of the backfill of `cases.snapshot`: the cases after `afterId` (by id), locked, their
   * context's clear free text sealed (src/cases/case-fields.ts). How many it read (0: done), sealed,
   * and the last id read.
   */
  async sealClearSnapshots(tx: Tx, afterId: string, batch: number): Promise<{ read: number; sealed: number; lastId: string }> {
    const rows: Array<Pick<CaseRow, 'id' | 'workflow' | 'snapshot'>> = await tx.query(
      `SELECT id, workflow, snapshot FROM cases WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`, [afterId, batch],
    );
    let sealed = 0;
    for (const c of rows) {
      const snapshot = await sealCaseSnapshot(this.cipher, c.workflow, c.snapshot);
      if (JSON.stringify(snapshot) === JSON.stringify(c.snapshot)) continue;
      await tx.query(`UPDATE cases SET snapshot = $2 WHERE id = $1`, [c.id, JSON.stringify(snapshot)]);
      sealed++;
    }
    return { read: rows.length, sealed, lastId: rows.at(-1)?.id ?? afterId };
  }

  /** A case's incident with its free text opened. */
  openIncident(incident: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.cipher.openMembers(incident, SEALED_INCIDENT_FIELDS, 'cases.incident');
  }

  /** A row read with the view columns, its sealed fields (its snapshot's free text, incident, reporter, what its decisions quote, its handoffs' and transfers' text) opened. */
  async openView<R extends ViewRow>(row: R): Promise<R> {
    const incident = await this.openIncident(row.incident);
    const reporter = row.v_reporter && await this.cipher.openMembers(row.v_reporter as unknown as Record<string, unknown>, SEALED_REPORTER_FIELDS, 'case_reporters');
    const decisions = row.v_decisions && await Promise.all(row.v_decisions.map((d) => this.openDecision(d)));
    const handoffs = await Promise.all(row.v_handoffs.map((h) => this.openHandoff(h)));
    const transfers = await Promise.all(row.v_transfers.map((t) => this.openHandoff(t)));
    const snapshot = await openCaseSnapshot(this.cipher, row.snapshot);
    return { ...row, snapshot, incident, v_reporter: reporter as ReporterRow | null, v_decisions: decisions, v_handoffs: handoffs, v_transfers: transfers };
  }

  /** A row read from `handoffs` (a handoff, a transfer) with its sealed text opened (src/cases/handoff-fields.ts). */
  openHandoff<R extends { snapshot: StoredSnapshot }>(row: R): Promise<R> {
    return openHandoffRow(this.cipher, row);
  }

  async commune(tx: Tx, code: string): Promise<{ code: string; province_code: string; case_prefix: string } | undefined> {
    const rows: Array<{ code: string; province_code: string; case_prefix: string }> = await tx.query(
      `SELECT code, province_code, case_prefix FROM communes WHERE code = $1`, [code],
    );
    return rows[0];
  }

  /** Serialises intakes under the same reference in a commune (retries, two operators) until the transaction ends. */
  async lockReport(tx: Tx, communeCode: string, channel: string, externalRef: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`intake|${communeCode}|${channel}|${externalRef}`]);
  }

  /** The case filed in the commune under this reference (wherever it is led now), with the hash of its report. */
  async findByReport(tx: Tx, communeCode: string, channel: string, externalRef: string): Promise<{ id: string; report_hash: string | null; child_id: string } | undefined> {
    const rows: Array<{ id: string; report_hash: string | null; child_id: string }> = await tx.query(
      `SELECT id, report_hash, child_id FROM cases WHERE incident_commune_code = $1 AND channel = $2 AND external_ref = $3`, [communeCode, channel, externalRef],
    );
    return rows[0];
  }

  /** The next number of the commune-year (gap-free within a commune-year). */
  async nextNumber(tx: Tx, communeCode: string, year: number): Promise<number> {
    const [{ last_value }]: Array<{ last_value: number }> = await tx.query(
      `INSERT INTO case_code_counters (commune_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (commune_code, year) DO UPDATE SET last_value = case_code_counters.last_value + 1 RETURNING last_value`,
      [communeCode, year],
    );
    return last_value;
  }

  /** Inserts a case, its first event (`CASE_RECEIVED`, seq 1) in one statement. */
  async insert(tx: Tx, c: NewCase, snapshot: StoredSnapshot, state: string, now: Date, actor: { id: string; role: string }): Promise<CaseRow> {
    const [row]: CaseRow[] = await tx.query(
      `WITH inserted AS (
         INSERT INTO cases (code, commune_code, workflow, workflow_version, state, snapshot, version, risk_level, channel,
                            external_ref, report_hash, received_at, immediate_danger, abuse_types, incident, created_by, created_by_client, created_at, updated_at, child_id,
                            repeat_of_case_id, incident_commune_code, residence_commune_code, partner_commune_code)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $18, $10, $11, $12, $13, $14, $19, $15, $15, $20, $21, $2, $22, $23) RETURNING *
       ), event AS (
         INSERT INTO case_events (case_id, seq, type, data, actor_id, actor_role, from_state, to_state, occurred_at)
         SELECT id, 1, 'CASE_RECEIVED', $16, COALESCE($14, $19), $17, '', state, $15 FROM inserted
       ) SELECT * FROM inserted`,
      [c.code, c.communeCode, c.workflow, c.workflowVersion, state, JSON.stringify(await sealCaseSnapshot(this.cipher, c.workflow, snapshot)), snapshot.context.riskLevel ?? null,
        c.channel, c.externalRef, c.receivedAt, c.immediateDanger, c.abuseTypes,
        JSON.stringify(await this.cipher.sealMembers(c.incident, SEALED_INCIDENT_FIELDS, 'cases.incident')), c.createdBy, now,
        JSON.stringify({ channel: c.channel, immediateDanger: c.immediateDanger }), actor.role, c.reportHash, c.createdByClient ?? null, c.childId,
        c.repeatOfCaseId, c.residenceCommuneCode ?? null, c.partnerCommuneCode ?? null],
    );
    return row;
  }

  async insertChild(tx: Tx, caseId: string, child: ChildRow): Promise<void> {
    await tx.query(
      `INSERT INTO case_children (case_id, full_name, sex, date_of_birth, approx_age_years, address) VALUES ($1, $2, $3, $4, $5, $6)`,
      [caseId, child.full_name, child.sex, child.date_of_birth, child.approx_age_years, child.address],
    );
  }

  async insertReporter(tx: Tx, caseId: string, reporter: ReporterRow): Promise<void> {
    const r = await this.cipher.sealMembers(reporter as unknown as Record<string, unknown>, SEALED_REPORTER_FIELDS, 'case_reporters') as unknown as ReporterRow;
    await tx.query(
      `INSERT INTO case_reporters (case_id, anonymous, name, phone, address, relation_to_child) VALUES ($1, $2, $3, $4, $5, $6)`,
      [caseId, r.anonymous, r.name, r.phone, r.address, r.relation_to_child],
    );
  }

  /** Locks the case row; `scope` (a predicate over `cases c`) is folded into the lock: outside it, 404. */
  /** Whether the case has a handoff of this kind still open (an event's `oneOpenHandoff`). */
  async hasOpenHandoffOfKind(tx: Tx, caseId: string, kind: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM handoffs h WHERE h.case_id = $1 AND h.kind = $2 AND ${handoffFinishedKeySql('h')} <> ALL($3) LIMIT 1`,
      [caseId, kind, finishedHandoffKeys()],
    );
    return rows.length > 0;
  }

  async lock(tx: Tx, caseId: string, scope?: (bind: Bind) => string): Promise<CaseRow> {
    const params: unknown[] = [caseId];
    const rows = await tx.prepared<CaseRow>(
      `SELECT c.* FROM cases c WHERE c.id = $1 ${scope ? `AND ${scope(binder(params))}` : ''} FOR UPDATE OF c`, params,
    );
    if (!rows[0]) throw new CaseNotFound();
    return rows[0];
  }

  /**
   * Locks the case for a transition (the case store's load): as `lock`, its snapshot's free text
   * opened, so the machine restores and copies clear text only (src/cases/case-fields.ts).
   */
  async lockForTransition(tx: Tx, caseId: string, scope?: (bind: Bind) => string): Promise<CaseRow> {
    const row = await this.lock(tx, caseId, scope);
    return { ...row, snapshot: await openCaseSnapshot(this.cipher, row.snapshot) };
  }

  /**
   * A transition of a locked case: the row (its escalation level: the highest among its open
   * breaches), its event and its audit entry in one statement (one round trip), returning the row
   * with the `select` columns. The snapshot is written with its free text sealed and returned as
   * the transition computed it, clear.
   */
  async writeTransition<R extends CaseRow>(tx: Tx, row: CaseRow, change: Change,
    columns: { riskLevel: unknown; assigneeId: string | null; outcome: unknown; environment: string | null },
    opts: { select?: string; commit?: boolean }): Promise<R> {
    const { actor, event } = change;
    const data = await this.sealEventData(row, event.type, event.data ?? {});
    const snapshot = await sealCaseSnapshot(this.cipher, row.workflow, change.next);
    const [updated] = await tx.prepared<R>(
      `WITH updated AS (
         UPDATE cases SET state = $2, snapshot = $3, version = version + 1, risk_level = $4, assignee_id = $5, outcome = $6,
                escalation_level = (SELECT COALESCE(max(d.escalation_level), 0) FROM deadlines d WHERE d.case_id = $1 AND d.status = 'breached'),
                updated_at = $7, closed_at = CASE WHEN $13 THEN COALESCE(closed_at, $7) ELSE NULL END,
                incident = CASE WHEN $15::text IS NULL THEN incident ELSE jsonb_set(incident, '{environment}', to_jsonb($15::text)) END
          WHERE id = $1 RETURNING *
       ), event AS (
         INSERT INTO case_events (case_id, seq, type, data, actor_id, actor_role, from_state, to_state, occurred_at)
         SELECT id, version, $8, $9, $10, $11, $12, state, $7 FROM updated
       ), audit AS (${TRANSITION_AUDIT}) SELECT c.*${opts.select ? `, ${opts.select}` : ''} FROM updated c`,
      [row.id, change.state, JSON.stringify(snapshot), columns.riskLevel ?? null, columns.assigneeId, columns.outcome ?? null, change.now,
        event.type, JSON.stringify(data), actor.role === 'system' ? null : actor.id, actor.role, row.state, change.terminal,
        accessJson(), columns.environment],
      { commit: opts.commit },
    );
    return { ...updated, snapshot: change.next };
  }

  /** An event's data as stored: its free text (the workflow contract's `text` and `lines` fields) sealed; system events declare none. */
  private sealEventData(c: Pick<CaseRow, 'workflow' | 'workflow_version'>, type: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const fields = getWorkflow(c.workflow, c.workflow_version).events[type]?.fields;
    return fields ? sealFreeText(this.cipher, data, fields, CASE_EVENTS_PURPOSE) : Promise.resolve(data);
  }

  /** Event data as read: its sealed free text opened. */
  async openEventData(data: Record<string, unknown>): Promise<Record<string, unknown>> {
    return await this.cipher.openDeep(data, CASE_EVENTS_PURPOSE) as Record<string, unknown>;
  }

  /** Rows of events with their data opened. */
  async openEvents<E extends { data: Record<string, unknown> }>(rows: E[]): Promise<E[]> {
    return Promise.all(rows.map(async (e) => ({ ...e, data: await this.openEventData(e.data) })));
  }

  /**
   * A decision with the free text its body quotes opened: sealed as the event it quotes, or, for a
   * handoff's decision (a separation's: its body quotes the instance, `quoted.handoffId`), as the
   * handoff's context it quotes (src/cases/handoff-fields.ts).
   */
  async openDecision<D extends { body: unknown }>(d: D): Promise<D> {
    const quoted = (d.body as { quoted?: { handoffId?: string } }).quoted;
    const purpose = quoted?.handoffId ? HANDOFF_CONTEXT_PURPOSE : CASE_EVENTS_PURPOSE;
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d.body as Record<string, unknown>)) body[k] = await this.cipher.openDeep(v, purpose);
    return { ...d, body };
  }

  /** A transfer to `communeCode` is pending on the (locked) case; null: none is. */
  async setPendingCommune(tx: Tx, caseId: string, communeCode: string | null): Promise<void> {
    await tx.query(`UPDATE cases SET pending_commune_code = $2 WHERE id = $1`, [caseId, communeCode]);
  }

  /**
   * The (locked) case passes to the commune that accepted it: a handover keeps the incident
   * commune as partner; a transfer (the child moved) shares it with nobody and records the new
   * residence. No transfer is pending any more.
   */
  async moveCase(tx: Tx, caseId: string, toCommuneCode: string, handover: boolean): Promise<{ workflow: string; workflow_version: number }> {
    const [row]: Array<{ workflow: string; workflow_version: number }> = await tx.query(
      `UPDATE cases SET commune_code = $2,
              partner_commune_code = CASE WHEN $3 THEN incident_commune_code END,
              residence_commune_code = CASE WHEN $3 THEN residence_commune_code ELSE $2 END,
              pending_commune_code = NULL
        WHERE id = $1 RETURNING workflow, workflow_version`,
      [caseId, toCommuneCode, handover],
    );
    return row;
  }

  /** The case with its view columns if it is in the caller's scope (one round trip). */
  async view(tx: Tx, p: Caller, caseId: string, projection: CaseProjection): Promise<ViewRow | undefined> {
    const params: unknown[] = [caseId];
    const scope = isClient(p) ? clientCaseScopeSql(p, binder(params)) : caseScopeSql(p, binder(params));
    const [row] = await tx.prepared<ViewRow>(`SELECT c.*, ${viewColumns(projection)} FROM cases c WHERE c.id = $1 AND ${scope}`, params);
    return row;
  }

  /**
   * The child's case a report received at `receivedAt` repeats: the latest received before it of
   * those open, or closed within the 12 months before it; `caseId` (the report's own) aside.
   */
  async repeatOf(tx: Tx, childId: string, receivedAt: Date, caseId: string | null): Promise<RepeatRow | undefined> {
    const rows: RepeatRow[] = await tx.query(
      `SELECT id, code, assignee_id FROM cases
        WHERE child_id = $1 AND id IS DISTINCT FROM $3 AND received_at <= $2
          AND (closed_at IS NULL OR closed_at >= $2::timestamptz - interval '12 months')
        ORDER BY received_at DESC, code DESC LIMIT 1`,
      [childId, receivedAt, caseId],
    );
    return rows[0];
  }

  /** Links the case to another registry record, with the repeat mark that follows from it. */
  async relinkChild(tx: Tx, caseId: string, childId: string, repeatOfCaseId: string | null, now: Date): Promise<void> {
    await tx.query(`UPDATE cases SET child_id = $2, repeat_of_case_id = $3, updated_at = $4 WHERE id = $1`, [caseId, childId, repeatOfCaseId, now]);
  }

  /** The child's other cases the caller may see, newest first. */
  earlierCases(tx: Tx, p: Caller, caseId: string, childId: string): Promise<OtherCaseRow[]> {
    const params: unknown[] = [childId, caseId];
    const scope = isClient(p) ? clientCaseScopeSql(p, binder(params)) : caseScopeSql(p, binder(params));
    return tx.prepared<OtherCaseRow>(
      `SELECT c.id, c.code, c.state, c.received_at, c.closed_at FROM cases c
        WHERE c.child_id = $1 AND c.id <> $2 AND ${scope} ORDER BY c.received_at DESC, c.code DESC`,
      params,
    );
  }

  /** The latest of the case's events of these types: its data, when and by whom (a decision quotes it). */
  async latestEvent(tx: Tx, caseId: string, types: readonly string[]): Promise<QuotedEventRow | undefined> {
    const rows: QuotedEventRow[] = await tx.query(
      `SELECT e.seq, e.type, e.data, e.occurred_at, e.actor_id, e.actor_role, u.full_name AS actor_name
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.case_id = $1 AND e.type = ANY($2) ORDER BY e.seq DESC LIMIT 1`,
      [caseId, types],
    );
    return rows[0];
  }

  /** The case's child as a document names them: the registry's record (as the report described them where it says nothing). */
  async documentChild(tx: Tx, caseId: string): Promise<{ full_name: string | null; sex: string; date_of_birth: string | null }> {
    const [row] = await tx.query(
      `SELECT COALESCE(ch.full_name, cc.full_name) AS full_name, COALESCE(ch.sex, cc.sex) AS sex,
              to_char(COALESCE(ch.date_of_birth, cc.date_of_birth), 'YYYY-MM-DD') AS date_of_birth
         FROM cases c LEFT JOIN children ch ON ch.id = c.child_id LEFT JOIN case_children cc ON cc.case_id = c.id
        WHERE c.id = $1`,
      [caseId],
    );
    return row;
  }

  /** The case's handoffs (an agency's work), their text opened. */
  async handoffRows(tx: Tx, caseId: string): Promise<HandoffViewRow[]> {
    const rows: HandoffViewRow[] = await tx.query(`${HANDOFF_ROWS_SQL('$1')} ORDER BY h.created_at`, [caseId]);
    return Promise.all(rows.map((h) => this.openHandoff(h)));
  }

  /**
   * Runs a command once per actor and Idempotency-Key, in the caller's transaction: a repeat of the
   * same request (same `request`, hashed) gets the first answer back and writes nothing; another
   * request with the key is a 409. Without a key the command just runs.
   */
  async once<T>(tx: Tx, actorId: string, key: string | undefined, request: unknown, run: () => Promise<T>): Promise<T> {
    if (!key) return run();
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    await this.lockIdempotencyKey(tx, actorId, key);
    const prior = await this.findIdempotent<T>(tx, actorId, key);
    if (prior) {
      if (prior.request_hash !== requestHash) {
        throw new Conflict('Idempotency-Key đã dùng cho yêu cầu khác / Idempotency-Key was used for a different request');
      }
      return prior.response;
    }
    const result = await run();
    await this.saveIdempotent(tx, actorId, key, requestHash, result);
    return result;
  }

  /** Serialises requests with the same idempotency key of one user until the transaction ends. */
  private async lockIdempotencyKey(tx: Tx, actorId: string, key: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`idem|${actorId}|${key}`]);
  }

  /** The answer first given to a command with this key, opened (it is kept sealed: it holds the reporter). */
  private async findIdempotent<T>(tx: Tx, actorId: string, key: string): Promise<{ request_hash: string; response: T } | undefined> {
    const rows: Array<{ request_hash: string; response: unknown }> = await tx.query(
      `SELECT request_hash, response FROM idempotency_keys WHERE actor_id = $1 AND key = $2`, [actorId, key],
    );
    if (!rows[0]) return undefined;
    const { request_hash, response } = rows[0];
    return { request_hash, response: (typeof response === 'string' ? JSON.parse((await this.cipher.open(response, IDEMPOTENT_PURPOSE))!) : response) as T };
  }

  private async saveIdempotent(tx: Tx, actorId: string, key: string, requestHash: string, response: unknown): Promise<void> {
    const sealed = await this.cipher.seal(JSON.stringify(response), IDEMPOTENT_PURPOSE);
    await tx.query(
      `INSERT INTO idempotency_keys (actor_id, key, request_hash, status, response) VALUES ($1, $2, $3, 200, $4)`,
      [actorId, key, requestHash, JSON.stringify(sealed)],
    );
  }

  // ---------------------------------------------------------------- retention (src/retention/)

  /** Forgets the Idempotency-Key answers stored before `before`; how many. */
  async purgeIdempotentBefore(tx: Tx, before: Date): Promise<number> {
    const rows = await tx.query(`DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING 1`, [before]);
    return rows.length;
  }

  /** Sets (reason, who, when) or lifts (null) the legal hold of a locked case; its previous hold. */
  async setLegalHold(tx: Tx, caseId: string, hold: { reason: string; by: string; at: Date } | null): Promise<LegalHoldRow> {
    const [row]: LegalHoldRow[] = await tx.query(
      `UPDATE cases SET legal_hold_reason = $2, legal_hold_by = $3, legal_hold_at = $4 WHERE id = $1
       RETURNING legal_hold_reason AS reason, legal_hold_by AS by, legal_hold_at AS at`,
      [caseId, hold?.reason ?? null, hold?.by ?? null, hold?.at ?? null],
    );
    return row;
  }

  /** Up to `limit` closed cases due for anonymisation (closed before `before`, not held, not done), locked; others skip them. */
  closedToAnonymise(tx: Tx, before: Date, limit: number): Promise<Array<Pick<CaseRow, 'id' | 'child_id' | 'workflow' | 'workflow_version' | 'received_at' | 'incident'>>> {
    return tx.query(
      `SELECT id, child_id, workflow, workflow_version, received_at, incident FROM cases
        WHERE closed_at IS NOT NULL AND closed_at < $1 AND anonymised_at IS NULL AND legal_hold_at IS NULL
        ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED`, [before, limit],
    );
  }

  /** A case's events, for anonymisation. */
  eventsOf(tx: Tx, caseId: string): Promise<Array<{ id: string; type: string; data: Record<string, unknown> }>> {
    return tx.query(`SELECT id, type, data FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
  }

  /**
   * Removes a closed case's personal data: the reporter's identity, the child's name, address and
   * date of birth as reported (their age at the report stays, for statistics), the incident's free
   * text, the free text of its events (`events`: the new data of those that had some) and its
   * context's copies of it (the plan, the closure's reason: src/cases/case-fields.ts).
   */
  async anonymise(tx: Tx, caseId: string, incident: Record<string, unknown>, events: Array<{ id: string; data: Record<string, unknown> }>, now: Date): Promise<void> {
    await tx.query(`UPDATE case_reporters SET name = NULL, phone = NULL, address = NULL WHERE case_id = $1`, [caseId]);
    await tx.query(
      `UPDATE case_children ch SET full_name = NULL, address = NULL, date_of_birth = NULL,
              approx_age_years = COALESCE(ch.approx_age_years, date_part('year', age(c.received_at::date, ch.date_of_birth))::int)
         FROM cases c WHERE c.id = ch.case_id AND ch.case_id = $1`, [caseId],
    );
    for (const e of events) await tx.query(`UPDATE case_events SET data = $2 WHERE id = $1`, [e.id, JSON.stringify(e.data)]);
    const [c]: Array<Pick<CaseRow, 'workflow' | 'snapshot'>> = await tx.query(`SELECT workflow, snapshot FROM cases WHERE id = $1`, [caseId]);
    await tx.query(`UPDATE cases SET incident = $2, anonymised_at = $3, snapshot = $4 WHERE id = $1`,
      [caseId, JSON.stringify(incident), now, JSON.stringify(withoutPaths(c.snapshot, sealedCaseSnapshotPaths(c.workflow)))]);
  }

  /**
   * A page of the cases in the caller's scope: escalated first, then by the nearest deadline. With
   * `text`, the cases whose code contains it or (`child`) whose registry child matches it, the most
   * relevant first (a code: 100; the child: its match score), then in that order.
   */
  async list(db: { query: Tx['query'] }, p: Principal, f: ListFilter): Promise<{ rows: ListRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [caseScopeSql(p, bind)];
    if (f.state) where.push(`c.state = ${bind(f.state)}`);
    if (f.overdue !== undefined) where.push(f.overdue ? 'c.escalation_level > 0' : 'c.escalation_level = 0');
    if (f.assigneeId) where.push(`c.assignee_id = ${bind(f.assigneeId)}`);
    if (f.communeCode) where.push(`c.commune_code = ${bind(f.communeCode)}`);
    if (f.unassigned) where.push('c.assignee_id IS NULL');
    if (f.riskLevel) where.push(`c.risk_level = ${bind(f.riskLevel)}`);
    if (f.abuseType) where.push(`c.abuse_types @> ARRAY[${bind(f.abuseType)}]::text[]`);
    if (f.ageGroup) where.push(f.ageGroup === 'under_16' ? `${AGE_AT_RECEIPT_SQL} < 16` : `${AGE_AT_RECEIPT_SQL} BETWEEN 16 AND 17`);
    if (f.village !== undefined) where.push(`EXISTS (SELECT 1 FROM children vch WHERE vch.id = c.child_id AND vch.search_village = ${bind(f.village)})`);
    if (f.receivedFrom) where.push(`c.received_at >= ${bind(f.receivedFrom)}`);
    if (f.receivedBefore) where.push(`c.received_at < ${bind(f.receivedBefore)}`);
    if (f.flagged !== undefined) where.push(`${f.flagged ? '' : 'NOT '}EXISTS (${OPEN_FLAGS_SQL()})`);
    if (f.flag) where.push(`EXISTS (${OPEN_FLAGS_SQL(` AND fl.reason = ${bind(f.flag)}`)})`);
    let hits = '';
    let join = '';
    let relevance = '';
    if (f.text !== undefined) {
      const like = bind(`%${f.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      if (f.child) {
        // The children of the cases in scope that match, at most RANKED_MATCHES of them ranked (a
        // search as broad as a common family name asks for more words).
        const match = childMatchSql(f.child, bind, 'ch');
        const cap = bind(RANKED_MATCHES);
        let found: string;
        if (p.communeCode) {
          // A commune's: the children living there, found in the word indexes with the commune's
          // token, among its cases' children; and its cases' children recorded as living elsewhere.
          const home = childMatchSql(f.child, bind, 'ch', p.communeCode);
          const cases = `ch.id IN (SELECT sc.child_id FROM cases sc WHERE ${caseScopeSql(p, bind, 'sc')})`;
          // The latter are read by key (the array of their ids), never by a province-wide walk of the word indexes.
          const away = `ch.id = ANY (ARRAY(SELECT DISTINCT sc.child_id FROM cases sc
                         WHERE ${caseScopeSql(p, bind, 'sc')} AND sc.residence_commune_code IS DISTINCT FROM ${bind(p.communeCode)}))`;
          found = `(SELECT ch.id FROM children ch WHERE ${home.where} AND ${cases} LIMIT ${cap})
                   UNION (SELECT ch.id FROM children ch WHERE ${away} AND ${match.where} LIMIT ${cap})`;
        } else {
          // Across a province each matching child is asked whether it has a case there (by
          // IDX_cases_child: a correlated probe the planner cannot turn into a hash of every case).
          found = `SELECT ch.id FROM children ch
                    WHERE ${match.where} AND (SELECT true FROM cases sc WHERE sc.child_id = ch.id AND ${caseScopeSql(p, bind, 'sc')} LIMIT 1)
                    LIMIT ${cap}`;
        }
        hits = `WITH found AS MATERIALIZED (${found}),
                hits AS MATERIALIZED (SELECT ch.id, ${match.score()} AS score FROM found JOIN children ch ON ch.id = found.id) `;
        join = 'LEFT JOIN hits ON hits.id = c.child_id';
        where.push(`(c.code ILIKE ${like} OR c.child_id = ANY (ARRAY(SELECT hits.id FROM hits)))`);
        relevance = `GREATEST(CASE WHEN c.code ILIKE ${like} THEN 100 ELSE 0 END, hits.score) DESC, `;
      } else {
        where.push(`c.code ILIKE ${like}`);
      }
    }
    const whereSql = where.join(' AND ');
    const countParams = [...params];
    const rows: ListRow[] = await db.query(
      `${hits}SELECT c.*, count(*) OVER () AS total,
              (SELECT min(d.due_at) FROM deadlines d WHERE d.case_id = c.id AND d.status = 'pending') AS next_due_at,
              (SELECT json_build_object('key', d.key, 'title_vi', d.title_vi, 'title_en', d.title_en, 'due_at', d.due_at, 'status', d.status)
                 FROM deadlines d WHERE d.case_id = c.id AND d.handoff_id IS NULL AND d.status IN ('pending', 'breached')
                ORDER BY d.due_at LIMIT 1) AS next_deadline,
              (SELECT ch.full_name FROM case_children ch WHERE ch.case_id = c.id) AS child_name,
              ${f.withFlags ? `(SELECT array_agg(fl.reason ORDER BY fl.reason) FROM case_flags fl WHERE fl.case_id = c.id AND fl.cleared_at IS NULL)` : 'NULL'} AS flags
         FROM cases c ${join} WHERE ${whereSql}
        ORDER BY ${relevance}c.escalation_level DESC, next_due_at ASC NULLS LAST, c.received_at DESC
        LIMIT ${bind(f.pageSize)} OFFSET ${bind((f.page - 1) * f.pageSize)}`,
      params,
    );
    if (rows.length || f.page === 1) return { rows, total: rows.length ? Number(rows[0].total) : 0 };
    // Past the last page: the window count is not there to read.
    const [{ total }]: Array<{ total: number }> = await db.query(`${hits}SELECT count(*)::int AS total FROM cases c WHERE ${whereSql}`, countParams);
    return { rows, total };
  }

  /** The case's events; with `agencyId`, only the updates of that agency's handoffs. */
  async timelineEvents(tx: Tx, caseId: string, agencyId?: string): Promise<TimelineEventRow[]> {
    return this.openEvents(await tx.query(
      `SELECT e.seq, e.type, e.data, e.actor_id, e.actor_role, COALESCE(u.full_name, sc.name) AS actor_name, e.from_state, e.to_state, e.occurred_at
         FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
              LEFT JOIN system_clients sc ON sc.id = e.actor_id AND e.actor_role = 'system_client'
        WHERE e.case_id = $1 ${agencyId ? `AND e.type = 'HANDOFF_UPDATED' AND (e.data->>'handoffId')::uuid IN (SELECT id FROM handoffs WHERE case_id = $1 AND agency_id = $2)` : ''}
        ORDER BY e.seq`, agencyId ? [caseId, agencyId] : [caseId],
    ));
  }

  /** The case's deadlines; with `agencyId`, only those of that agency's handoffs. */
  timelineDeadlines(tx: Tx, caseId: string, agencyId?: string): Promise<DeadlineViewRow[]> {
    return tx.query(
      `SELECT d.* FROM deadlines d WHERE d.case_id = $1 ${agencyId ? 'AND d.handoff_id IN (SELECT id FROM handoffs WHERE case_id = $1 AND agency_id = $2)' : ''}`,
      agencyId ? [caseId, agencyId] : [caseId],
    );
  }

  /** Urgent alerts about the case that someone acknowledged: who and when (need-to-know views see none). */
  timelineAcks(tx: Tx, caseId: string): Promise<Array<{ acknowledged_at: Date; template: string; user_id: string; role: string; full_name: string; re_escalated_at: Date | null }>> {
    return tx.query(
      `SELECT a.acknowledged_at, a.template, u.id AS user_id, u.role, u.full_name, a.re_escalated_at FROM notification_acks a JOIN users u ON u.id = a.acknowledged_by
        WHERE a.case_id = $1 AND a.acknowledged_at IS NOT NULL`,
      [caseId],
    );
  }
}
