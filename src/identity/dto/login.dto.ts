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
