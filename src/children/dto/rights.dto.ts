import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, ValidateIf, ValidateNested } from 'class-validator';
import { OBJECT } from './child-fields.dto';
import { RequesterView } from './child.response';

/** Who asks for a correction or a restriction (NĐ 13/2023 Điều 9: the data subject, or for a child their parent or guardian). */
export const REQUESTER_KINDS = ['child', 'parent', 'guardian', 'official', 'worker'] as const;
/** The record's fields a correction may change: one value each (the others are edited with the record, PATCH). */
export const CORRECTABLE_FIELDS = [
  'fullName', 'sex', 'dateOfBirth', 'personalId', 'ethnicity', 'residenceCommuneCode', 'village', 'currentAddress', 'school', 'schoolClass',
] as const;
export const CONSENT_PURPOSES = ['alternative_care', 'information_sharing', 'media', 'counselling', 'other'] as const;
export const CONSENT_GIVERS = ['child', 'parent', 'guardian'] as const;
export const CONSENT_METHODS = ['written', 'oral_recorded'] as const;

const REASON = { message: 'Lý do từ 3 đến 2000 ký tự / reason: 3 to 2000 characters' };
const text = (field: string) => ({ message: `${field} phải là chuỗi ký tự / ${field} must be text` });

export class RequesterDto {
  @ApiProperty({ enum: REQUESTER_KINDS, enumName: 'RequesterKind' })
  @IsIn(REQUESTER_KINDS, { message: `Người yêu cầu phải là một trong ${REQUESTER_KINDS.join(', ')} / kind must be one of ${REQUESTER_KINDS.join(', ')}` })
  kind!: (typeof REQUESTER_KINDS)[number];
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString(text('name')) @Length(1, 200, { message: 'Tên từ 1 đến 200 ký tự / name: 1 to 200 characters' })
  name?: string;
}

/** `POST /children/:id/corrections`: one field of the record corrected on a request, with why. */
export class CorrectionDto {
  @ApiProperty({ enum: CORRECTABLE_FIELDS, enumName: 'CorrectableField' })
  @IsIn(CORRECTABLE_FIELDS, { message: `Trường phải là một trong ${CORRECTABLE_FIELDS.join(', ')} / field must be one of ${CORRECTABLE_FIELDS.join(', ')}` })
  field!: (typeof CORRECTABLE_FIELDS)[number];
  @ApiProperty({ type: String, nullable: true, description: 'The correct value, as the field takes it in PATCH /children/:id (null clears it; sex cannot be cleared)' })
  @ValidateIf((_, v) => v !== null) @IsString(text('value')) @Length(1, 500, { message: 'Giá trị từ 1 đến 500 ký tự / value: 1 to 500 characters' })
  value!: string | null;
  @ApiProperty({ minLength: 3, maxLength: 2000 }) @IsString(text('reason')) @Length(3, 2000, REASON) reason!: string;
  @ApiProperty({ type: RequesterDto })
  @IsDefined({ message: 'Phải ghi người yêu cầu / requestedBy is required' }) @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => RequesterDto)
  requestedBy!: RequesterDto;
  @ApiPropertyOptional({ maxLength: 2000, description: 'What shows the correct value (a birth certificate, its number…)' })
  @IsOptional() @IsString(text('evidence')) @Length(1, 2000, { message: 'Chứng cứ từ 1 đến 2000 ký tự / evidence: 1 to 2000 characters' })
  evidence?: string;
}

export class CorrectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CORRECTABLE_FIELDS, enumName: 'CorrectableField' }) field!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: () => RequesterView }) requestedBy!: RequesterView;
  @ApiProperty({ type: String, nullable: true }) evidence!: string | null;
  @ApiProperty({ format: 'uuid' }) correctedBy!: string;
  @ApiProperty() correctedByName!: string;
  @ApiProperty() correctedAt!: Date;
  @ApiProperty({ description: 'Whether the values are shown: to the commune’s supervisors only' }) valuesShown!: boolean;
  @ApiProperty({ type: String, nullable: true }) previousValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) newValue!: string | null;
}

export class CorrectionList {
  @ApiProperty({ type: () => [CorrectionView], description: 'Newest first' }) items!: CorrectionView[];
}

/** `PUT /children/:id/restriction`: why the record's processing is restricted, on what basis, at whose request. */
export class RestrictionDto {
  @ApiProperty({ minLength: 3, maxLength: 2000 }) @IsString(text('reason')) @Length(3, 2000, REASON) reason!: string;
  @ApiProperty({ maxLength: 500, example: 'NĐ 13/2023/NĐ-CP Điều 9 khoản 7' })
  @IsString(text('basis')) @Length(3, 500, { message: 'Căn cứ từ 3 đến 500 ký tự / basis: 3 to 500 characters' }) basis!: string;
  @ApiProperty({ type: RequesterDto })
  @IsDefined({ message: 'Phải ghi người yêu cầu / requestedBy is required' }) @IsObject({ message: OBJECT }) @ValidateNested() @Type(() => RequesterDto)
  requestedBy!: RequesterDto;
}

/** `DELETE /children/:id/restriction` and `POST /consents/:id/withdraw`: why. */
export class ReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 2000 }) @IsString(text('reason')) @Length(3, 2000, REASON) reason!: string;
}

/** `POST /children/:id/consents`: a consent given for one purpose, by the child or a parent or guardian. */
export class ConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES, enumName: 'ConsentPurpose' })
  @IsIn(CONSENT_PURPOSES, { message: `Mục đích phải là một trong ${CONSENT_PURPOSES.join(', ')} / purpose must be one of ${CONSENT_PURPOSES.join(', ')}` })
  purpose!: (typeof CONSENT_PURPOSES)[number];
  @ApiPropertyOptional({ maxLength: 500, description: 'Required when purpose is `other`: what the data is processed for' })
  @ValidateIf((o: ConsentDto) => o.purpose === 'other' || o.purposeText !== undefined)
  @IsString({ message: 'Mục đích khác: phải mô tả / purposeText is required for the purpose other' })
  @Length(3, 500, { message: 'Mục đích khác từ 3 đến 500 ký tự / purposeText: 3 to 500 characters' })
  purposeText?: string;
  @ApiProperty({ enum: CONSENT_GIVERS, enumName: 'ConsentGiver' })
  @IsIn(CONSENT_GIVERS, { message: `Người đồng ý phải là một trong ${CONSENT_GIVERS.join(', ')} / givenBy must be one of ${CONSENT_GIVERS.join(', ')}` })
  givenBy!: (typeof CONSENT_GIVERS)[number];
  @ApiProperty({ maxLength: 200, description: 'Who gave it' })
  @IsString(text('name')) @Length(1, 200, { message: 'Tên từ 1 đến 200 ký tự / name: 1 to 200 characters' }) name!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'Thời điểm đồng ý phải là ngày giờ ISO 8601 / givenAt must be an ISO 8601 date-time' }) givenAt!: string;
  @ApiProperty({ enum: CONSENT_METHODS, enumName: 'ConsentMethod' })
  @IsIn(CONSENT_METHODS, { message: `Hình thức phải là một trong ${CONSENT_METHODS.join(', ')} / method must be one of ${CONSENT_METHODS.join(', ')}` })
  method!: (typeof CONSENT_METHODS)[number];
  @ApiPropertyOptional({ format: 'uuid', description: 'The signed form or the recording, a file on one of the child’s cases' })
  @IsOptional() @IsUUID('all', { message: 'attachmentId phải là UUID / attachmentId must be a UUID' }) attachmentId?: string;
}

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ enum: CONSENT_PURPOSES, enumName: 'ConsentPurpose' }) purpose!: string;
  @ApiProperty({ type: String, nullable: true }) purposeText!: string | null;
  @ApiProperty({ enum: CONSENT_GIVERS, enumName: 'ConsentGiver' }) givenBy!: string;
  @ApiProperty() name!: string;
  @ApiProperty() givenAt!: Date;
  @ApiProperty({ enum: CONSENT_METHODS, enumName: 'ConsentMethod' }) method!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) attachmentId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The child’s age in full years when it was given (null: unknown)' }) childAgeYears!: number | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) withdrawnAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) withdrawalReason!: string | null;
}

/** Whether a purpose is consented now: a parent's or guardian's consent, and from the age of 7 the child's too. */
export class ConsentStatus {
  @ApiProperty({ enum: CONSENT_PURPOSES, enumName: 'ConsentPurpose' }) purpose!: string;
  @ApiProperty({ type: String, nullable: true }) purposeText!: string | null;
  @ApiProperty({ description: 'The child’s own consent is needed (aged 7 or more, or of unknown age)' }) childNeeded!: boolean;
  @ApiProperty() byChild!: boolean;
  @ApiProperty() byParentOrGuardian!: boolean;
  @ApiProperty() complete!: boolean;
}

export class ConsentList {
  @ApiProperty({ type: 'integer', nullable: true, description: 'The child’s age today (null: unknown)' }) childAgeYears!: number | null;
  @ApiProperty({ type: () => [ConsentView], description: 'Newest first, withdrawn ones too' }) items!: ConsentView[];
  @ApiProperty({ type: () => [ConsentStatus], description: 'Per purpose with a consent in force' }) purposes!: ConsentStatus[];
}
