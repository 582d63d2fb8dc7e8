import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROLES } from '../roles';

export class DirectoryQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) communeCode?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
}
