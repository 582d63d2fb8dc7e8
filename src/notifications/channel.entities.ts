import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../identity/identity.entities';
import { NotificationRecord } from './notification.entity';

/** A user's e-mail address or phone number, usable once verified by a code sent through it. */
@Entity('user_contacts')
@Check('CHK_user_contacts_kind', `"kind" IN ('email','phone')`)
export class UserContact {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_contacts_user' })
  user?: User;
  @PrimaryColumn('text') kind!: 'email' | 'phone';
  @Column('text') value!: string;
  @Column('timestamptz', { name: 'verified_at', nullable: true }) verifiedAt!: Date | null;
  /** SHA-256 of the pending verification code; null once verified. */
  @Column('text', { name: 'code_hash', nullable: true }) codeHash!: string | null;
  @Column('timestamptz', { name: 'code_expires_at', nullable: true }) codeExpiresAt!: Date | null;
  @Column('int', { name: 'code_attempts', default: 0 }) codeAttempts!: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** A user's preferences: language, quiet hours (minutes after local midnight), channels per kind. */
@Entity('notification_settings')
@Check('CHK_notification_settings_language', `"language" IN ('vi','en')`)
export class NotificationSettings {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_settings_user' })
  user?: User;
  @Column('text', { default: 'vi' }) language!: 'vi' | 'en';
  @Column('smallint', { name: 'quiet_start', nullable: true }) quietStart!: number | null;
  @Column('smallint', { name: 'quiet_end', nullable: true }) quietEnd!: number | null;
  /** kind → ordered channels (the first that works is used, the next on failure). */
  @Column('jsonb', { default: () => `'{}'` }) channels!: Record<string, string[]>;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** A browser's Web Push subscription (one per device), owned by the user who made it. */
@Entity('push_subscriptions')
@Index('IDX_push_subscriptions_user', ['userId'])
export class PushSubscriptionRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_push_subscriptions_user' })
  user?: User;
  @Index('UQ_push_subscriptions_endpoint', { unique: true })
  @Column('text') endpoint!: string;
  @Column('text') p256dh!: string;
  @Column('text') auth!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

/** One message of one notification on one channel: its state, attempts and the provider's answer. */
@Entity('notification_deliveries')
@Check('CHK_notification_deliveries_status', `"status" IN ('queued','sending','sent','delivered','failed')`)
@Check('CHK_notification_deliveries_channel', `"channel" IN ('email','sms','zalo','push')`)
@Index('IDX_notification_deliveries_status', ['status', 'updatedAt'])
@Index('IDX_notification_deliveries_created', ['createdAt'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'notification_id' }) notificationId!: string;
  @ManyToOne(() => NotificationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'FK_notification_deliveries_notification' })
  notification?: NotificationRecord;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') channel!: string;
  /** `<notification id>-<channel>`: one message per notification and channel, ever; given to providers that accept one. */
  @Index('UQ_notification_deliveries_dedupe', { unique: true })
  @Column('text', { name: 'dedupe_key' }) dedupeKey!: string;
  /** The address it goes to (e-mail, phone, or the push subscription's id), fixed when queued. */
  @Column('text') address!: string;
  @Column('text') status!: string;
  @Column('boolean') urgent!: boolean;
  @Column('int', { default: 0 }) attempts!: number;
  @Column('text', { name: 'provider_id', nullable: true }) providerId!: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  /** Not before this instant (quiet hours). */
  @Column('timestamptz', { name: 'not_before' }) notBefore!: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
}

/** An urgent alert waiting for someone to acknowledge it; unanswered, the next rung is alerted early. */
@Entity('notification_acks')
@Index('IDX_notification_acks_case', ['caseId'])
export class NotificationAck {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('UQ_notification_acks_token', { unique: true })
  @Column('text') token!: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  @Column('text') template!: string;
  /** The deadline rung it alerts about (breach or escalation), whose next rung an unanswered alert brings forward. */
  @Column('uuid', { name: 'deadline_id', nullable: true }) deadlineId!: string | null;
  @Column('int', { nullable: true }) level!: number | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt!: Date | null;
  @Column('uuid', { name: 'acknowledged_by', nullable: true }) acknowledgedBy!: string | null;
  @Column('timestamptz', { name: 're_escalated_at', nullable: true }) reEscalatedAt!: Date | null;
}
