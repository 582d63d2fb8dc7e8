import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from '../cases/case.entities';
import { User } from '../identity/identity.entities';

/**
 * A flag on a case with its reason (`FLAG_REASONS`) and note: raised by a worker or supervisor,
 * cleared (kept, with who cleared it and why) when dealt with. At most one open flag per reason.
 */
@Entity('case_flags')
@Check('CHK_case_flags_reason', `"reason" IN ('needs_review','safety_concern','data_quality','stalled','other')`)
@Check('CHK_case_flags_cleared', `("cleared_at" IS NULL) = ("cleared_by" IS NULL)`)
@Index('IDX_case_flags_case', ['caseId'])
@Index('UQ_case_flags_open_reason', ['caseId', 'reason'], { unique: true, where: `cleared_at IS NULL` })
export class CaseFlagRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_flags_case' })
  case?: CaseRecord;
  @Column('text') reason!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'flagged_by' }) flaggedBy!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'flagged_by', foreignKeyConstraintName: 'FK_case_flags_flagged_by' })
  flagger?: User;
  @Column('timestamptz', { name: 'flagged_at' }) flaggedAt!: Date;
  @Column('uuid', { name: 'cleared_by', nullable: true }) clearedBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cleared_by', foreignKeyConstraintName: 'FK_case_flags_cleared_by' })
  clearer?: User;
  @Column('timestamptz', { name: 'cleared_at', nullable: true }) clearedAt!: Date | null;
  @Column('text', { name: 'clear_note', nullable: true }) clearNote!: string | null;
}
