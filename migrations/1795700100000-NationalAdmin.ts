import { MigrationInterface, QueryRunner } from 'typeorm';

/** The national administrator's role (administrative units, national holidays, every province). */
export class NationalAdmin1795700100000 implements MigrationInterface {
  name = 'NationalAdmin1795700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_role" CHECK ("role" IN ('hotline_operator','social_worker','supervisor','chair','police','health','education','legal_aid','social_work_center','auditor','admin','national_admin'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "users" WHERE "role" = 'national_admin'`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_role" CHECK ("role" IN ('hotline_operator','social_worker','supervisor','chair','police','health','education','legal_aid','social_work_center','auditor','admin'))`);
  }
}
