import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The foreign keys to `cases` and `handoffs` name their entities rather than import them: deadlines
 * is a leaf module that neither cases nor handoffs may find in a cycle.
 *
 * A legal or product deadline on a case or on one of its handoffs — or on a support of the
 * special-circumstances register (`support_id`, no case): exactly one owner (CHECK). The row is the truth; the
 * BullMQ job that fires it is derived (id `dl-<row id>-<escalation level>`) and rebuildable.
 */
@Entity('deadlines')
@Check('CHK_deadlines_status', `"status" IN ('pending','met','met_late','breached','cancelled')`)
@Check('CHK_deadlines_owner', `num_nonnulls("case_id", "support_id") = 1 AND ("handoff_id" IS NULL OR "case_id" IS NOT NULL)`)
@Index('IDX_deadlines_support', ['supportId'])
@Index('UQ_deadlines_open_support_key', ['supportId', 'key'], { unique: true, where: `status IN ('pending','breached') AND support_id IS NOT NULL` })
@Index('IDX_deadlines_pending_due', ['dueAt'], { where: `status = 'pending'` })
@Index('IDX_deadlines_breached_next', ['nextEscalationAt'], { where: `status = 'breached'` })
@Index('IDX_deadlines_case', ['caseId'])
@Index('IDX_deadlines_handoff', ['handoffId'])
@Index('UQ_deadlines_open_case_key', ['caseId', 'key'], { unique: true, where: `status IN ('pending','breached') AND handoff_id IS NULL` })
@Index('UQ_deadlines_open_handoff_key', ['handoffId', 'key'], { unique: true, where: `status IN ('pending','breached') AND handoff_id IS NOT NULL` })
@Index('IDX_deadlines_open_case_due', ['caseId', 'dueAt'], { where: `status IN ('pending','breached')` })
// A covering index of the oversight queries (migrations/*-OversightIndexes): kept out of schema diffs.
@Index('IDX_deadlines_case_figures', { synchronize: false })
export class DeadlineRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  // Related by entity name, not by import: deadlines is a leaf module that cases and handoffs build on.
  @ManyToOne('CaseRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: unknown;
  @Column('uuid', { name: 'handoff_id', nullable: true }) handoffId!: string | null;
  @ManyToOne('HandoffRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handoff_id' })
  handoff?: unknown;
  @Column('uuid', { name: 'support_id', nullable: true }) supportId!: string | null;
  @ManyToOne('ChildSupportRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_id' })
  support?: unknown;
  @Column('text') key!: string;
  @Column('text', { name: 'title_vi' }) titleVi!: string;
  @Column('text', { name: 'title_en' }) titleEn!: string;
  @Column('jsonb') rule!: Record<string, number>;
  @Column('text', { name: 'legal_basis' }) legalBasis!: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'settled_at', nullable: true }) settledAt!: Date | null;
  @Column('timestamptz', { name: 'breached_at', nullable: true }) breachedAt!: Date | null;
  @Column('int', { name: 'escalation_level', default: 0 }) escalationLevel!: number;
  /** When the next rung of the escalation ladder is due (breached rows only). */
  @Column('timestamptz', { name: 'next_escalation_at', nullable: true }) nextEscalationAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** Public holidays (Tết follows the lunar calendar and is announced yearly): data, editable by an admin. */
@Entity('holidays')
export class Holiday {
  @PrimaryColumn('date') day!: string;
  @Column('text', { name: 'name_vi' }) nameVi!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
}
