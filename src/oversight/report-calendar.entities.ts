import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Commune, Province, User } from '../identity/identity.entities';

/** `MM-DD`, a day of the year. */
const MONTH_DAY = `'^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`;

/**
 * A province's calendar of one report (`six_month`, `annual`): the period's first day and cut-off
 * day and the due date as days of the year (`MM-DD`), and to whom the report goes. Editable by the
 * province's administrators (`PUT /report-calendar/:kind`).
 */
@Entity('report_calendars')
@Check('CHK_report_calendars_kind', `"kind" IN ('six_month', 'annual')`)
@Check('CHK_report_calendars_days', `"period_start" ~ ${MONTH_DAY} AND "period_end" ~ ${MONTH_DAY} AND "due" ~ ${MONTH_DAY}`)
export class ReportCalendarRecord {
  @PrimaryColumn('text', { name: 'province_code', primaryKeyConstraintName: 'PK_report_calendars' }) provinceCode!: string;
  @ManyToOne(() => Province, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'province_code', foreignKeyConstraintName: 'FK_report_calendars_province' })
  province?: Province;
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_report_calendars' }) kind!: string;
  @Column('text', { name: 'period_start' }) periodStart!: string;
  @Column('text', { name: 'period_end' }) periodEnd!: string;
  @Column('text') due!: string;
  @Column('text') recipients!: string;
  @Column('int', { default: 1 }) version!: number;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'FK_report_calendars_updated_by' })
  updater?: User;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** A commune's report of a period (`2026-H1`, `2026`): drafted, approved by the chair, sent — who and when. */
@Entity('report_statuses')
@Check('CHK_report_statuses_status', `"status" IN ('drafted', 'approved', 'sent')`)
@Check('CHK_report_statuses_period', `"period" ~ '^[0-9]{4}(-H1)?$'`)
export class ReportStatusRecord {
  @PrimaryColumn('text', { name: 'commune_code', primaryKeyConstraintName: 'PK_report_statuses' }) communeCode!: string;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code', foreignKeyConstraintName: 'FK_report_statuses_commune' })
  commune?: Commune;
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_report_statuses' }) period!: string;
  @Column('text') status!: string;
  @Column('uuid', { name: 'drafted_by', nullable: true }) draftedBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'drafted_by', foreignKeyConstraintName: 'FK_report_statuses_drafted_by' })
  drafter?: User;
  @Column('timestamptz', { name: 'drafted_at', nullable: true }) draftedAt!: Date | null;
  @Column('uuid', { name: 'approved_by', nullable: true }) approvedBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by', foreignKeyConstraintName: 'FK_report_statuses_approved_by' })
  approver?: User;
  @Column('timestamptz', { name: 'approved_at', nullable: true }) approvedAt!: Date | null;
  @Column('uuid', { name: 'sent_by', nullable: true }) sentBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sent_by', foreignKeyConstraintName: 'FK_report_statuses_sent_by' })
  sender?: User;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
  @Column('int', { default: 1 }) version!: number;
}
