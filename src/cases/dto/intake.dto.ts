import { IsInstant } from '../../common/dto/is-instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsUUID,
  Length, Matches, ValidateBy, ValidateNested,
} from 'class-validator';
import { ABUSE_ENVIRONMENTS, ABUSE_TYPES, CHANNELS, INCIDENT_OUTCOMES, INCIDENT_TYPES, RECEIVED_VIA, REPORT_CATEGORIES } from '../../../workflows/vocabulary';
import { ChildDescriptionDto, OBJECT } from '../../children/dto/child-fields.dto';

/** A short answer of Mẫu số 01 (an address, where the child is), up to 500 characters. */
const SHORT_TEXT = { message: 'Từ 1 đến 500 ký tự / 1 to 500 characters' };

export class ReporterDto {
  @ApiProperty() @IsBoolean() anonymous!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^\+?[0-9 .-]{6,20}$/, { message: 'phone must be a phone number' }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) relationToChild?: string;
  @ApiPropertyOptional({ description: 'Mẫu số 01: the informant’s address (only if they agree to give it)' })
  @IsOptional() @IsString() @Length(1, 500, SHORT_TEXT) address?: string;
}

/** A free-text answer of Mẫu số 01, up to 5,000 characters. */
const FORM_TEXT = { message: 'Từ 1 đến 5000 ký tự / 1 to 5000 characters' };

/**
 * The reported child: every registry field (children/dto), and `id` to link the report to a
 * registry record (its fields then only fill what the record lacks). `address` is where the
 * report places the child (kept with the report; the record's current address when it has none).
 */
export class ChildDto extends ChildDescriptionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A registry child (POST /children/matches) this report is about' })
  @IsOptional() @IsUUID('all', { message: 'child.id phải là UUID / child.id must be a UUID' }) id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) address?: string;
}

export class IncidentDto {
  @ApiProperty({ enum: ABUSE_TYPES, isArray: true, description: 'The kinds of abuse; may be empty when `injuryTypes` names an accident or injury' })
  @IsArray() @ArrayMaxSize(ABUSE_TYPES.length) @ArrayUnique() @IsIn(ABUSE_TYPES, { each: true })
  @ValidateBy({
    name: 'abuseOrInjury',
    validator: { validate: (v, args) => !Array.isArray(v) || v.length > 0 || ((args?.object as IncidentDto).injuryTypes?.length ?? 0) > 0 },
  }, { message: 'Chọn ít nhất một hình thức xâm hại hoặc một loại tai nạn, thương tích / Choose at least one kind of abuse or of injury' })
  types!: Array<(typeof ABUSE_TYPES)[number]>;
  @ApiPropertyOptional({
    enum: INCIDENT_TYPES, enumName: 'IncidentType', isArray: true,
    description: 'Accidents and injuries (tai nạn thương tích, đuối nước) — not abuse: a child only injured is not counted as abused',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(INCIDENT_TYPES.length) @ArrayUnique()
  @IsIn(INCIDENT_TYPES, { each: true, message: 'Hãy chọn giá trị trong danh sách / Choose values from the list' })
  injuryTypes?: Array<(typeof INCIDENT_TYPES)[number]>;
  @ApiPropertyOptional({
    enum: INCIDENT_OUTCOMES, enumName: 'IncidentOutcome',
    description: 'Did the child die or suffer a serious injury? A death, a serious injury or a drowning opens an urgent report (báo cáo đột xuất)',
  })
  @IsOptional() @IsIn(INCIDENT_OUTCOMES, { message: 'Hãy chọn một giá trị trong danh sách / Choose a value from the list' })
  outcome?: (typeof INCIDENT_OUTCOMES)[number];
  @ApiPropertyOptional({
    enum: ABUSE_ENVIRONMENTS, enumName: 'AbuseEnvironment',
    description: 'Where the abuse happened (Thông tư 13/2021 indicator 0101 by environment): family, school, community, online…',
  })
  @IsOptional() @IsIn(ABUSE_ENVIRONMENTS, { message: 'Hãy chọn một giá trị trong danh sách / Choose a value from the list' })
  environment?: (typeof ABUSE_ENVIRONMENTS)[number];
  @ApiProperty() @IsString() @Length(1, 10_000) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() occurredAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) location?: string;
  // Mẫu số 01 (NĐ 56/2017/NĐ-CP Phụ lục): the report-receipt form's answers.
  @ApiPropertyOptional({ enum: REPORT_CATEGORIES, enumName: 'ReportCategory', description: 'Mẫu 01 “Trẻ em thuộc đối tượng”' })
  @IsOptional() @IsIn(REPORT_CATEGORIES, { message: 'Hãy chọn một giá trị trong danh sách / Choose a value from the list' })
  category?: (typeof REPORT_CATEGORIES)[number];
  @ApiPropertyOptional({ enum: RECEIVED_VIA, enumName: 'ReceivedVia', description: 'Mẫu 01 “Thông qua”: phone, in person, relayed by someone else…' })
  @IsOptional() @IsIn(RECEIVED_VIA, { message: 'Hãy chọn một giá trị trong danh sách / Choose a value from the list' })
  receivedVia?: (typeof RECEIVED_VIA)[number];
  @ApiPropertyOptional({ description: 'Where the child is now' }) @IsOptional() @IsString() @Length(1, 500, SHORT_TEXT) childWhereabouts?: string;
  @ApiPropertyOptional({ description: 'Mẫu 01 “Tình trạng trẻ em”' }) @IsOptional() @IsString() @Length(1, 5000, FORM_TEXT) childCondition?: string;
  @ApiPropertyOptional({ description: 'Mẫu 01 “Phỏng đoán hậu quả xảy ra cho trẻ em nếu không có hỗ trợ, can thiệp”' })
  @IsOptional() @IsString() @Length(1, 5000, FORM_TEXT) likelyConsequences?: string;
  @ApiPropertyOptional({ description: 'Mẫu 01 “Hoàn cảnh gia đình”' }) @IsOptional() @IsString() @Length(1, 5000, FORM_TEXT) familySituation?: string;
  @ApiPropertyOptional({ description: 'Mẫu 01 “Những hành động hỗ trợ, can thiệp đã thực hiện đối với trẻ em trước khi nhận thông tin”' })
  @IsOptional() @IsString() @Length(1, 5000, FORM_TEXT) actionsTaken?: string;
  @ApiPropertyOptional({ description: 'Mẫu 01 “Ghi thêm”' }) @IsOptional() @IsString() @Length(1, 5000, FORM_TEXT) notes?: string;
}

export class IntakeDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiPropertyOptional({ description: 'The sending system’s reference: the same channel + externalRef returns the same case' })
  @IsOptional() @IsString() @Length(1, 200) externalRef?: string;
  @ApiProperty({ description: 'When the report was received (may be in the past: deadlines count from it)' })
  @IsInstant() receivedAt!: string;
  @ApiProperty({ example: 'van-son' }) @IsString() @Length(1, 64) communeCode!: string;
  @ApiProperty({ type: ReporterDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ReporterDto) reporter!: ReporterDto;
  @ApiProperty({ type: ChildDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => ChildDto) child!: ChildDto;
  @ApiProperty({ type: IncidentDto }) @IsDefined() @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => IncidentDto) incident!: IncidentDto;
  @ApiProperty() @IsBoolean() immediateDanger!: boolean;
}
