import { MigrationInterface, QueryRunner } from 'typeorm';

/** The village collaborator's role (cộng tác viên thôn, bản, tổ dân phố): files reports of their commune. */
export class VillageCollaborator1796100100000 implements MigrationInterface {
  name = 'VillageCollaborator1796100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_role" CHECK ("role" IN ('hotline_operator','social_worker','supervisor','chair','police','health','education','legal_aid','social_work_center','auditor','admin','national_admin','village_collaborator'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "users" WHERE "role" = 'village_collaborator'`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_role" CHECK ("role" IN ('hotline_operator','social_worker','supervisor','chair','police','health','education','legal_aid','social_work_center','auditor','admin','national_admin'))`);
  }
}
