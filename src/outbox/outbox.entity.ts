import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Messages written in a command's transaction, relayed to BullMQ by the worker after commit. */
@Entity('outbox')
@Index('IDX_outbox_unprocessed', ['id'], { where: 'processed_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('text') topic!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'processed_at', nullable: true }) processedAt!: Date | null;
}
