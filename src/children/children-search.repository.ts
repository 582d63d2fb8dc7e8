/**
 * Search that forgives over the registry (`children`): SQL of `GET /children?q=` and of the child
 * part of `GET /cases?q=` (`childMatchSql`, composed by the cases repository into its own query).
 *
 * A name is matched word by word against the words of the folded search columns (GIN indexes of
 * migrations/*-ChildSearchIndexes): each typed word must be a word of the name (or the other
 * names), of one parent's or the carer's name, or of the village — or one a typo away from it, found in
 * the vocabulary `children_search_words`. Order does not matter, so a swapped family and given name
 * matches; diacritics do not either (both sides are folded). Relevance (0–100):
 *   100 the full name exactly · 95 the same words in another order · 50–95 the typed words among the
 *   name's (more for words typed without a typo, and for covering more of the name) · 40–70 the other
 *   names · 30–60 a parent's or the carer's name · 20–40 the village · 100 the personal
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

/**
 * The SQL of a match over `children <alias>`: the predicate, and — binding their own parameters
 * when asked, so a statement binds only what it uses — the relevance (an integer 0–100) and the
 * fields that matched (a text[], for the rows of a page).
 */
export interface ChildMatchSql {
  where: string;
  score: () => string;
  matched: () => string;
}

const words = (column: string) => `baove_words(${column})`;

/**
 * The predicate, relevance and matched fields of `terms` over `children <alias>` (no scope: the
 * caller composes it with its own). Each word's spellings are bound once and reused. With `home`,
 * the predicate holds only for records living in that commune, decided inside the word indexes.
 */
export function childMatchSql(terms: ResolvedTerms, bind: Bind, alias = 'ch', home?: string): ChildMatchSql {
  const a = alias;
  switch (terms.kind) {
    case 'nothing':
      return { where: 'FALSE', score: () => '0', matched: () => `'{}'::text[]` };
    case 'personalId':
      return { where: `${a}.personal_id = ${bind(terms.personalId)}`, score: () => '100', matched: () => `ARRAY['personalId']` };
    case 'phone': {
      const phone = bind(terms.phone);
      return {
        where: `${a}.search_phones @> ARRAY[${phone}::text]`,
        score: () => '95',
        matched: () => `array_remove(ARRAY[${['father', 'mother', 'carer'].map((who) =>
          `CASE WHEN baove_phone(${a}.${who}->>'phone') = ${phone} THEN '${who}Phone' END`).join(', ')}], NULL)`,
      };
    }
    case 'words': {
      const n = terms.words.length;
      const spellings = terms.words.map((w) => `${bind(w.spellings)}::text[]`);
      const every = (arr: string) => `(${spellings.map((s) => `${arr} && ${s}`).join(' AND ')})`;

      // The index expressions (IDX_children_search_*), written exactly as the migration declares them
      // (the commune token they carry is no word: it never matches a spelling).
      const indexed = (arr: string) => `(${arr} || baove_search_home(${a}.residence_commune_code))`;
      const names = indexed(`${words(`${a}.search_name`)} || ${words(`${a}.search_other_names`)}`);
      const person = (who: string) => indexed(words(`baove_fold(${a}.${who}->>'fullName')`));
      const village = indexed(words(`${a}.search_village`));
      const token = home === undefined ? null : `ARRAY[${bind(`@c:${home}`)}::text]`;
      const where = `(${[names, person('father'), person('mother'), person('carer'), village]
        .map((arr) => (token ? `(${arr} @> ${token} AND ${every(arr)})` : every(arr))).join(' OR ')})`;
      // The relevance from each field's words, split once per row (OFFSET 0 keeps the planner from
      // splitting them again in every term). The parents' words come from their folded column: the
      // predicate has already required all the words of one person.
      const score = () => {
        const typed = terms.words.map((w) => `${bind(w.word)}::text`);
        const exact = (arr: string) => `(${typed.map((w) => `(${w} = ANY(${arr}))::int`).join(' + ')})`;
        return `(SELECT GREATEST(
          CASE WHEN ${every('w.name')} THEN
                 CASE WHEN ${a}.search_name = ${bind(terms.folded)} THEN 100 WHEN ${a}.search_name_key = ${bind(terms.key)} THEN 95
                      ELSE 50 + (30 * ${exact('w.name')}) / ${n} + LEAST(15, (15 * ${n}) / GREATEST(cardinality(w.name), 1)) END
               WHEN ${every('w.other')} THEN 40 + (30 * ${exact('w.other')}) / ${n}
               WHEN ${every('(w.name || w.other)')} THEN 40 END,
          CASE WHEN ${every('w.parents')} THEN 30 + (30 * ${exact('w.parents')}) / ${n} END,
          CASE WHEN ${every('w.village')} THEN 20 + (20 * ${exact('w.village')}) / ${n} END)
        FROM (SELECT ${words(`${a}.search_name`)} AS name, ${words(`${a}.search_other_names`)} AS other,
                     ${words(`${a}.search_parents`)} AS parents, ${words(`${a}.search_village`)} AS village OFFSET 0) w)`;
      };
      const any = (arr: string) => `(${spellings.map((s) => `${arr} && ${s}`).join(' OR ')})`;
      const matched = () => `array_remove(ARRAY[
        CASE WHEN ${every(names)} AND ${any(words(`${a}.search_name`))} THEN 'fullName' END,
        CASE WHEN ${every(names)} AND ${any(words(`${a}.search_other_names`))} THEN 'otherNames' END,
        ${['father', 'mother', 'carer'].map((who) => `CASE WHEN ${every(person(who))} THEN '${who}Name' END`).join(',\n        ')},
        CASE WHEN ${every(village)} THEN 'village' END], NULL)`;
      return { where, score, matched };
    }
  }
}

/** At most this many matches of a search are ranked and paged (see `search`). */
export const RANKED_MATCHES = 500;

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

  /**
   * A page of the registry records in the caller's scope matching the filter: the most relevant
   * first (by name without `q`). At most RANKED_MATCHES matches are ranked: the records whose
   * name has exactly the words typed (in any order) always among them (`IDX_children_search_name_key`),
   * then the others the indexes find first. A search matching more says so (`capped`): a common
   * name in a province matches thousands of children, and no one pages through them — they add a
   * word, the village or the year of birth.
   */
  async search(db: { query: Tx['query'] }, p: Principal, f: ChildSearchFilter): Promise<{ rows: ChildSearchRow[]; total: number; capped: boolean }> {
    const params: unknown[] = [];
    const bind = binder(params);
    // A restricted record is stored, not processed: never in a search's results (README "Restriction").
    const scope = [childScopeSql(p, bind, 'ch'), 'ch.restricted_at IS NULL'];
    if (f.communeCode) scope.push(`ch.residence_commune_code = ${bind(f.communeCode)}`);
    // A filter on the rows the other conditions find: the same village names ("Thôn 3") recur in
    // every commune, so an index of them narrows a province's search far less than the name does.
    if (f.village !== undefined) scope.push(`ch.search_village = ${bind(f.village)}`);
    if (f.sex) scope.push(`ch.sex = ${bind(f.sex)}`);
    if (f.birthYear !== undefined) scope.push(`ch.birth_year = ${bind(f.birthYear)}`);
    const match = f.terms ? childMatchSql(f.terms, bind, 'ch') : null;
    const cap = bind(RANKED_MATCHES);
    const arms: string[] = [];
    if (f.terms?.kind === 'words') {
      // The exact words of the name first (a btree probe), however many others match.
      arms.push(`SELECT ch.id FROM children ch WHERE ${[...scope, `ch.search_name_key = ${bind(f.terms.key)}`].join(' AND ')} LIMIT ${cap}`);
    }
    if (match && f.terms && p.communeCode) {
      // A commune's search: its own records (found in the word indexes with the commune's token, so
      // the province's other records are never visited), and the children of its cases recorded as
      // living elsewhere (few: the cases' own residence column says which, without visiting the registry).
      const home = childMatchSql(f.terms, bind, 'ch', p.communeCode);
      arms.push(`SELECT ch.id FROM children ch WHERE ${[...scope, home.where].join(' AND ')} LIMIT ${cap} + 1`);
      // Read by key (the array of their ids), never by a province-wide walk of the word indexes.
      const away = `ch.id = ANY (ARRAY(SELECT DISTINCT cs.child_id FROM cases cs
                     WHERE ${caseScopeSql(p, bind, 'cs')} AND cs.residence_commune_code IS DISTINCT FROM ${bind(p.communeCode)}))`;
      arms.push(`SELECT ch.id FROM children ch WHERE ${[...scope, away, match.where].join(' AND ')} LIMIT ${cap} + 1`);
    } else if (match) {
      arms.push(`SELECT ch.id FROM children ch WHERE ${[...scope, match.where].join(' AND ')} LIMIT ${cap} + 1`);
    }
    const hits = match
      ? arms.map((a) => `(${a})`).join(' UNION ')
      : `SELECT ch.id FROM children ch WHERE ${scope.join(' AND ')} ORDER BY ch.search_name NULLS LAST, ch.id LIMIT ${cap} + 1`;
    const hitParams = [...params];
    const order = (from: string) => `${match ? `${from}.score DESC, ` : ''}${from}.search_name NULLS LAST, ${from}.id`;
    const rows: ChildSearchRow[] = await db.query(
      `WITH hit AS MATERIALIZED (${hits}),
       ranked AS (
         SELECT ch.id, ch.search_name, ${match ? match.score() : 'NULL::int'} AS score, count(*) OVER () AS total
           FROM hit JOIN children ch ON ch.id = hit.id
       ),
       page AS (SELECT * FROM ranked ORDER BY ${order('ranked')} LIMIT LEAST(${bind(f.pageSize)}, GREATEST(${cap} - ${bind((f.page - 1) * f.pageSize)}, 0))
                OFFSET ${bind((f.page - 1) * f.pageSize)})
       SELECT ch.id, ch.full_name, ch.sex, to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, ch.birth_year,
              ch.approx_age_years + date_part('year', age(current_date, ch.age_as_of))::int AS approx_age_years,
              ch.residence_commune_code, m.name AS commune_name, ch.village,
              ch.father->>'fullName' AS father_name, ch.mother->>'fullName' AS mother_name,
              (SELECT count(*)::int FROM cases cs WHERE cs.child_id = ch.id AND cs.closed_at IS NULL AND ${caseScopeSql(p, bind, 'cs')}) AS open_cases,
              page.score, ${match ? match.matched() : `'{}'::text[]`} AS matched, page.total
         FROM page JOIN children ch ON ch.id = page.id LEFT JOIN communes m ON m.code = ch.residence_commune_code
        ORDER BY ${order('page')}`,
      params,
    );
    if (rows.length || f.page === 1) {
      const total = rows.length ? Number(rows[0].total) : 0;
      return { rows, total: Math.min(total, RANKED_MATCHES), capped: total > RANKED_MATCHES };
    }
    // Past the last page: the window count is not there to read.
    const [{ total }]: Array<{ total: number }> = await db.query(`SELECT count(*)::int AS total FROM (${hits}) hit`, hitParams);
    return { rows, total: Math.min(total, RANKED_MATCHES), capped: total > RANKED_MATCHES };
  }
}
