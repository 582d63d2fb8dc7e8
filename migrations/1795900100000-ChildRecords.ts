import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry as records people work with (issue 15): merges of two records of one child (undoable,
 * `child_merges`), the intake a record was made by (`children.origin_case_id`: a relink may retire
 * a record no other case uses), repeat reports (`cases.repeat_of_case_id`), and the trigram index
 * candidates are found by (`IDX_children_search_name_trgm`, shared with search).
 *
 * A record without a commune of residence belongs to the province where its child was reported,
 * so that matching, which looks within a province, finds it too.
 */
export class ChildRecords1795900100000 implements MigrationInterface {
  name = 'ChildRecords1795900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "children" ADD "origin_case_id" uuid`);
    // Until now every record was made by exactly one intake (or the ChildRegistry backfill, one per case).
    await q.query(`UPDATE children ch SET origin_case_id = c.id FROM cases c WHERE c.child_id = ch.id`);
    await q.query(`
      UPDATE children ch SET province_code = m.province_code
        FROM cases c JOIN communes m ON m.code = c.commune_code
       WHERE c.child_id = ch.id AND ch.province_code IS NULL`);
    await q.query(`CREATE INDEX "IDX_children_search_name_trgm" ON "children" USING gin ("search_name" gin_trgm_ops)`);

    await q.query(`ALTER TABLE "cases" ADD "repeat_of_case_id" uuid`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_repeat_of" FOREIGN KEY ("repeat_of_case_id") REFERENCES "cases"("id") ON DELETE RESTRICT`);

    await q.query(`
      CREATE TABLE "child_merges" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "source_id" uuid NOT NULL,
        "target_id" uuid NOT NULL,
        "case_ids" uuid array NOT NULL DEFAULT '{}',
        "reason" text NOT NULL,
        "merged_by" uuid NOT NULL,
        "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "undone_by" uuid,
        "undone_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_child_merges_kind" CHECK ("kind" IN ('merge','relink')),
        CONSTRAINT "CHK_child_merges_distinct" CHECK ("source_id" <> "target_id"),
        CONSTRAINT "PK_child_merges" PRIMARY KEY ("id"))`);
    await q.query(`ALTER TABLE "child_merges" ADD CONSTRAINT "FK_child_merges_source" FOREIGN KEY ("source_id") REFERENCES "children"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "child_merges" ADD CONSTRAINT "FK_child_merges_target" FOREIGN KEY ("target_id") REFERENCES "children"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "child_merges" ADD CONSTRAINT "FK_child_merges_merged_by" FOREIGN KEY ("merged_by") REFERENCES "users"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "child_merges" ADD CONSTRAINT "FK_child_merges_undone_by" FOREIGN KEY ("undone_by") REFERENCES "users"("id") ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX "IDX_child_merges_source" ON "child_merges" ("source_id")`);
    await q.query(`CREATE INDEX "IDX_child_merges_target" ON "child_merges" ("target_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "child_merges"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_repeat_of"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "repeat_of_case_id"`);
    await q.query(`DROP INDEX "public"."IDX_children_search_name_trgm"`);
    await q.query(`ALTER TABLE "children" DROP COLUMN "origin_case_id"`);
  }
}
