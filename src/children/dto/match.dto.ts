import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { ChildDescriptionDto, OBJECT } from './child-fields.dto';

/** `POST /children/matches`: the likely registry records of a child being reported in a commune. */
export class MatchChildDto {
  @ApiProperty({ example: 'van-son', description: 'The commune of the report: candidates come from its province' })
  @IsString() @Length(1, 64) communeCode!: string;
  @ApiProperty({ type: ChildDescriptionDto })
  @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ChildDescriptionDto) child!: ChildDescriptionDto;
}
