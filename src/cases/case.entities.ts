import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ChildRecord } from '../children/child.entity';
import { Commune, SystemClient, User } from '../identity/identity.entities';

@Entity('cases')
@Check('CHK_cases_creator', `("created_by" IS NULL) <> ("created_by_client" IS NULL)`)
@Index('IDX_cases_commune_state', ['communeCode', 'state'])
@Index('IDX_cases_assignee', ['assigneeId'])
@Index('IDX_cases_received', ['receivedAt'])
@Index('IDX_cases_to_anonymise', ['closedAt'], { where: 'closed_at IS NOT NULL AND anonymised_at IS NULL' })
@Index('IDX_cases_child', ['childId'])
@Index('IDX_cases_incident_commune', ['incidentCommuneCode'])
@Index('IDX_cases_partner_commune', ['partnerCommuneCode'], { where: 'partner_commune_code IS NOT NULL' })
@Index('IDX_cases_pending_commune', ['pendingCommuneCode'], { where: 'pending_commune_code IS NOT NULL' })
@Index('UQ_cases_incident_channel_external_ref', ['incidentCommuneCode', 'channel', 'externalRef'], { unique: true, where: 'external_ref IS NOT NULL' })
// An expression index of the oversight queries (migrations/*-OversightIndexes): kept out of schema diffs.
@Index('IDX_cases_commune_activity', { synchronize: false })
// Migration StatisticsIndexes: (commune_code, received_at) INCLUDE (id), the statistics' cases received in a period.
@Index('IDX_cases_commune_received', { synchronize: false })
// The trigram index of the case-code search (migrations/*-ChildSearchIndexes).
@Index('IDX_cases_search_code', { synchronize: false })
export class CaseRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Human-readable, per commune and year: VS-2026-000123. */
  @Index('UQ_cases_code', { unique: true })
  @Column('text') code!: string;
  @Column('text', { name: 'commune_code' }) communeCode!: string;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune;
  /** Where it happened (the intake's commune): it verifies and assesses (NĐ 56 Điều 26). Fixed. */
  @Column('text', { name: 'incident_commune_code' }) incidentCommuneCode!: string;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_commune_code', foreignKeyConstraintName: 'FK_cases_incident_commune' })
  incidentCommune?: Commune;
  /** Where the child lives (at intake; a transfer updates it): it plans and decides (Luật Trẻ em Điều 52 k2). */
  @Column('text', { name: 'residence_commune_code', nullable: true }) residenceCommuneCode!: string | null;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'residence_commune_code', foreignKeyConstraintName: 'FK_cases_residence_commune' })
  residenceCommune?: Commune;
  /** The other commune of a two-commune case while it shares the case (sees it, does not act). */
  @Column('text', { name: 'partner_commune_code', nullable: true }) partnerCommuneCode!: string | null;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_commune_code', foreignKeyConstraintName: 'FK_cases_partner_commune' })
  partnerCommune?: Commune;
  /** The commune a pending transfer or handover is addressed to (sees the case to decide). */
  @Column('text', { name: 'pending_commune_code', nullable: true }) pendingCommuneCode!: string | null;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pending_commune_code', foreignKeyConstraintName: 'FK_cases_pending_commune' })
  pendingCommune?: Commune;
  /** The child in the registry this report is about (children/). */
  @Column('uuid', { name: 'child_id' }) childId!: string;
  @ManyToOne(() => ChildRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_cases_child' })
  child?: ChildRecord;
  /** A repeat report: the child's case that was open, or closed within 12 months, when this one was received. */
  @Column('uuid', { name: 'repeat_of_case_id', nullable: true }) repeatOfCaseId!: string | null;
  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'repeat_of_case_id', foreignKeyConstraintName: 'FK_cases_repeat_of' })
  repeatOf?: CaseRecord;
  @Column('text') workflow!: string;
  @Column('int', { name: 'workflow_version' }) workflowVersion!: number;
  @Column('text') state!: string;
  /** The workflow machine's persisted snapshot: `{ value, context }`. */
  @Column('jsonb') snapshot!: { value: unknown; context: Record<string, unknown> };
  @Column('int') version!: number;
  @Column('text', { name: 'risk_level', nullable: true }) riskLevel!: string | null;
  @Column('text') channel!: string;
  @Column('text', { name: 'external_ref', nullable: true }) externalRef!: string | null;
  /** SHA-256 of the report as filed: a retry under the same reference matches it, a different report does not. */
  @Column('text', { name: 'report_hash', nullable: true }) reportHash!: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('boolean', { name: 'immediate_danger' }) immediateDanger!: boolean;
  @Column('text', { name: 'abuse_types', array: true }) abuseTypes!: string[];
  @Column('jsonb') incident!: Record<string, unknown>;
  @Column('uuid', { name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User;
  /** The user who filed the report; null when a system client filed it (`createdByClient`). */
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;
  /** The system (e.g. the 111 hotline's) that filed the report through `POST /intake`. */
  @Column('uuid', { name: 'created_by_client', nullable: true }) createdByClient!: string | null;
  @ManyToOne(() => SystemClient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_client', foreignKeyConstraintName: 'FK_cases_created_by_client' })
  creatorClient?: SystemClient;
  @Column('text', { nullable: true }) outcome!: string | null;
  /** 0 = nothing overdue; otherwise the highest escalation level among the case's open breaches. */
  @Column('int', { name: 'escalation_level', default: 0 }) escalationLevel!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  /** A legal hold (src/retention/): while set, the closed case is not anonymised. */
  @Column('text', { name: 'legal_hold_reason', nullable: true }) legalHoldReason!: string | null;
  @Column('timestamptz', { name: 'legal_hold_at', nullable: true }) legalHoldAt!: Date | null;
  @Column('uuid', { name: 'legal_hold_by', nullable: true }) legalHoldBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'legal_hold_by', foreignKeyConstraintName: 'FK_cases_legal_hold_by' })
  legalHolder?: User;
  /** When its personal data was removed, RETENTION_ANONYMISE_CLOSED_AFTER_DAYS after its closure. */
  @Column('timestamptz', { name: 'anonymised_at', nullable: true }) anonymisedAt!: Date | null;
}

/**
 * The child as the report described them (Mẫu số 01): confidential (Luật Trẻ em; NĐ 56), kept apart
 * from the case row. The registry record (`cases.child_id`) is the child as the commune knows them.
 */
@Entity('case_children')
@Check('CHK_case_children_sex', `"sex" IN ('female','male','unknown')`)
export class CaseChild {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @OneToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;
  @Column('text', { name: 'full_name', nullable: true }) fullName!: string | null;
  @Column('text') sex!: string;
  @Column('date', { name: 'date_of_birth', nullable: true }) dateOfBirth!: string | null;
  @Column('int', { name: 'approx_age_years', nullable: true }) approxAgeYears!: number | null;
  @Column('text', { nullable: true }) address!: string | null;
}

/** The reporter's identity: seen only by the case's social workers, supervisors and chair. */
@Entity('case_reporters')
export class CaseReporter {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @OneToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;
  @Column('boolean') anonymous!: boolean;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { name: 'relation_to_child', nullable: true }) relationToChild!: string | null;
  @Column('text', { nullable: true }) address!: string | null;
}

@Entity('case_code_counters')
export class CaseCodeCounter {
  @PrimaryColumn('text', { name: 'commune_code' }) communeCode!: string;
  @PrimaryColumn('int') year!: number;
  @Column('int', { name: 'last_value' }) lastValue!: number;
}

/** The case's history: one row per applied event, `seq` = the case version it produced. */
@Entity('case_events')
@Index('UQ_case_events_case_seq', ['caseId', 'seq'], { unique: true })
@Index('IDX_case_events_type_time', ['type', 'occurredAt'])
// A covering partial index of the oversight queries (migrations/*-OversightIndexes): kept out of schema diffs.
@Index('IDX_case_events_state_changes', { synchronize: false })
export class CaseEventRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseRecord;
  @Column('int') seq!: number;
  @Column('text') type!: string;
  @Column('jsonb') data!: Record<string, unknown>;
  /** null: the engine itself (deadline firing, handoff updates). */
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text', { name: 'from_state' }) fromState!: string;
  @Column('text', { name: 'to_state' }) toState!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
}

/** First result of a command sent with an Idempotency-Key, replayed on a retry (for RETENTION_IDEMPOTENCY_HOURS). */
@Entity('idempotency_keys')
@Index('IDX_idempotency_keys_created', ['createdAt'])
export class IdempotencyRecord {
  @PrimaryColumn('uuid', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('text') key!: string;
  @Column('text', { name: 'request_hash' }) requestHash!: string;
  @Column('int') status!: number;
  @Column('jsonb') response!: unknown;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
