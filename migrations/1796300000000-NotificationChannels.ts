import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 18: contacts verified by code, preferences, push subscriptions, the delivery of each message per channel, acknowledgements. */
export class NotificationChannels1796300000000 implements MigrationInterface {
  name = 'NotificationChannels1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user_contacts" ("user_id" uuid NOT NULL, "kind" text NOT NULL, "value" text NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "code_hash" text, "code_expires_at" TIMESTAMP WITH TIME ZONE, "code_attempts" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_user_contacts_kind" CHECK ("kind" IN ('email','phone')), CONSTRAINT "PK_ccef17aadf1f6262e392f7dc135" PRIMARY KEY ("user_id", "kind"))`);
    await q.query(`CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "language" text NOT NULL DEFAULT 'vi', "quiet_start" smallint, "quiet_end" smallint, "channels" jsonb NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_notification_settings_language" CHECK ("language" IN ('vi','en')), CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`);
    await q.query(`CREATE TABLE "push_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "endpoint" text NOT NULL, "p256dh" text NOT NULL, "auth" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_757fc8f00c34f66832668dc2e53" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_push_subscriptions_endpoint" ON "push_subscriptions"  ("endpoint") `);
    await q.query(`CREATE INDEX "IDX_push_subscriptions_user" ON "push_subscriptions"  ("user_id") `);
    await q.query(`CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "user_id" uuid NOT NULL, "channel" text NOT NULL, "dedupe_key" text NOT NULL, "address" text NOT NULL, "status" text NOT NULL, "urgent" boolean NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "provider_id" text, "last_error" text, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_notification_deliveries_channel" CHECK ("channel" IN ('email','sms','zalo','push')), CONSTRAINT "CHK_notification_deliveries_status" CHECK ("status" IN ('queued','sending','sent','delivered','failed')), CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_notification_deliveries_dedupe" ON "notification_deliveries"  ("dedupe_key") `);
    await q.query(`CREATE INDEX "IDX_notification_deliveries_created" ON "notification_deliveries"  ("created_at") `);
    await q.query(`CREATE INDEX "IDX_notification_deliveries_status" ON "notification_deliveries"  ("status", "updated_at") `);
    await q.query(`CREATE TABLE "notification_acks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token" text NOT NULL, "case_id" uuid, "template" text NOT NULL, "deadline_id" uuid, "level" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" uuid, "re_escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c66ef912fadae158abb231b33ef" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_notification_acks_token" ON "notification_acks"  ("token") `);
    await q.query(`CREATE INDEX "IDX_notification_acks_case" ON "notification_acks"  ("case_id") `);
    await q.query(`ALTER TABLE "user_contacts" ADD CONSTRAINT "FK_user_contacts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_notification_settings_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "push_subscriptions" ADD CONSTRAINT "FK_push_subscriptions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_notification_deliveries_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification_deliveries" DROP CONSTRAINT "FK_notification_deliveries_notification"`);
    await q.query(`ALTER TABLE "push_subscriptions" DROP CONSTRAINT "FK_push_subscriptions_user"`);
    await q.query(`ALTER TABLE "notification_settings" DROP CONSTRAINT "FK_notification_settings_user"`);
    await q.query(`ALTER TABLE "user_contacts" DROP CONSTRAINT "FK_user_contacts_user"`);
    await q.query(`DROP INDEX "public"."IDX_notification_acks_case"`);
    await q.query(`DROP INDEX "public"."UQ_notification_acks_token"`);
    await q.query(`DROP TABLE "notification_acks"`);
    await q.query(`DROP INDEX "public"."IDX_notification_deliveries_status"`);
    await q.query(`DROP INDEX "public"."IDX_notification_deliveries_created"`);
    await q.query(`DROP INDEX "public"."UQ_notification_deliveries_dedupe"`);
    await q.query(`DROP TABLE "notification_deliveries"`);
    await q.query(`DROP INDEX "public"."IDX_push_subscriptions_user"`);
    await q.query(`DROP INDEX "public"."UQ_push_subscriptions_endpoint"`);
    await q.query(`DROP TABLE "push_subscriptions"`);
    await q.query(`DROP TABLE "notification_settings"`);
    await q.query(`DROP TABLE "user_contacts"`);
  }
}
