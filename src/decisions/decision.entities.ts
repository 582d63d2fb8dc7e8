import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { HandoffRecord } from '../handoffs/handoff.entity';
import { CaseRecord } from '../cases/case.entities';
import { Commune, User } from '../identity/identity.entities';

/** The last decision number given in a commune in a year (Asia/Ho_Chi_Minh): the next is `last + 1`, taken under this row's lock. */
@Entity('decision_counters')
export class DecisionCounter {
  @PrimaryColumn('text', { name: 'commune_code', primaryKeyConstraintName: 'PK_decision_counters' }) communeCode!: string;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code', foreignKeyConstraintName: 'FK_decision_counters_commune' })
  commune?: Commune;
  @PrimaryColumn('int', { primaryKeyConstraintName: 'PK_decision_counters' }) year!: number;
  @Column('int') last!: number;
}

/**
 * A decision of the commune People's Committee (Quyết định): numbered per commune and year
 * (`12/QĐ-UBND`), dated, signed, with what it decided (`body`: the plan approved, the proposal
 * accepted…). Issued by a case event (`event_seq`); never changed nor deleted (a trigger refuses it).
 */
@Entity('decisions')
@Check('CHK_decisions_kind', `"kind" IN ('plan_approval','closure','separation','separation_extension','separation_revocation')`)
@Unique('UQ_decisions_number', ['communeCode', 'year', 'number'])
@Index('UQ_decisions_case_event', ['caseId', 'eventSeq'], { unique: true, where: 'handoff_id IS NULL' })
@Index('UQ_decisions_handoff_event', ['handoffId', 'eventSeq'], { unique: true, where: 'handoff_id IS NOT NULL' })
export class DecisionRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_decisions' }) id!: string;
  /** The commune leading the case when it decided. */
  @Column('text', { name: 'commune_code' }) communeCode!: string;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code', foreignKeyConstraintName: 'FK_decisions_commune' })
  commune?: Commune;
  /** The year of the decision's date in Vietnam. */
  @Column('int') year!: number;
  @Column('int') number!: number;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_decisions_case' })
  case?: CaseRecord;
  /**
   * The instance on the case whose transition issued it (a temporary separation), or null: the
   * case's own workflow issued it.
   */
  @Column('uuid', { name: 'handoff_id', nullable: true }) handoffId!: string | null;
  @ManyToOne(() => HandoffRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handoff_id', foreignKeyConstraintName: 'FK_decisions_handoff' })
  handoff?: HandoffRecord;
  /** The event that issued it: the case event's `seq`, or the handoff instance's version when `handoff_id` is set. */
  @Column('int', { name: 'event_seq' }) eventSeq!: number;
  @Column('uuid', { name: 'signer_id', nullable: true }) signerId!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signer_id', foreignKeyConstraintName: 'FK_decisions_signer' })
  signer?: User;
  /** As the signer's name was when they signed. */
  @Column('text', { name: 'signer_name' }) signerName!: string;
  /** `chair`, `vice_chair` (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) or `supervisor`. */
  @Column('text', { name: 'signer_title' }) signerTitle!: string;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt!: Date;
  /** null: in effect from the day it is signed. */
  @Column('date', { name: 'effective_on', nullable: true }) effectiveOn!: string | null;
  @Column('jsonb') body!: Record<string, unknown>;
}
