import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only, hash-chained record of every write and every read of case data.
 * Rows are inserted inside the transaction of the command they record; the chain sealer then
 * gives each committed row its place (`seq`) and hash. A trigger refuses DELETE and any UPDATE
 * other than that one-time sealing.
 */
@Entity('audit_log')
@Index('IDX_audit_log_case', ['caseId', 'id'])
@Index('IDX_audit_log_unsealed', ['id'], { where: 'hash IS NULL' })
@Index('UQ_audit_log_seq', ['seq'], { unique: true })
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' }) occurredAt!: Date;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text') action!: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  @Column('text') entity!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('jsonb', { default: () => `'{}'` }) details!: Record<string, unknown>;
  /** Where the request came from (address, user agent) and why it was allowed (the scope rule); null outside a request. */
  @Column('jsonb', { nullable: true }) access!: Record<string, unknown> | null;
  /** Transaction id of the writer: the sealer seals only rows of transactions that have ended. */
  @Column('bigint', { name: 'tx_id', default: () => 'audit_tx_id()' }) txId!: string;
  @Column('bigint', { nullable: true }) seq!: string | null;
  @Column('text', { name: 'prev_hash', nullable: true }) prevHash!: string | null;
  @Column('text', { nullable: true }) hash!: string | null;
}
