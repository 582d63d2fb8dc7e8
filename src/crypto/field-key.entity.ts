import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A data key of encrypted fields, stored only wrapped by the master key `master_key_id` (src/crypto/). */
@Entity('field_keys')
export class FieldKeyRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'master_key_id' }) masterKeyId!: string;
  @Column('bytea') wrapped!: Buffer;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'rewrapped_at', nullable: true }) rewrappedAt!: Date | null;
}

/** A backfill of clear fields that has finished (its scans are not run again). */
@Entity('field_backfills')
export class FieldBackfillRecord {
  @PrimaryColumn('text') name!: string;
  @Column('timestamptz', { name: 'done_at', default: () => 'now()' }) doneAt!: Date;
}
