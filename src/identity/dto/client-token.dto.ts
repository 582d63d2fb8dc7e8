import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional, IsString, Length } from 'class-validator';

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4), as a form or JSON; credentials here or in HTTP Basic. */
export class ClientTokenDto {
  @ApiProperty({ enum: ['client_credentials'] })
  @Equals('client_credentials', { message: 'grant_type phải là client_credentials / grant_type must be client_credentials' })
  grant_type!: string;

  @ApiPropertyOptional({ description: 'Space-separated scopes, among those granted to the client (default: all of them)', example: 'intake:write' })
  @IsOptional() @IsString() @Length(0, 200)
  scope?: string;

  @ApiPropertyOptional({ description: 'The client id, unless sent with HTTP Basic' })
  @IsOptional() @IsString() @Length(1, 100)
  client_id?: string;

  @ApiPropertyOptional({ description: 'The client secret, unless sent with HTTP Basic' })
  @IsOptional() @IsString() @Length(1, 200)
  client_secret?: string;
}

export class ClientTokenResponseDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty({ description: 'Seconds the token lasts' }) expires_in!: number;
  @ApiProperty({ description: 'Space-separated scopes the token carries' }) scope!: string;
}
