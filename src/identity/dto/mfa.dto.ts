import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class MfaCodeDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator app shows now', example: '123456' })
  @IsString() @Matches(/^\d{6}$/)
  code!: string;
}

/** A current code or, instead, one unused recovery code. */
export class MfaAnswerDto {
  @ApiPropertyOptional({ description: 'The 6-digit code the authenticator app shows now' })
  @IsOptional() @IsString() @Matches(/^\d{6}$/)
  code?: string;

  @ApiPropertyOptional({ description: 'One of the recovery codes given at enrolment (each works once)' })
  @IsOptional() @IsString() @Length(8, 40)
  recoveryCode?: string;
}

export class MfaVerifyDto extends MfaAnswerDto {
  @ApiProperty({ description: 'The mfaToken of the sign-in answer' })
  @IsString() @Length(20, 100)
  mfaToken!: string;
}

export class OidcExchangeDto {
  @ApiProperty({ description: 'The one-time code the OpenID Connect callback gave the console' })
  @IsString() @Length(20, 100)
  code!: string;
}
