import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * System clients: machine-to-machine credentials (OAuth 2.0 client credentials) of another system
 * acting for an agency — the national 111 hotline's system files reports. A secret is kept only as
 * its SHA-256; a rotation keeps the previous one until `previous_secret_expires_at` (the overlap
 * chosen at rotation, possibly none). Cases filed by a client name it in `cases.created_by_client`
 * instead of a user in `created_by`: exactly one of the two is set.
 */
export class SystemClients1795800100000 implements MigrationInterface {
  name = 'SystemClients1795800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "system_clients" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "agency_id" uuid NOT NULL,
      "scopes" text array NOT NULL,
      "secret_hash" text NOT NULL,
      "secret_version" integer NOT NULL DEFAULT 1,
      "previous_secret_hash" text,
      "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
      "rate_limit_per_minute" integer NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "created_by" uuid,
      "rotated_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revoked_reason" text,
      CONSTRAINT "CHK_system_clients_rate_limit" CHECK ("rate_limit_per_minute" BETWEEN 1 AND 100000),
      CONSTRAINT "PK_system_clients" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_system_clients_name" ON "system_clients" ("name")`);
    await q.query(`CREATE INDEX "IDX_system_clients_agency" ON "system_clients" ("agency_id")`);
    await q.query(`ALTER TABLE "system_clients" ADD CONSTRAINT "FK_system_clients_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "system_clients" ADD CONSTRAINT "FK_system_clients_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL`);
    await q.query(`ALTER TABLE "cases" ALTER COLUMN "created_by" DROP NOT NULL`);
    await q.query(`ALTER TABLE "cases" ADD "created_by_client" uuid`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_created_by_client" FOREIGN KEY ("created_by_client") REFERENCES "system_clients"("id") ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "CHK_cases_creator" CHECK (("created_by" IS NULL) <> ("created_by_client" IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "cases" WHERE "created_by_client" IS NOT NULL`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "CHK_cases_creator"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_created_by_client"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "created_by_client"`);
    await q.query(`ALTER TABLE "cases" ALTER COLUMN "created_by" SET NOT NULL`);
    await q.query(`DROP TABLE "system_clients"`);
  }
}
