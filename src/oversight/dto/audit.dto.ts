import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class AuditQuery extends PageQuery {
  @ApiProperty({ description: 'The case whose audit trail to read (must be in your scope)' })
  @IsUUID() caseId!: string;
}

export class CheckpointQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Only checkpoints after this chain length (what you archived last)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'afterSeq phải là số nguyên / afterSeq must be a whole number' })
  @Min(0, { message: 'afterSeq không được âm / afterSeq must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'afterSeq quá lớn / afterSeq is too large' })
  afterSeq?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit phải là số nguyên / limit must be a whole number' })
  @Min(1, { message: 'limit ít nhất là 1 / limit must be at least 1' }) @Max(1000, { message: 'limit nhiều nhất là 1000 / limit must be at most 1000' })
  limit: number = 100;
}
