import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseEngine1795509526152 implements MigrationInterface {
  name = 'CaseEngine1795509526152';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "commune_code" text NOT NULL, "workflow" text NOT NULL, "workflow_version" integer NOT NULL, "state" text NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL, "risk_level" text, "channel" text NOT NULL, "external_ref" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "immediate_danger" boolean NOT NULL, "abuse_types" text array NOT NULL, "incident" jsonb NOT NULL, "assignee_id" uuid, "created_by" uuid NOT NULL, "outcome" text, "escalation_level" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cases_code" ON "cases"  ("code") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_cases_channel_external_ref" ON "cases"  ("channel", "external_ref") WHERE external_ref IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_cases_received" ON "cases"  ("received_at") `);
    await q.query(`CREATE INDEX "IDX_cases_assignee" ON "cases"  ("assignee_id") `);
    await q.query(`CREATE INDEX "IDX_cases_commune_state" ON "cases"  ("commune_code", "state") `);
    await q.query(`CREATE TABLE "case_children" ("case_id" uuid NOT NULL, "full_name" text, "sex" text NOT NULL, "date_of_birth" date, "approx_age_years" integer, "address" text, CONSTRAINT "CHK_case_children_sex" CHECK ("sex" IN ('female','male','unknown')), CONSTRAINT "PK_ddadaca017776387598f69e94fe" PRIMARY KEY ("case_id"))`);
    await q.query(`CREATE TABLE "case_reporters" ("case_id" uuid NOT NULL, "anonymous" boolean NOT NULL, "name" text, "phone" text, "relation_to_child" text, CONSTRAINT "PK_43caa378b6c7216482784f46b85" PRIMARY KEY ("case_id"))`);
    await q.query(`CREATE TABLE "case_code_counters" ("commune_code" text NOT NULL, "year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_1a3564b2c0145b3819fb5429077" PRIMARY KEY ("commune_code", "year"))`);
    await q.query(`CREATE TABLE "case_events" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "seq" integer NOT NULL, "type" text NOT NULL, "data" jsonb NOT NULL, "actor_id" uuid, "actor_role" text NOT NULL, "from_state" text NOT NULL, "to_state" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_case_events_type_time" ON "case_events"  ("type", "occurred_at") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_case_events_case_seq" ON "case_events"  ("case_id", "seq") `);
    await q.query(`CREATE TABLE "idempotency_keys" ("actor_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "status" integer NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a5af0c11ea21dd7a2593421498" PRIMARY KEY ("actor_id", "key"))`);
    await q.query(`CREATE TABLE "handoffs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" text NOT NULL, "agency_id" uuid NOT NULL, "urgency" text NOT NULL, "state" text NOT NULL, "snapshot" jsonb NOT NULL, "workflow_version" integer NOT NULL, "version" integer NOT NULL, "instructions" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" text, "reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3e886a66415e2177f4760aa4bc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_handoffs_case" ON "handoffs"  ("case_id") `);
    await q.query(`CREATE INDEX "IDX_handoffs_agency_state" ON "handoffs"  ("agency_id", "state") `);
    await q.query(`CREATE TABLE "deadlines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "handoff_id" uuid, "key" text NOT NULL, "title_vi" text NOT NULL, "title_en" text NOT NULL, "rule" jsonb NOT NULL, "legal_basis" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL, "settled_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT '0', "next_escalation_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_deadlines_status" CHECK ("status" IN ('pending','met','met_late','breached','cancelled')), CONSTRAINT "PK_a9b8551c028a78298641a8e3470" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_deadlines_open_handoff_key" ON "deadlines"  ("handoff_id", "key") WHERE status IN ('pending','breached') AND handoff_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_deadlines_open_case_key" ON "deadlines"  ("case_id", "key") WHERE status IN ('pending','breached') AND handoff_id IS NULL`);
    await q.query(`CREATE INDEX "IDX_deadlines_handoff" ON "deadlines"  ("handoff_id") `);
    await q.query(`CREATE INDEX "IDX_deadlines_case" ON "deadlines"  ("case_id") `);
    await q.query(`CREATE INDEX "IDX_deadlines_breached_next" ON "deadlines"  ("next_escalation_at") WHERE status = 'breached'`);
    await q.query(`CREATE INDEX "IDX_deadlines_pending_due" ON "deadlines"  ("due_at") WHERE status = 'pending'`);
    await q.query(`CREATE TABLE "holidays" ("day" date NOT NULL, "name_vi" text NOT NULL, "name_en" text NOT NULL, CONSTRAINT "PK_b07abef0a7ad78cd2ef15c04cf3" PRIMARY KEY ("day"))`);
    await q.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "case_id" uuid, "template" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_notifications_user_time" ON "notifications"  ("user_id", "created_at") `);
    await q.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "topic" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_outbox_unprocessed" ON "outbox"  ("id") WHERE processed_at IS NULL`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_c7167ece24d785012308a794e11" FOREIGN KEY ("commune_code") REFERENCES "communes"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_1e03d7426e634bc22f7241ebfba" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_16623a33f4933798b679f058d0b" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "case_children" ADD CONSTRAINT "FK_ddadaca017776387598f69e94fe" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "case_reporters" ADD CONSTRAINT "FK_43caa378b6c7216482784f46b85" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "case_events" ADD CONSTRAINT "FK_259dbf949114e25670ac6cad205" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "handoffs" ADD CONSTRAINT "FK_c7264689dc626857118d72f4e27" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "handoffs" ADD CONSTRAINT "FK_b781c238f9d001ec16e3b1cb130" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "FK_e14a72431c2b5de785e6f2ea23f" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "deadlines" ADD CONSTRAINT "FK_f0099a907da257115f94fc2f7f8" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Vietnam's public holidays 2025–2027 (Bộ luật Lao động 2019 Điều 112 and the yearly
    // announcements; 2027 Tết and Hùng Kings' dates are provisional until announced).
    // Editable at runtime through the admin holiday endpoints.
    await q.query(`INSERT INTO holidays (day, name_vi, name_en) VALUES
      ('2025-01-01', 'Tết Dương lịch', 'New Year''s Day'),
      ('2025-01-25', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-01-26', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-01-27', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-01-28', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-01-29', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-01-30', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-01-31', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-02-01', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-02-02', 'Tết Nguyên đán Ất Tỵ', 'Lunar New Year (Tết)'),
      ('2025-04-07', 'Giỗ Tổ Hùng Vương', 'Hùng Kings'' Commemoration'),
      ('2025-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
      ('2025-05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'),
      ('2025-05-02', 'Nghỉ hoán đổi dịp 30/4 - 1/5', 'Swapped day off (30/4 - 1/5)'),
      ('2025-08-30', 'Quốc khánh', 'National Day'),
      ('2025-08-31', 'Quốc khánh', 'National Day'),
      ('2025-09-01', 'Quốc khánh', 'National Day'),
      ('2025-09-02', 'Quốc khánh', 'National Day'),
      ('2026-01-01', 'Tết Dương lịch', 'New Year''s Day'),
      ('2026-02-14', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-15', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-16', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-17', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-18', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-19', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-20', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-21', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-02-22', 'Tết Nguyên đán Bính Ngọ', 'Lunar New Year (Tết)'),
      ('2026-04-27', 'Giỗ Tổ Hùng Vương (nghỉ bù)', 'Hùng Kings'' Commemoration (day in lieu)'),
      ('2026-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
      ('2026-05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'),
      ('2026-09-01', 'Quốc khánh', 'National Day'),
      ('2026-09-02', 'Quốc khánh', 'National Day'),
      ('2027-01-01', 'Tết Dương lịch', 'New Year''s Day'),
      ('2027-02-05', 'Tết Nguyên đán Đinh Mùi (dự kiến)', 'Lunar New Year (Tết, provisional)'),
      ('2027-02-06', 'Tết Nguyên đán Đinh Mùi (dự kiến)', 'Lunar New Year (Tết, provisional)'),
      ('2027-02-07', 'Tết Nguyên đán Đinh Mùi (dự kiến)', 'Lunar New Year (Tết, provisional)'),
      ('2027-02-08', 'Tết Nguyên đán Đinh Mùi (dự kiến)', 'Lunar New Year (Tết, provisional)'),
      ('2027-02-09', 'Tết Nguyên đán Đinh Mùi (dự kiến)', 'Lunar New Year (Tết, provisional)'),
      ('2027-02-10', 'Tết Nguyên đán Đinh Mùi (dự kiến)', 'Lunar New Year (Tết, provisional)'),
      ('2027-02-11', 'Tết Nguyên đán Đinh Mùi (dự kiến)', 'Lunar New Year (Tết, provisional)'),
      ('2027-04-16', 'Giỗ Tổ Hùng Vương (dự kiến)', 'Hùng Kings'' Commemoration (provisional)'),
      ('2027-04-30', 'Ngày Giải phóng miền Nam', 'Reunification Day'),
      ('2027-05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'),
      ('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 'Labour Day (day in lieu)'),
      ('2027-09-02', 'Quốc khánh', 'National Day'),
      ('2027-09-03', 'Quốc khánh', 'National Day')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
    await q.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "FK_f0099a907da257115f94fc2f7f8"`);
    await q.query(`ALTER TABLE "deadlines" DROP CONSTRAINT "FK_e14a72431c2b5de785e6f2ea23f"`);
    await q.query(`ALTER TABLE "handoffs" DROP CONSTRAINT "FK_b781c238f9d001ec16e3b1cb130"`);
    await q.query(`ALTER TABLE "handoffs" DROP CONSTRAINT "FK_c7264689dc626857118d72f4e27"`);
    await q.query(`ALTER TABLE "case_events" DROP CONSTRAINT "FK_259dbf949114e25670ac6cad205"`);
    await q.query(`ALTER TABLE "case_reporters" DROP CONSTRAINT "FK_43caa378b6c7216482784f46b85"`);
    await q.query(`ALTER TABLE "case_children" DROP CONSTRAINT "FK_ddadaca017776387598f69e94fe"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_16623a33f4933798b679f058d0b"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_1e03d7426e634bc22f7241ebfba"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_c7167ece24d785012308a794e11"`);
    await q.query(`DROP INDEX "public"."IDX_outbox_unprocessed"`);
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP INDEX "public"."IDX_notifications_user_time"`);
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP TABLE "holidays"`);
    await q.query(`DROP INDEX "public"."IDX_deadlines_pending_due"`);
    await q.query(`DROP INDEX "public"."IDX_deadlines_breached_next"`);
    await q.query(`DROP INDEX "public"."IDX_deadlines_case"`);
    await q.query(`DROP INDEX "public"."IDX_deadlines_handoff"`);
    await q.query(`DROP INDEX "public"."UQ_deadlines_open_case_key"`);
    await q.query(`DROP INDEX "public"."UQ_deadlines_open_handoff_key"`);
    await q.query(`DROP TABLE "deadlines"`);
    await q.query(`DROP INDEX "public"."IDX_handoffs_agency_state"`);
    await q.query(`DROP INDEX "public"."IDX_handoffs_case"`);
    await q.query(`DROP TABLE "handoffs"`);
    await q.query(`DROP TABLE "idempotency_keys"`);
    await q.query(`DROP INDEX "public"."UQ_case_events_case_seq"`);
    await q.query(`DROP INDEX "public"."IDX_case_events_type_time"`);
    await q.query(`DROP TABLE "case_events"`);
    await q.query(`DROP TABLE "case_code_counters"`);
    await q.query(`DROP TABLE "case_reporters"`);
    await q.query(`DROP TABLE "case_children"`);
    await q.query(`DROP INDEX "public"."IDX_cases_commune_state"`);
    await q.query(`DROP INDEX "public"."IDX_cases_assignee"`);
    await q.query(`DROP INDEX "public"."IDX_cases_received"`);
    await q.query(`DROP INDEX "public"."UQ_cases_channel_external_ref"`);
    await q.query(`DROP INDEX "public"."UQ_cases_code"`);
    await q.query(`DROP TABLE "cases"`);
  }
}
