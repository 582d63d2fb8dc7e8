import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from '../cases/case.entities';
import { Agency } from '../identity/identity.entities';

/** Work another agency owes on a case; its own small workflow (`handoff` v1). */
@Entity('handoffs')
@Index('IDX_handoffs_agency_state', ['agencyId', 'state'])
@Index('IDX_handoffs_case', ['caseId'])
// A covering index of the oversight queries (migrations/*-OversightIndexes): kept out of schema diffs.
@Index('IDX_handoffs_case_offered', { synchronize: false })
// Expression indexes of the transfer lists by commune (migrations/*-TwoCommunes): kept out of schema diffs.
@Index('IDX_handoffs_transfer_from', { synchronize: false })
@Index('IDX_handoffs_transfer_to', { synchronize: false })
export class HandoffRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'agency_id' }) agencyId!: string;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: Agency;
  @Column('text') urgency!: string;
  @Column('text') state!: string;
  @Column('jsonb') snapshot!: { value: unknown; context: Record<string, unknown> };
  @Column('text') workflow!: string;
  @Column('int', { name: 'workflow_version' }) workflowVersion!: number;
  @Column('int') version!: number;
  @Column('text') instructions!: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt!: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  /** Until when the receiving agency sees the case (null: while the handoff is under way). */
  @Column('timestamptz', { name: 'visible_until', nullable: true }) visibleUntil!: Date | null;
}
