import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../common/dto/page.response';
import type { AuditEntryView } from '../audit-trail.service';
import type { ChainVerification } from '../../audit/audit.service';

// Each class `implements` the type its controller or service returns, so a change of shape there fails the build here.

export class AuditVerification implements ChainVerification {
  @ApiProperty({ description: 'The whole chain holds' }) ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Rows recomputed' }) checked!: number;
  @ApiProperty({ type: 'integer', description: 'Rows written but not yet sealed into the chain (normally sealed within a second)' }) unsealed!: number;
  @ApiPropertyOptional({ description: 'The id of the first row that does not hold' }) firstBadId?: string;
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
