import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The child registry: one record per child, many reports and cases about them (issue 15).
 *
 * Names are matched and searched folded: lower case, without diacritics (`unaccent`, which also
 * folds đ → d), punctuation as spaces — `baove_fold`, mirrored in TypeScript by
 * src/children/names.ts `fold`. A trigger keeps the folded search columns of a record, so they can
 * never drift from what they fold. Every existing case's child becomes a registry record of its
 * own (no two reports are merged by a migration: a person decides that), and the case points to it.
 */
export class ChildRegistry1795900000000 implements MigrationInterface {
  name = 'ChildRegistry1795900000000';

  async up(q: QueryRunner): Promise<void> {
    // Both are trusted extensions: the database owner may create them.
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE FUNCTION baove_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT NULLIF(btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, COALESCE(t, ''))), '[^a-z0-9]+', ' ', 'g')), '')
      $$`);
    // The folded name's words in order: "giang nguyen" and "nguyen giang" share it (swapped family and given names).
    await q.query(`
      CREATE FUNCTION baove_name_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT NULLIF(array_to_string(ARRAY(SELECT w FROM unnest(string_to_array(baove_fold(t), ' ')) w ORDER BY w), ' '), '')
      $$`);
    // A phone number as digits, the national form: +84 912 345 678 → 0912345678.
    await q.query(`
      CREATE FUNCTION baove_phone(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT NULLIF(regexp_replace(regexp_replace(COALESCE(t, ''), '[^0-9+]', '', 'g'), '^(\\+84|84(?=[0-9]{9}$))', '0'), '')
      $$`);
    await q.query(`
      CREATE TABLE "children" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "full_name" text,
        "other_names" text array NOT NULL DEFAULT '{}',
        "sex" text NOT NULL,
        "date_of_birth" date,
        "approx_age_years" integer,
        "age_as_of" date,
        "personal_id" text,
        "ethnicity" text,
        "residence_commune_code" text,
        "province_code" text,
        "village" text,
        "current_address" text,
        "school" text,
        "school_class" text,
        "father" jsonb,
        "mother" jsonb,
        "carer" jsonb,
        "household" jsonb,
        "siblings" jsonb NOT NULL DEFAULT '[]',
        "search_name" text,
        "search_name_key" text,
        "search_given_name" text,
        "search_other_names" text,
        "search_parents" text,
        "search_village" text,
        "search_phones" text array NOT NULL DEFAULT '{}',
        "birth_year" integer,
        "merged_into" uuid,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid,
        "created_by_client" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_children_sex" CHECK ("sex" IN ('female','male','unknown')),
        CONSTRAINT "CHK_children_personal_id" CHECK ("personal_id" ~ '^[0-9]{12}$'),
        CONSTRAINT "PK_children" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "children" ADD CONSTRAINT "FK_children_residence_commune" FOREIGN KEY ("residence_commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "children" ADD CONSTRAINT "FK_children_province" FOREIGN KEY ("province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "children" ADD CONSTRAINT "FK_children_merged_into" FOREIGN KEY ("merged_into") REFERENCES "children"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "children" ADD CONSTRAINT "FK_children_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "children" ADD CONSTRAINT "FK_children_created_by_client" FOREIGN KEY ("created_by_client") REFERENCES "system_clients"("id") ON DELETE RESTRICT`);
    await q.query(`CREATE UNIQUE INDEX "UQ_children_personal_id" ON "children" ("personal_id") WHERE personal_id IS NOT NULL AND merged_into IS NULL`);
    await q.query(`CREATE INDEX "IDX_children_residence" ON "children" ("residence_commune_code")`);
    await q.query(`CREATE INDEX "IDX_children_province" ON "children" ("province_code")`);
    await q.query(`CREATE INDEX "IDX_children_merged_into" ON "children" ("merged_into")`);

    // The folded columns follow the record; the province follows the commune of residence.
    await q.query(`
      CREATE FUNCTION baove_children_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_name := baove_fold(NEW.full_name);
        NEW.search_name_key := baove_name_key(NEW.full_name);
        NEW.search_given_name := (regexp_match(NEW.search_name, '([a-z0-9]+)$'))[1];
        NEW.search_other_names := baove_fold(array_to_string(NEW.other_names, ' | '));
        NEW.search_parents := baove_fold(concat_ws(' | ', NEW.father->>'fullName', NEW.mother->>'fullName', NEW.carer->>'fullName'));
        NEW.search_village := baove_fold(NEW.village);
        NEW.search_phones := ARRAY(SELECT p FROM unnest(ARRAY[baove_phone(NEW.father->>'phone'), baove_phone(NEW.mother->>'phone'),
                                                          baove_phone(NEW.carer->>'phone')]) p WHERE p IS NOT NULL);
        NEW.birth_year := COALESCE(extract(year FROM NEW.date_of_birth)::int,
                                   extract(year FROM NEW.age_as_of)::int - NEW.approx_age_years);
        IF NEW.residence_commune_code IS NOT NULL THEN
          NEW.province_code := (SELECT province_code FROM communes WHERE code = NEW.residence_commune_code);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_children_search" BEFORE INSERT OR UPDATE ON "children" FOR EACH ROW EXECUTE FUNCTION baove_children_search()`);

    await q.query(`ALTER TABLE "cases" ADD "child_id" uuid`);
    // Every existing case's child, one record each, carrying the case's id until the link is made.
    await q.query(`ALTER TABLE "children" ADD "backfill_case_id" uuid`);
    await q.query(`
      INSERT INTO children (full_name, sex, date_of_birth, approx_age_years, age_as_of, current_address, residence_commune_code,
                            created_by, created_by_client, created_at, updated_at, backfill_case_id)
      SELECT ch.full_name, ch.sex, ch.date_of_birth, ch.approx_age_years,
             CASE WHEN ch.approx_age_years IS NOT NULL THEN (c.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
             ch.address, NULL, c.created_by, c.created_by_client, c.created_at, c.created_at, c.id
        FROM case_children ch JOIN cases c ON c.id = ch.case_id`);
    await q.query(`UPDATE cases c SET child_id = ch.id FROM children ch WHERE ch.backfill_case_id = c.id`);
    await q.query(`ALTER TABLE "children" DROP COLUMN "backfill_case_id"`);
    await q.query(`ALTER TABLE "cases" ALTER COLUMN "child_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_child" FOREIGN KEY ("child_id") REFERENCES "children"("id") ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX "IDX_cases_child" ON "cases" ("child_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_cases_child"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_child"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "child_id"`);
    await q.query(`DROP TABLE "children"`);
    await q.query(`DROP FUNCTION baove_children_search()`);
    await q.query(`DROP FUNCTION baove_phone(text)`);
    await q.query(`DROP FUNCTION baove_name_key(text)`);
    await q.query(`DROP FUNCTION baove_fold(text)`);
  }
}
