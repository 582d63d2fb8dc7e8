import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from '../cases/case.entities';
import { HandoffRecord } from '../handoffs/handoff.entity';
import { Agency, User } from '../identity/identity.entities';

/** A file on a case or on one of its handoffs; the bytes are elsewhere, encrypted (README). */
@Entity('attachments')
@Check('CHK_attachments_category', `"category" IN ('medical_certificate','forensic_result','police_record','school_letter','photo','audio','decision_scan','other')`)
@Check('CHK_attachments_storage', `"storage" IN ('local','s3')`)
@Check('CHK_attachments_size', `"size" > 0`)
@Check('CHK_attachments_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('CHK_attachments_filename', `char_length("filename") BETWEEN 1 AND 255`)
@Index('IDX_attachments_case', ['caseId'])
@Index('IDX_attachments_handoff', ['handoffId'])
@Index('UQ_attachments_storage_key', ['storage', 'storageKey'], { unique: true })
export class AttachmentRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @ManyToOne(() => CaseRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_attachments_case' })
  case?: CaseRecord;
  @Column('uuid', { name: 'handoff_id', nullable: true }) handoffId!: string | null;
  @ManyToOne(() => HandoffRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handoff_id', foreignKeyConstraintName: 'FK_attachments_handoff' })
  handoff?: HandoffRecord;
  /** The uploader's partner agency; null for commune staff. */
  @Column('uuid', { name: 'agency_id', nullable: true }) agencyId!: string | null;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_attachments_agency' })
  agency?: Agency;
  @Column('uuid', { name: 'uploaded_by' }) uploadedBy!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'FK_attachments_uploaded_by' })
  uploader?: User;
  @Column('text') filename!: string;
  @Column('text', { name: 'media_type' }) mediaType!: string;
  /** Bytes of the plaintext. */
  @Column('bigint') size!: string;
  /** SHA-256 of the plaintext, hex. */
  @Column('text') sha256!: string;
  @Column('text') category!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text') storage!: string;
  @Column('text', { name: 'storage_key' }) storageKey!: string;
  /** The file's data key, wrapped (AES-256-GCM) by the master key `key_id`. */
  @Column('bytea', { name: 'wrapped_key' }) wrappedKey!: Buffer;
  @Column('text', { name: 'key_id' }) keyId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
