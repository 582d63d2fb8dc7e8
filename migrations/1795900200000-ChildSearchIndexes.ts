import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search that forgives (issue 15): the indexes behind `GET /children?q=` and `GET /cases?q=`,
 * chosen with `npm run bench:search` (a province of 1,000,000 children).
 *
 * A name is searched word by word: every word typed must be a word of the name (in any order, so
 * a swapped family and given name matches), or a word one typo away from it. The folded search
 * columns (kept by the registry's trigger) are indexed as arrays of words (GIN) — the name with
 * the other names, each parent and the carer on their own, the village — so a search is an
 * intersection of the posting lists of the words typed, where a trigram similarity over whole
 * names would visit every "Nguyễn Thị". Each array also carries the commune the record lives in
 * as a token ('@c:<code>'), so a commune's search is decided inside the index; a covering index
 * of where each record lives finds the children of a commune's cases who live elsewhere without
 * reading the table. Typos are forgiven against the vocabulary of every word any record uses
 * (`children_search_words`, kept by a statement trigger): a typed word becomes the stored words
 * one or two edits away (`levenshtein`, fuzzystrmatch — a trusted extension) or one swap of
 * neighbouring letters away, and the search asks for any of them. Phones are a GIN array index;
 * the personal identification number already has its unique index; case codes get a trigram
 * index (pg_trgm) for the substring search of `GET /cases?q=`.
 */
export class ChildSearchIndexes1795900200000 implements MigrationInterface {
  name = 'ChildSearchIndexes1795900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    // The words of a folded search column ("nguyen thi lan" → {nguyen,thi,lan}); no words: an empty array.
    await q.query(`
      CREATE FUNCTION baove_words(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT COALESCE(string_to_array(t, ' '), '{}')
      $$`);
    // The commune a record lives in, as a word of its own ('@c:<code>': no folded word has '@'), so a
    // commune's search intersects its commune with the words typed inside the index, never visiting
    // the province's other records.
    await q.query(`
      CREATE FUNCTION baove_search_home(commune text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN commune IS NULL THEN '{}'::text[] ELSE ARRAY['@c:' || commune] END
      $$`);
    await q.query(`CREATE INDEX "IDX_children_search_names" ON "children" USING gin
                   ((baove_words(search_name) || baove_words(search_other_names) || baove_search_home(residence_commune_code)))`);
    // Each parent (and the carer) on their own: "Nguyễn Thị Lan" is one person's name, not a father Nguyễn and a mother Thị Lan.
    for (const who of ['father', 'mother', 'carer']) {
      await q.query(`CREATE INDEX "IDX_children_search_${who}" ON "children" USING gin
                     ((baove_words(baove_fold(${who}->>'fullName')) || baove_search_home(residence_commune_code)))`);
    }
    await q.query(`CREATE INDEX "IDX_children_search_village" ON "children" USING gin ((baove_words(search_village) || baove_search_home(residence_commune_code)))`);
    // Where each record lives, read without visiting the table: which children of a commune's cases live elsewhere.
    await q.query(`CREATE INDEX "IDX_children_search_residence" ON "children" ("id") INCLUDE ("residence_commune_code")`);
    await q.query(`CREATE INDEX "IDX_children_search_phones" ON "children" USING gin ("search_phones")`);
    // The name's words in order (swapped family and given names alike): the exact matches are ranked first, however common the name.
    await q.query(`CREATE INDEX "IDX_children_search_name_key" ON "children" ("search_name_key")`);
    // A case code contains the text typed (GET /cases?q=VS-2026): trigrams, so it need not scan every case.
    await q.query(`CREATE INDEX "IDX_cases_search_code" ON "cases" USING gin ("code" gin_trgm_ops)`);

    await q.query(`CREATE TABLE "children_search_words" ("word" text NOT NULL, CONSTRAINT "PK_children_search_words" PRIMARY KEY ("word"))`);
    // Once per statement, from the rows it wrote (a bulk load adds its words in one insert); in word
    // order, so two transactions adding the same new words wait for each other instead of deadlocking.
    await q.query(`
      CREATE FUNCTION baove_children_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO children_search_words (word)
        SELECT DISTINCT w FROM written_rows r,
               unnest(baove_words(r.search_name) || baove_words(r.search_other_names) || baove_words(r.search_parents) || baove_words(r.search_village)) w
         ORDER BY w
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_children_search_words_insert" AFTER INSERT ON "children" REFERENCING NEW TABLE AS written_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION baove_children_search_words()`);
    await q.query(`CREATE TRIGGER "TRG_children_search_words_update" AFTER UPDATE ON "children" REFERENCING NEW TABLE AS written_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION baove_children_search_words()`);
    await q.query(`
      INSERT INTO children_search_words (word)
      SELECT DISTINCT w FROM children r,
             unnest(baove_words(r.search_name) || baove_words(r.search_other_names) || baove_words(r.search_parents) || baove_words(r.search_village)) w
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_children_search_words_update" ON "children"`);
    await q.query(`DROP TRIGGER "TRG_children_search_words_insert" ON "children"`);
    await q.query(`DROP FUNCTION baove_children_search_words()`);
    await q.query(`DROP TABLE "children_search_words"`);
    await q.query(`DROP INDEX "public"."IDX_cases_search_code"`);
    await q.query(`DROP INDEX "public"."IDX_children_search_name_key"`);
    await q.query(`DROP INDEX "public"."IDX_children_search_phones"`);
    await q.query(`DROP INDEX "public"."IDX_children_search_residence"`);
    await q.query(`DROP INDEX "public"."IDX_children_search_village"`);
    for (const who of ['carer', 'mother', 'father']) await q.query(`DROP INDEX "public"."IDX_children_search_${who}"`);
    await q.query(`DROP INDEX "public"."IDX_children_search_names"`);
    await q.query(`DROP FUNCTION baove_search_home(text)`);
    await q.query(`DROP FUNCTION baove_words(text)`);
  }
}
