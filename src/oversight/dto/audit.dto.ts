import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class AuditQuery extends PageQuery {
  @ApiProperty({ description: 'The case whose audit trail to read (must be in your scope)' })
  @IsUUID() caseId!: string;
}
