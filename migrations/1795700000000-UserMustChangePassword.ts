import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user given a temporary password by an administrator (created or reset) must choose their own
 * at the next sign-in. (The sessions branch adds the same column; only one of the two is kept.)
 */
export class UserMustChangePassword1795700000000 implements MigrationInterface {
  name = 'UserMustChangePassword1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
