import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { statesOf, TRANSFER_WORKFLOW } from '../../../workflows';
import { PageQuery } from '../../common/pagination';

export const TRANSFER_KINDS = ['handover', 'transfer'] as const;
/** Every state of every `commune-transfer` version, from the machines. */
export const TRANSFER_STATES = statesOf('handoff', TRANSFER_WORKFLOW);

export class TransferResidenceDto {
  @ApiPropertyOptional({ description: 'Thôn, xóm, bản, tổ dân phố' }) @IsOptional() @IsString() @Length(1, 200) village?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) address?: string;
}

/**
 * A request that another commune take the case: `handover` to the child's residence commune once
 * the assessment is recorded (Luật Trẻ em Điều 52 k2), or `transfer` when the child moved (to any
 * commune, in or outside the province), with the child's new residence.
 */
export class RequestTransferDto {
  @ApiProperty({ enum: TRANSFER_KINDS, enumName: 'TransferKind' }) @IsIn(TRANSFER_KINDS) kind!: (typeof TRANSFER_KINDS)[number];
  @ApiProperty({ example: 'ngoc-lien', description: 'The receiving commune (for a handover: the child’s residence commune)' })
  @IsString() @Length(1, 64) toCommuneCode!: string;
  @ApiProperty({ description: 'Why the case should pass to that commune' }) @IsString() @Length(1, 2000) reason!: string;
  @ApiPropertyOptional({ type: TransferResidenceDto, description: 'The child’s new residence in the receiving commune (kind `transfer` only)' })
  @IsOptional() @IsObject({ message: 'Phải là một đối tượng (không phải danh sách) / Must be an object, not a list' })
  @ValidateNested() @Type(() => TransferResidenceDto)
  residence?: TransferResidenceDto;
}

export class ListTransfersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], description: 'Asked of the caller’s commune(s), or asked by them; none: both' })
  @IsOptional() @IsIn(['incoming', 'outgoing']) direction?: 'incoming' | 'outgoing';
  @ApiPropertyOptional({ enum: [...TRANSFER_STATES, 'open', 'all'], description: '`open`: awaiting a decision; `all` (or none): every state' })
  @IsOptional() @IsIn([...TRANSFER_STATES, 'open', 'all']) status?: string;
}
