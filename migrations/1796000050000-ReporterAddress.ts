import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mẫu số 01 (NĐ 56/2017/NĐ-CP Phụ lục) records the informant's address beside their name and phone,
 * "nếu đồng ý cung cấp": kept with the reporter, only for a named report.
 */
export class ReporterAddress1796000050000 implements MigrationInterface {
  name = 'ReporterAddress1796000050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_reporters" ADD "address" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case_reporters" DROP COLUMN "address"`);
  }
}
