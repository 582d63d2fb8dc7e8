/**
 * The children module's tables: `children` (the registry) and `child_merges`. The folded search
 * columns, `birth_year` and (from the commune of residence) `province_code` are kept by a trigger;
 * this repository never writes them, except the province of a record without a commune of
 * residence: the province where the child was reported.
 *
 * Two read models join `cases` (read-only, scoped with `caseScopeSql`): a child's cases, and the
 * open cases counted on a candidate. Merging a record moves its cases' `child_id`: that link is
 * the registry's (the cases module sets it at intake and relink through the children service).
 */
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import { binder, caseScopeSql, childScopeSql } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import type { CarerRecord, HouseholdRecord, ParentRecord, SiblingRecord } from './child.entity';

/** The fields of a record people write (camelCase, as the API names them). */
export interface ChildColumns {
  fullName: string | null;
  otherNames: string[];
  sex: string;
  dateOfBirth: string | null;
  approxAgeYears: number | null;
  /** The day the estimated age was given. */
  ageAsOf: string | null;
  personalId: string | null;
  ethnicity: string | null;
  residenceCommuneCode: string | null;
  village: string | null;
  currentAddress: string | null;
  school: string | null;
  schoolClass: string | null;
  father: ParentRecord | null;
  mother: ParentRecord | null;
  carer: CarerRecord | null;
  household: HouseholdRecord | null;
  siblings: SiblingRecord[];
}

const COLUMN: Record<keyof ChildColumns, { name: string; json?: true }> = {
  fullName: { name: 'full_name' }, otherNames: { name: 'other_names' }, sex: { name: 'sex' }, dateOfBirth: { name: 'date_of_birth' },
  approxAgeYears: { name: 'approx_age_years' }, ageAsOf: { name: 'age_as_of' }, personalId: { name: 'personal_id' },
  ethnicity: { name: 'ethnicity' }, residenceCommuneCode: { name: 'residence_commune_code' }, village: { name: 'village' },
  currentAddress: { name: 'current_address' }, school: { name: 'school' }, schoolClass: { name: 'school_class' },
  father: { name: 'father', json: true }, mother: { name: 'mother', json: true }, carer: { name: 'carer', json: true },
  household: { name: 'household', json: true }, siblings: { name: 'siblings', json: true },
};

const valueOf = (key: keyof ChildColumns, value: unknown) => (COLUMN[key].json && value !== null ? JSON.stringify(value) : value);

/** A record as the API shows it (SQL aliases give the camelCase names). */
export type ChildRow = ChildColumns & {
  id: string;
  version: number;
  mergedInto: string | null;
  birthYear: number | null;
  provinceCode: string | null;
  communeName: string | null;
  originCaseId: string | null;
  createdAt: Date;
  updatedAt: Date;
  restrictedAt: Date | null;
  restriction: Restriction | null;
};

/** A restriction of processing in force on a record (README "Restriction"). */
export interface Restriction {
  reason: string;
  basis: string;
  requestedBy: { kind: string; name?: string };
  by: string;
}

const ROW_SELECT = (a: string) => `
  ${a}.id, ${a}.version, ${a}.merged_into AS "mergedInto", ${a}.full_name AS "fullName", ${a}.other_names AS "otherNames", ${a}.sex,
  to_char(${a}.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", ${a}.approx_age_years AS "approxAgeYears",
  to_char(${a}.age_as_of, 'YYYY-MM-DD') AS "ageAsOf", ${a}.birth_year AS "birthYear", ${a}.personal_id AS "personalId", ${a}.ethnicity,
  ${a}.residence_commune_code AS "residenceCommuneCode", ${a}.province_code AS "provinceCode", ${a}.village,
  ${a}.current_address AS "currentAddress", ${a}.school, ${a}.school_class AS "schoolClass", ${a}.father, ${a}.mother, ${a}.carer,
  ${a}.household, ${a}.siblings, ${a}.origin_case_id AS "originCaseId", ${a}.created_at AS "createdAt", ${a}.updated_at AS "updatedAt",
  ${a}.restricted_at AS "restrictedAt", ${a}.restriction,
  (SELECT m.name FROM communes m WHERE m.code = ${a}.residence_commune_code) AS "communeName"`;

/** What candidates are searched with: the report's child, folded (names.ts). */
export interface CandidateQuery {
  provinceCode: string;
  name: string | null;
  father: string | null;
  mother: string | null;
  personalId: string | null;
  exclude: string[];
}

/** A candidate record: what a summary shows, what scoring weighs, and the similarities PostgreSQL measured. */
export interface CandidateRow {
  id: string;
  fullName: string | null;
  sex: string;
  dateOfBirth: string | null;
  birthYear: number | null;
  approxAgeYears: number | null;
  ageAsOf: string | null;
  residenceCommuneCode: string | null;
  communeName: string | null;
  village: string | null;
  fatherName: string | null;
  motherName: string | null;
  openCases: number;
  searchName: string | null;
  searchNameKey: string | null;
  searchGivenName: string | null;
  searchVillage: string | null;
  searchPhones: string[];
  personalId: string | null;
  nameSimilarity: number;
  nameWordSimilarity: number;
  otherNamesSimilarity: number;
  fatherSimilarity: number;
  motherSimilarity: number;
}

/** How many records PostgreSQL hands over for scoring, most similar names first. */
const CANDIDATE_POOL = 200;

export interface ChildCaseRow {
  id: string;
  code: string;
  state: string;
  communeCode: string;
  receivedAt: Date;
  closedAt: Date | null;
  abuseTypes: string[];
  repeat: boolean;
}

export interface MergeRow {
  id: string;
  kind: 'merge' | 'relink';
  sourceId: string;
  targetId: string;
  caseIds: string[];
  reason: string;
  mergedAt: Date;
  undoneAt: Date | null;
}

const MERGE_SELECT = `id, kind, source_id AS "sourceId", target_id AS "targetId", case_ids AS "caseIds", reason, merged_at AS "mergedAt", undone_at AS "undoneAt"`;

@Injectable()
export class ChildrenRepository {
  async commune(tx: Tx, code: string): Promise<{ code: string; province_code: string } | undefined> {
    const rows: Array<{ code: string; province_code: string }> = await tx.query(`SELECT code, province_code FROM communes WHERE code = $1`, [code]);
    return rows[0];
  }

  /**
   * A new record; `provinceCode` is where the child was reported (kept when the record names no
   * commune of residence). undefined when another record (not merged away) holds the personal id.
   */
  async insert(tx: Tx, c: ChildColumns, who: { createdBy: string | null; createdByClient: string | null; provinceCode: string }, now: Date): Promise<string | undefined> {
    const params: unknown[] = [];
    const bind = binder(params);
    const keys = Object.keys(COLUMN) as Array<keyof ChildColumns>;
    const values = keys.map((k) => bind(valueOf(k, c[k])));
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO children (${keys.map((k) => COLUMN[k].name).join(', ')}, province_code, created_by, created_by_client, created_at, updated_at)
       VALUES (${values.join(', ')}, ${bind(who.provinceCode)}, ${bind(who.createdBy)}, ${bind(who.createdByClient)}, ${bind(now)}, ${bind(now)})
       ON CONFLICT (personal_id) WHERE personal_id IS NOT NULL AND merged_into IS NULL DO NOTHING RETURNING id`,
      params,
    );
    return rows[0]?.id;
  }

  async setOrigin(tx: Tx, childId: string, caseId: string): Promise<void> {
    await tx.query(`UPDATE children SET origin_case_id = $2 WHERE id = $1`, [childId, caseId]);
  }

  /** Locks a record (any, merged or not). */
  async lock(tx: Tx, id: string): Promise<ChildRow | undefined> {
    const rows: ChildRow[] = await tx.query(`SELECT ${ROW_SELECT('ch')} FROM children ch WHERE ch.id = $1 FOR UPDATE OF ch`, [id]);
    return rows[0];
  }

  /**
   * Locks a record the caller may see: in `childScopeSql`, or merged (at any depth) into one that is.
   * Records are locked in id order by callers that lock two.
   */
  async lockInScope(tx: Tx, p: Principal, id: string): Promise<ChildRow | undefined> {
    const params: unknown[] = [id];
    const rows: ChildRow[] = await tx.query(
      `WITH RECURSIVE chain(id, merged_into, depth) AS (
         SELECT id, merged_into, 0 FROM children WHERE id = $1
         UNION ALL SELECT n.id, n.merged_into, chain.depth + 1 FROM children n JOIN chain ON n.id = chain.merged_into WHERE chain.depth < 100)
       SELECT ${ROW_SELECT('ch')} FROM children ch
        WHERE ch.id = $1 AND EXISTS (SELECT 1 FROM chain JOIN children f ON f.id = chain.id WHERE chain.merged_into IS NULL AND ${childScopeSql(p, binder(params), 'f')})
        FOR UPDATE OF ch`,
      params,
    );
    return rows[0];
  }

  /** Whether another record not merged away holds the personal id. */
  async personalIdTaken(tx: Tx, personalId: string, exceptId: string | null): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM children WHERE personal_id = $1 AND merged_into IS NULL AND id IS DISTINCT FROM $2`, [personalId, exceptId],
    );
    return rows.length > 0;
  }

  /** Writes the given fields; the version moves on. */
  async update(tx: Tx, id: string, fields: Partial<ChildColumns>, now: Date): Promise<void> {
    const params: unknown[] = [id];
    const bind = binder(params);
    const sets = (Object.keys(fields) as Array<keyof ChildColumns>).map((k) => `${COLUMN[k].name} = ${bind(valueOf(k, fields[k]))}`);
    await tx.query(`UPDATE children SET ${[...sets, `version = version + 1`, `updated_at = ${bind(now)}`].join(', ')} WHERE id = $1`, params);
  }

  /** Places (`restriction`) or lifts (null) the restriction of processing on a record; the version moves on. */
  async setRestriction(tx: Tx, id: string, restriction: Restriction | null, now: Date): Promise<void> {
    await tx.query(
      `UPDATE children SET restricted_at = $2, restriction = $3, version = version + 1, updated_at = $4 WHERE id = $1`,
      [id, restriction ? now : null, restriction ? JSON.stringify(restriction) : null, now],
    );
  }

  /**
   * The records of the province whose folded name is like the report's (trigram similarity, or
   * the report's name as part of theirs: `IDX_children_search_name_trgm`), or that hold the same
   * personal id; not merged away, not excluded. Most similar first.
   */
  async candidates(tx: Tx, q: CandidateQuery): Promise<CandidateRow[]> {
    if (!q.name && !q.personalId) return [];
    return tx.query(
      `SELECT ch.id, ch.full_name AS "fullName", ch.sex, to_char(ch.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", ch.birth_year AS "birthYear",
              ch.approx_age_years AS "approxAgeYears", to_char(ch.age_as_of, 'YYYY-MM-DD') AS "ageAsOf",
              ch.residence_commune_code AS "residenceCommuneCode", m.name AS "communeName", ch.village,
              ch.father->>'fullName' AS "fatherName", ch.mother->>'fullName' AS "motherName",
              (SELECT count(*)::int FROM cases cs WHERE cs.child_id = ch.id AND cs.closed_at IS NULL) AS "openCases",
              ch.search_name AS "searchName", ch.search_name_key AS "searchNameKey", ch.search_given_name AS "searchGivenName",
              ch.search_village AS "searchVillage", ch.search_phones AS "searchPhones", ch.personal_id AS "personalId",
              COALESCE(similarity(ch.search_name, $2), 0) AS "nameSimilarity",
              COALESCE(word_similarity($2, ch.search_name), 0) AS "nameWordSimilarity",
              COALESCE(similarity(ch.search_other_names, $2), 0) AS "otherNamesSimilarity",
              COALESCE(similarity(baove_fold(ch.father->>'fullName'), $3), 0) AS "fatherSimilarity",
              COALESCE(similarity(baove_fold(ch.mother->>'fullName'), $4), 0) AS "motherSimilarity"
         FROM children ch LEFT JOIN communes m ON m.code = ch.residence_commune_code
        WHERE ch.province_code = $1 AND ch.merged_into IS NULL AND ch.id <> ALL($6::uuid[])
          AND (ch.restricted_at IS NULL OR ch.personal_id = $5)
          AND (ch.search_name % $2 OR $2 <% ch.search_name OR ch.personal_id = $5)
        ORDER BY ch.personal_id IS NOT DISTINCT FROM $5 DESC, similarity(ch.search_name, $2) DESC NULLS LAST, ch.id
        LIMIT ${CANDIDATE_POOL}`,
      [q.provinceCode, q.name, q.father, q.mother, q.personalId, q.exclude],
    );
  }

  /** The child's cases within the caller's scope, newest first. */
  cases(tx: Tx, p: Principal, childId: string): Promise<ChildCaseRow[]> {
    const params: unknown[] = [childId];
    return tx.query(
      `SELECT c.id, c.code, c.state, c.commune_code AS "communeCode", c.received_at AS "receivedAt", c.closed_at AS "closedAt",
              c.abuse_types AS "abuseTypes", c.repeat_of_case_id IS NOT NULL AS repeat
         FROM cases c WHERE c.child_id = $1 AND ${caseScopeSql(p, binder(params))}
        ORDER BY c.received_at DESC, c.code DESC`,
      params,
    );
  }

  /** Moves cases from one record to another: all of them, or (undo) those of `only` still there. */
  async moveCases(tx: Tx, from: string, to: string, only?: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `UPDATE cases SET child_id = $2 WHERE child_id = $1 ${only ? 'AND id = ANY($3::uuid[])' : ''} RETURNING id`,
      only ? [from, to, only] : [from, to],
    );
    return rows.map((r) => r.id);
  }

  /** Retires a record into another (`into`), or restores it (null). */
  async setMergedInto(tx: Tx, id: string, into: string | null, now: Date): Promise<void> {
    await tx.query(`UPDATE children SET merged_into = $2, version = version + 1, updated_at = $3 WHERE id = $1`, [id, into, now]);
  }

  /** Whether any case is linked to the record. */
  async hasCases(tx: Tx, childId: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM cases WHERE child_id = $1 LIMIT 1`, [childId])).length > 0;
  }

  async insertMerge(tx: Tx, m: { kind: 'merge' | 'relink'; sourceId: string; targetId: string; caseIds: string[]; reason: string; mergedBy: string }, now: Date): Promise<MergeRow> {
    const [row]: MergeRow[] = await tx.query(
      `INSERT INTO child_merges (kind, source_id, target_id, case_ids, reason, merged_by, merged_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${MERGE_SELECT}`,
      [m.kind, m.sourceId, m.targetId, m.caseIds, m.reason, m.mergedBy, now],
    );
    return row;
  }

  async lockMerge(tx: Tx, id: string): Promise<MergeRow | undefined> {
    const rows: MergeRow[] = await tx.query(`SELECT ${MERGE_SELECT} FROM child_merges WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async markUndone(tx: Tx, id: string, by: string, now: Date): Promise<MergeRow> {
    const [row]: MergeRow[] = await tx.query(
      `UPDATE child_merges SET undone_by = $2, undone_at = $3 WHERE id = $1 RETURNING ${MERGE_SELECT}`, [id, by, now],
    );
    return row;
  }
}
