import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { SEXES } from '../../../workflows/vocabulary';
import { ChildFieldsDto } from './child-fields.dto';

/** `PATCH /children/:id`: the fields sent replace the record's; `null` clears one. */
export class UpdateChildDto extends ChildFieldsDto {
  @ApiProperty({ type: 'integer', description: 'The record’s version as read: a change made since is a 409' })
  @IsInt() @Min(1) expectedVersion!: number;
  @ApiPropertyOptional({ enum: SEXES, enumName: 'Sex' }) @IsOptional() @IsIn(SEXES) sex?: (typeof SEXES)[number];
}
