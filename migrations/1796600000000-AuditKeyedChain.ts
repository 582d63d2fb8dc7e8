import { createHash, createHmac } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { auditHmacKey } from '../src/config/config';

const GENESIS = '0'.repeat(64);
const BATCH = 10_000;
/** The canonical text of a row as of this migration (the audit repository's CANONICAL): every column of meaning, `access` now included. */
const CANONICAL = `jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details, access)::text`;
const OLD_CANONICAL = `jsonb_build_array(id, seq, occurred_at, actor_id, actor_role, action, case_id, entity, entity_id, details)::text`;

/**
 * Each entry's `access`: where the request came from (address, user agent) and why it was allowed
 * (the caller's scope rule), part of the sealed text.
 *
 * The audit chain keyed: every sealed row re-sealed with HMAC-SHA256 under AUDIT_HMAC_KEY (read from
 * the environment as the service reads it: required in production, else the data folder's
 * development key), so that the database's owner, who can rewrite rows, cannot re-compute the chain.
 * Sealing moves into two functions owned by the schema's owner (SECURITY DEFINER), so the
 * application role needs no UPDATE on `audit_log` (see ApplicationRole).
 */
export class AuditKeyedChain1796600000000 implements MigrationInterface {
  name = 'AuditKeyedChain1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN access jsonb`);
    await this.guard(q, true);
    const key = auditHmacKey(process.env, process.env.NODE_ENV === 'production', process.env.DATA_DIR?.trim() || '.data');
    await this.reseal(q, CANONICAL, (prev, c) => createHmac('sha256', key).update(prev).update('\n').update(c).digest('hex'));
    await q.query(`CREATE FUNCTION audit_seal_place(ids bigint[], seqs bigint[]) RETURNS TABLE (r_id bigint, r_seq bigint, r_c text)
      LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        UPDATE audit_log a SET seq = v.seq FROM unnest(ids, seqs) AS v(id, seq) WHERE a.id = v.id AND a.hash IS NULL
        RETURNING a.id, a.seq, jsonb_build_array(a.id, a.seq, a.occurred_at, a.actor_id, a.actor_role, a.action, a.case_id, a.entity, a.entity_id, a.details, a.access)::text
      $$`);
    await q.query(`CREATE FUNCTION audit_seal_hashes(ids bigint[], prevs text[], hashes text[]) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        UPDATE audit_log a SET prev_hash = v.prev, hash = v.hash FROM unnest(ids, prevs, hashes) AS v(id, prev, hash)
         WHERE a.id = v.id AND a.hash IS NULL
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_seal_place(bigint[], bigint[]) FROM PUBLIC`);
    await q.query(`REVOKE ALL ON FUNCTION audit_seal_hashes(bigint[], text[], text[]) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_seal_hashes(bigint[], text[], text[])`);
    await q.query(`DROP FUNCTION audit_seal_place(bigint[], bigint[])`);
    await this.guard(q, false);
    await q.query(`ALTER TABLE audit_log DROP COLUMN access`);
    await this.reseal(q, OLD_CANONICAL, (prev, c) => createHash('sha256').update(prev).update('\n').update(c).digest('hex'));
  }

  /** The append-only trigger's function: an UPDATE may only seal an unsealed row, and change nothing else (`access` included once it exists). */
  private async guard(q: QueryRunner, withAccess: boolean): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL
           AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_role = OLD.actor_role
           AND NEW.action = OLD.action AND NEW.case_id IS NOT DISTINCT FROM OLD.case_id
           AND NEW.entity = OLD.entity AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
           AND NEW.details = OLD.details AND NEW.tx_id = OLD.tx_id
           ${withAccess ? 'AND NEW.access IS NOT DISTINCT FROM OLD.access' : ''} THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  /** Re-computes every sealed row's link in chain order; the append-only trigger is lifted for it, inside this transaction only. */
  private async reseal(q: QueryRunner, canonical: string, link: (prev: string, canonical: string) => string): Promise<void> {
    await q.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    let prev = GENESIS;
    let after = 0;
    for (;;) {
      const rows: Array<{ id: string; seq: string; c: string }> = await q.query(
        `SELECT id, seq, ${canonical} AS c FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, BATCH]);
      if (rows.length === 0) break;
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows) {
        prevs.push(prev);
        prev = link(prev, r.c);
        hashes.push(prev);
      }
      await q.query(`UPDATE audit_log a SET prev_hash = v.prev, hash = v.hash FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, prev, hash) WHERE a.id = v.id`,
        [rows.map((r) => r.id), prevs, hashes]);
      after = Number(rows[rows.length - 1].seq);
    }
    await q.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  }
}
