import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ChildRecord } from '../children/child.entity';
import { Commune, User } from '../identity/identity.entities';

/**
 * A child's entry on the commune's register of children in special circumstances (Luật Trẻ em 2016
 * Điều 10, 52 khoản 1): workflow `special-circumstances-support`, its state in `status` (the
 * register's statuses), the groups that apply, the whole workflow context in `snapshot`. At most one
 * open entry per child. Oversight counts registered vs supported per commune from here.
 */
@Entity('child_supports')
@Check('CHK_child_supports_status', `"status" IN ('registered','assessed','supported','reviewing','exited')`)
@Check('CHK_child_supports_groups', `cardinality("groups") > 0`)
@Index('UQ_child_supports_open_child', ['childId'], { unique: true, where: `status <> 'exited'` })
@Index('IDX_child_supports_commune_status', ['communeCode', 'status'])
export class ChildSupportRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'child_id' }) childId!: string;
  @ManyToOne(() => ChildRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id' })
  child?: ChildRecord;
  @Column('text', { name: 'commune_code' }) communeCode!: string;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune;
  @Column('text') status!: string;
  @Column('text', { array: true }) groups!: string[];
  @Column('text') workflow!: string;
  @Column('int', { name: 'workflow_version' }) workflowVersion!: number;
  @Column('jsonb') snapshot!: { value: unknown; context: Record<string, unknown> };
  @Column('int') version!: number;
  @Column('uuid', { name: 'registered_by' }) registeredBy!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'registered_by' })
  registrar?: User;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'exited_at', nullable: true }) exitedAt!: Date | null;
  @Column('text', { name: 'exit_reason', nullable: true }) exitReason!: string | null;
}

/** The policies and services a support grants (projected from its workflow context on every change). */
@Entity('child_support_services')
@Check('CHK_child_support_services_kind', `"kind" IN ('social_assistance','alternative_care','education','health')`)
@Check('CHK_child_support_services_dates', `"ended_on" IS NULL OR "ended_on" >= "granted_on"`)
export class ChildSupportServiceRecord {
  @PrimaryColumn('uuid', { name: 'support_id' }) supportId!: string;
  @ManyToOne(() => ChildSupportRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_id' })
  support?: ChildSupportRecord;
  @PrimaryColumn('int') seq!: number;
  @Column('text') kind!: string;
  @Column('text') detail!: string;
  @Column('date', { name: 'granted_on' }) grantedOn!: string;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!: string | null;
}

/** A support's timeline: one row per transition (`seq` = the version it produced). */
@Entity('child_support_events')
export class ChildSupportEventRecord {
  @PrimaryColumn('uuid', { name: 'support_id' }) supportId!: string;
  @ManyToOne(() => ChildSupportRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_id' })
  support?: ChildSupportRecord;
  @PrimaryColumn('int') seq!: number;
  @Column('text') type!: string;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('text', { name: 'from_state', nullable: true }) fromState!: string | null;
  @Column('text', { name: 'to_state' }) toState!: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
}
