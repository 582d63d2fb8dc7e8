import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { CaseLegalHold } from '../../cases/dto/case.response';

/** `PUT /cases/:id/legal-hold`: why the closed case must be kept whole (a proceeding, an inspection, a request of the court). */
export class LegalHoldDto {
  @ApiProperty({ minLength: 3, maxLength: 2000, description: 'Lý do / Why (the proceeding or request it serves)' })
  @IsString({ message: 'Lý do phải là chuỗi / reason must be a string' })
  @Length(3, 2000, { message: 'Lý do từ 3 đến 2000 ký tự / reason: 3 to 2000 characters' })
  reason!: string;
}

/** `DELETE /cases/:id/legal-hold`: why the hold ends (recorded with the lifting). */
export class LiftLegalHoldDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 2000, description: 'Lý do / Why the hold ends (the proceeding closed…)' })
  @IsOptional()
  @IsString({ message: 'Lý do phải là chuỗi / reason must be a string' })
  @Length(3, 2000, { message: 'Lý do từ 3 đến 2000 ký tự / reason: 3 to 2000 characters' })
  reason?: string;
}

export class LegalHoldResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: () => CaseLegalHold, nullable: true, description: 'null: no hold (the case is anonymised on time once closed)' })
  legalHold!: CaseLegalHold | null;
}
