/**
 * Search that forgives over the registry (`children`): SQL of `GET /children?q=` and of the child
 * part of `GET /cases?q=` (`childMatchSql`, composed by the cases repository into its own query).
 *
 * A name is matched word by word against the words of the folded search columns (GIN indexes of
 * migrations/*-ChildSearchIndexes): each typed word must be a word of the name — or of the other
 * names, of the parents' and carer's names, of the village — or one a typo away from it, found in
 * the vocabulary `children_search_words`. Order does not matter, so a swapped family and given name
 * matches; diacritics do not either (both sides are folded). Relevance (0–100):
 *   100 the full name exactly · 95 the same words in another order · 50–95 the typed words among the
 *   name's (more for words typed without a typo, and for covering more of the name) · 40–70 the other
 *   names · 30–60 the parents' or carer's names · 20–40 the village · 100 the personal
 *   identification number · 95 a parent's or the carer's phone.
 */
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import { binder, caseScopeSql, childScopeSql, type Bind } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import type { SearchTerms } from './children-search.terms';

/** Search terms with each typed word's stored spellings: itself and the vocabulary's words a typo away. */
export type ResolvedTerms =
  | Exclude<SearchTerms, { kind: 'words' }>
  | { kind: 'words'; folded: string; key: string; words: Array<{ word: string; spellings: string[] }> };

/** The SQL of a match over `children <alias>`: the predicate and the relevance (an integer 0–100). */
export interface ChildMatchSql {
  where: string;
  score: string;
  /** The fields that matched, as a text[] expression (for the rows of a page). */
  matched: string;
}

const words = (column: string) => `baove_words(${column})`;

/**
 * The predicate, relevance and matched fields of `terms` over `children <alias>` (no scope: the
 * caller composes it with its own). Each word's spellings are bound once and reused.
 */
export function childMatchSql(terms: ResolvedTerms, bind: Bind, alias = 'ch'): ChildMatchSql {
  const a = alias;
  switch (terms.kind) {
    case 'nothing':
      return { where: 'FALSE', score: '0', matched: `'{}'::text[]` };
    case 'personalId':
      return { where: `${a}.personal_id = ${bind(terms.personalId)}`, score: '100', matched: `ARRAY['personalId']` };
    case 'phone': {
      const phone = bind(terms.phone);
      return {
        where: `${a}.search_phones @> ARRAY[${phone}::text]`,
        score: '95',
        matched: `array_remove(ARRAY[${['father', 'mother', 'carer'].map((who) =>
          `CASE WHEN baove_phone(${a}.${who}->>'phone') = ${phone} THEN '${who}Phone' END`).join(', ')}], NULL)`,
      };
    }
    case 'words': {
      const n = terms.words.length;
      const spellings = terms.words.map((w) => `${bind(w.spellings)}::text[]`);
      const typed = terms.words.map((w) => `${bind(w.word)}::text`);
      const every = (arr: string) => `(${spellings.map((s) => `${arr} && ${s}`).join(' AND ')})`;
      const exact = (arr: string) => `(${typed.map((w) => `(${w} = ANY(${arr}))::int`).join(' + ')})`;
      const any = (arr: string) => `(${spellings.map((s) => `${arr} && ${s}`).join(' OR ')})`;
      const name = words(`${a}.search_name`);
      const other = words(`${a}.search_other_names`);
      // The index expressions (IDX_children_search_*), written exactly as the migration declares them.
      const names = `(${name} || ${other})`;
      const parents = words(`${a}.search_parents`);
      const village = words(`${a}.search_village`);
      const score = `GREATEST(
        CASE WHEN ${every(name)} THEN
               CASE WHEN ${a}.search_name = ${bind(terms.folded)} THEN 100 WHEN ${a}.search_name_key = ${bind(terms.key)} THEN 95
                    ELSE 50 + (30 * ${exact(name)}) / ${n} + LEAST(15, (15 * ${n}) / GREATEST(cardinality(${name}), 1)) END
             WHEN ${every(other)} THEN 40 + (30 * ${exact(other)}) / ${n}
             WHEN ${every(names)} THEN 40 END,
        CASE WHEN ${every(parents)} THEN 30 + (30 * ${exact(parents)}) / ${n} END,
        CASE WHEN ${every(village)} THEN 20 + (20 * ${exact(village)}) / ${n} END)`;
      const person = (who: string) => words(`baove_fold(${a}.${who}->>'fullName')`);
      const matched = `array_remove(ARRAY[
        CASE WHEN ${every(names)} AND ${any(name)} THEN 'fullName' END,
        CASE WHEN ${every(names)} AND ${any(other)} THEN 'otherNames' END,
        ${['father', 'mother', 'carer'].map((who) => `CASE WHEN ${every(parents)} AND ${any(person(who))} THEN '${who}Name' END`).join(',\n        ')},
        CASE WHEN ${every(village)} THEN 'village' END], NULL)`;
      return { where: `(${every(names)} OR ${every(parents)} OR ${every(village)})`, score, matched };
    }
  }
}

export interface ChildSearchFilter {
  terms: ResolvedTerms | null;
  communeCode?: string;
  /** Folded (names.ts `fold`), compared with the folded village. */
  village?: string;
  sex?: string;
  birthYear?: number;
  page: number;
  pageSize: number;
}

export interface ChildSearchRow {
  id: string;
  full_name: string | null;
  sex: string;
  date_of_birth: string | null;
  birth_year: number | null;
  approx_age_years: number | null;
  residence_commune_code: string | null;
  commune_name: string | null;
  village: string | null;
  father_name: string | null;
  mother_name: string | null;
  open_cases: number;
  score: number | null;
  matched: string[];
  total: string;
}

@Injectable()
export class ChildrenSearchRepository {
  /**
   * Each typed word's stored spellings: the word itself, and the vocabulary's words within its
   * allowed edits or one swap of neighbouring letters away.
   */
  async resolve(db: { query: Tx['query'] }, terms: SearchTerms): Promise<ResolvedTerms> {
    if (terms.kind !== 'words') return terms;
    const swaps = terms.words.flatMap((w, i) => w.transpositions.map((t) => [i + 1, t] as const));
    const rows: Array<{ i: number; spellings: string[] }> = await db.query(
      `SELECT q.i::int AS i, array_agg(v.word ORDER BY v.word) AS spellings
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS q(w, k, i)
         JOIN children_search_words v
           ON v.word = q.w
           OR (q.k > 0 AND abs(length(v.word) - length(q.w)) <= q.k AND levenshtein_less_equal(v.word, q.w, q.k) <= q.k)
           OR v.word IN (SELECT s.w FROM unnest($3::int[], $4::text[]) AS s(i, w) WHERE s.i = q.i)
        GROUP BY q.i`,
      [terms.words.map((w) => w.word), terms.words.map((w) => w.edits), swaps.map(([i]) => i), swaps.map(([, t]) => t)],
    );
    const found = new Map(rows.map((r) => [r.i, r.spellings]));
    return {
      kind: 'words', folded: terms.folded, key: terms.key,
      // A word no record uses still stands for itself: it matches nothing, so the search finds nothing.
      words: terms.words.map((w, i) => ({ word: w.word, spellings: found.get(i + 1) ?? [w.word] })),
    };
  }

  /** A page of the registry records in the caller's scope matching the filter: the most relevant first (by name without `q`). */
  async search(db: { query: Tx['query'] }, p: Principal, f: ChildSearchFilter): Promise<{ rows: ChildSearchRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [childScopeSql(p, bind, 'ch')];
    const match = f.terms ? childMatchSql(f.terms, bind, 'ch') : null;
    if (match) where.push(match.where);
    if (f.communeCode) where.push(`ch.residence_commune_code = ${bind(f.communeCode)}`);
    if (f.village !== undefined) {
      // The words first: the village index (IDX_children_search_village) finds the records, the equality keeps the whole village.
      where.push(`${words('ch.search_village')} @> ${bind(f.village.split(' '))}::text[] AND ch.search_village = ${bind(f.village)}`);
    }
    if (f.sex) where.push(`ch.sex = ${bind(f.sex)}`);
    if (f.birthYear !== undefined) where.push(`ch.birth_year = ${bind(f.birthYear)}`);
    const whereSql = where.join(' AND ');
    const countParams = [...params];
    const order = (from: string) => `${match ? `${from}.score DESC, ` : ''}${from}.search_name NULLS LAST, ${from}.id`;
    const rows: ChildSearchRow[] = await db.query(
      `WITH page AS (
         SELECT * FROM (SELECT ch.id, ch.search_name, ${match ? match.score : 'NULL::int'} AS score, count(*) OVER () AS total
                          FROM children ch WHERE ${whereSql}) hit
          ORDER BY ${order('hit')} LIMIT ${bind(f.pageSize)} OFFSET ${bind((f.page - 1) * f.pageSize)}
       )
       SELECT ch.id, ch.full_name, ch.sex, to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, ch.birth_year,
              ch.approx_age_years + date_part('year', age(current_date, ch.age_as_of))::int AS approx_age_years,
              ch.residence_commune_code, m.name AS commune_name, ch.village,
              ch.father->>'fullName' AS father_name, ch.mother->>'fullName' AS mother_name,
              (SELECT count(*)::int FROM cases cs WHERE cs.child_id = ch.id AND cs.closed_at IS NULL AND ${caseScopeSql(p, bind, 'cs')}) AS open_cases,
              page.score, ${match ? match.matched : `'{}'::text[]`} AS matched, page.total
         FROM page JOIN children ch ON ch.id = page.id LEFT JOIN communes m ON m.code = ch.residence_commune_code
        ORDER BY ${order('page')}`,
      params,
    );
    if (rows.length || f.page === 1) return { rows, total: rows.length ? Number(rows[0].total) : 0 };
    // Past the last page: the window count is not there to read. (The relevance is selected too: it binds the parameters only it uses.)
    const [{ total }]: Array<{ total: number }> = await db.query(
      `SELECT count(*)::int AS total FROM (SELECT ${match ? match.score : 'NULL'} AS score FROM children ch WHERE ${whereSql}) hit`, countParams);
    return { rows, total };
  }
}
