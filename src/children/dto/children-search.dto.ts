import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { RANKED_MATCHES } from '../children-search.repository';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SEXES } from '../../../workflows/vocabulary';
import { PageOf } from '../../common/dto/page.response';
import { PageQuery } from '../../common/pagination';

/** What `matched` may name: the fields of the record the search text was found in. */
export const SEARCH_MATCHED_FIELDS = [
  'fullName', 'otherNames', 'fatherName', 'motherName', 'carerName', 'village', 'fatherPhone', 'motherPhone', 'carerPhone', 'personalId',
] as const;

/** `GET /children`: the search text and the filters, all optional. */
export class SearchChildrenQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'A name (with or without diacritics, a typo, any word order), a parent’s or the carer’s name, a village; '
      + '12 digits: the personal identification number; a phone number in any usual form: a parent’s or the carer’s phone',
    example: 'huong giang',
  })
  @IsOptional() @IsString({ message: 'q phải là chuỗi ký tự / q must be text' })
  @Length(1, 100, { message: 'q: 1–100 ký tự / q must be 1–100 characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'The commune of residence' })
  @IsOptional() @IsString({ message: 'communeCode phải là chuỗi ký tự / communeCode must be text' })
  @Length(1, 64, { message: 'communeCode: 1–64 ký tự / communeCode must be 1–64 characters' })
  communeCode?: string;

  @ApiPropertyOptional({ description: 'Thôn, xóm, bản, tổ dân phố (with or without diacritics)' })
  @IsOptional() @IsString({ message: 'village phải là chuỗi ký tự / village must be text' })
  @Length(1, 200, { message: 'village: 1–200 ký tự / village must be 1–200 characters' })
  village?: string;

  @ApiPropertyOptional({ enum: SEXES, enumName: 'Sex' })
  @IsOptional() @IsIn(SEXES, { message: `sex phải là một trong ${SEXES.join(', ')} / sex must be one of ${SEXES.join(', ')}` })
  sex?: (typeof SEXES)[number];

  @ApiPropertyOptional({ type: 'integer', minimum: 1900, maximum: 2100, description: 'From the date of birth, else the estimated age' })
  @IsOptional() @Type(() => Number)
  @IsInt({ message: 'birthYear phải là số nguyên / birthYear must be an integer' })
  @Min(1900, { message: 'birthYear từ 1900 / birthYear must be at least 1900' })
  @Max(2100, { message: 'birthYear đến 2100 / birthYear must be at most 2100' })
  birthYear?: number;
}

/** A registry record in a search result: enough to tell children apart, nothing more. */
export class ChildSearchItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) fullName!: string | null;
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) sex!: string;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' }) dateOfBirth!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'From the date of birth, else the estimated age' }) birthYear!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The estimated age today, when the date of birth is unknown' }) approxAgeYears!: number | null;
  @ApiProperty({ type: String, nullable: true }) residenceCommuneCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) communeName!: string | null;
  @ApiProperty({ type: String, nullable: true }) village!: string | null;
  @ApiProperty({ type: String, nullable: true }) fatherName!: string | null;
  @ApiProperty({ type: String, nullable: true }) motherName!: string | null;
  @ApiProperty({ type: 'integer', description: 'The child’s cases not closed, among those the caller may see' }) openCases!: number;
  @ApiProperty({
    type: 'integer', nullable: true, minimum: 0, maximum: 100,
    description: 'Relevance to q (100: the full name, the personal identification number; 95: the name in another order, a phone; '
      + 'less for a typo, part of the name, other names, parents’ names, the village); null without q',
  })
  score!: number | null;
  @ApiProperty({ enum: SEARCH_MATCHED_FIELDS, enumName: 'ChildSearchMatchedField', isArray: true, description: 'Where q was found' })
  matched!: string[];
}

export class ChildSearchPage extends PageOf(ChildSearchItem) {
  @ApiProperty({ description: `More than ${RANKED_MATCHES} records match: only the ${RANKED_MATCHES} best are ranked and paged (\`total\` counts those); add a word, the village or the year of birth` })
  totalCapped!: boolean;
}
