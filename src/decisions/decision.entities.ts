import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
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
@Unique('UQ_decisions_case_event', ['caseId', 'eventSeq'])
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
  /** The case event (its `seq`) that issued it. */
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
