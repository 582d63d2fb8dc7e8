import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'vanson.social_worker' })
  @IsString() @Length(1, 100)
  username!: string;

  @ApiProperty({ example: 'baove-demo-2026' })
  @IsString() @Length(1, 200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last login or refresh answer (each is used once)' })
  @IsString() @Length(20, 200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString() @Length(1, 200)
  currentPassword!: string;

  @ApiProperty({ description: '10 to 200 characters, not easy to guess, not containing the user name' })
  @IsString() @Length(1, 1000)
  newPassword!: string;
}
