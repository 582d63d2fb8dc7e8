import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../common/dto/page.response';
import type { AuditEntryView, CheckpointList } from '../audit-trail.service';
import type { ChainProblem, ChainVerification, FullVerificationProgress } from '../../audit/audit.service';
import type { Checkpoint } from '../../audit/audit-checkpoints';
import type { FullVerificationStatus } from '../../audit/audit-verify-queue';

const PROBLEMS: ChainProblem[] = ['broken_link', 'checkpoint_mismatch', 'truncated', 'bad_checkpoint'];

export class CheckpointRef {
  @ApiProperty({ type: 'integer', description: 'The chain length the checkpoint anchors' }) seq!: number;
  @ApiProperty({ description: 'When it was taken (ISO time)' }) at!: string;
}

// Each class `implements` the type its controller or service returns, so a change of shape there fails the build here.

export class AuditVerification implements ChainVerification {
  @ApiProperty({ description: 'The chain holds (from the last checkpoint on; in a full verification, all of it)' }) ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Rows recomputed' }) checked!: number;
  @ApiProperty({ type: 'integer', description: 'Rows written but not yet sealed into the chain (normally sealed within a second)' }) unsealed!: number;
  @ApiPropertyOptional({ description: 'The id of the first row that does not hold' }) firstBadId?: string;
  @ApiPropertyOptional({ enum: PROBLEMS, description: 'Why it does not hold' }) problem?: ChainProblem;
  @ApiPropertyOptional({ type: () => CheckpointRef, nullable: true, description: 'The external checkpoint verified from (null: from the start)' })
  fromCheckpoint?: CheckpointRef | null;
  @ApiPropertyOptional({ type: 'integer', description: 'The chain’s length when verified' }) length?: number;
}

export class AuditVerificationProgress implements FullVerificationProgress {
  @ApiProperty({ type: 'integer' }) checked!: number;
  @ApiProperty({ type: 'integer', description: 'The chain’s length when the verification started' }) total!: number;
}

export class AuditFullVerification implements FullVerificationStatus {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'] }) state!: FullVerificationStatus['state'];
  @ApiProperty({ type: () => AuditVerificationProgress }) progress!: AuditVerificationProgress;
  @ApiProperty({ type: () => AuditVerification, nullable: true, description: 'The outcome, once completed' }) result!: AuditVerification | null;
  @ApiProperty() requestedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) finishedAt!: Date | null;
}

export class AuditCheckpoint implements Checkpoint {
  @ApiProperty({ type: 'integer', description: 'The chain’s length (its head row’s seq)' }) seq!: number;
  @ApiProperty({ description: 'The head row’s hash' }) head!: string;
  @ApiProperty({ description: 'When it was taken (ISO time)' }) at!: string;
  @ApiProperty({ enum: ['ed25519', 'hmac-sha256'] }) alg!: Checkpoint['alg'];
  @ApiProperty({ description: 'Signature of "baove-audit-checkpoint:v1\\n<seq>\\n<head>\\n<at>", base64' }) sig!: string;
}

export class AuditCheckpointList implements CheckpointList {
  @ApiProperty({ enum: ['ed25519', 'hmac-sha256'] }) algorithm!: Checkpoint['alg'];
  @ApiProperty({ type: String, nullable: true, description: 'Ed25519 public key (raw 32 bytes, base64) when checkpoints are signed with one' }) publicKey!: string | null;
  @ApiProperty({ type: () => [AuditCheckpoint] }) items!: AuditCheckpoint[];
}

export class AuditActor {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id!: string | null;
  @ApiProperty() role!: string;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ type: String, nullable: true }) fullName!: string | null;
}

export class AuditEntry implements AuditEntryView {
  @ApiProperty({ description: 'A big integer, as text' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its place in the hash chain (a big integer, as text)' }) seq!: string | null;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: () => AuditActor }) actor!: AuditActor;
  @ApiProperty({ example: 'case.read' }) action!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId!: string | null;
  @ApiProperty() entity!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'null until the sealer has placed the row in the hash chain' }) hash!: string | null;
}

export class AuditEntryPage extends PageOf(AuditEntry) {}
