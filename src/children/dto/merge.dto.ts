import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

/** `POST /children/merges`: the source's cases move to the target; the source is retired. */
export class MergeChildrenDto {
  @ApiProperty({ format: 'uuid', description: 'The record retired' }) @IsUUID('all', { message: 'sourceId phải là UUID / sourceId must be a UUID' }) sourceId!: string;
  @ApiProperty({ format: 'uuid', description: 'The record kept' }) @IsUUID('all', { message: 'targetId phải là UUID / targetId must be a UUID' }) targetId!: string;
  @ApiProperty({ description: 'Why the two records are one child' }) @IsString() @Length(1, 2000) reason!: string;
}
