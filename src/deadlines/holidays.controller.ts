import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { InvalidInput } from '../common/errors';
import { CurrentUser, Roles } from '../identity/auth.decorators';
import type { Principal } from '../identity/roles';
import { HolidaysService } from './holidays.service';

export class HolidayDto {
  @ApiProperty({ example: 'Tết Nguyên đán' }) @IsString() @Length(1, 200) nameVi!: string;
  @ApiProperty({ example: 'Lunar New Year' }) @IsString() @Length(1, 200) nameEn!: string;
}

export class HolidayQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

function day(raw: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) || new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw) {
    throw new InvalidInput({ day: ['Ngày phải có dạng YYYY-MM-DD / day must be YYYY-MM-DD'] });
  }
  return raw;
}

/** Public holidays of the business calendar: readable by everyone, edited by admins. */
@ApiTags('holidays')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  async list(@Query() q: HolidayQuery) {
    return { items: await this.holidays.list(q.year) };
  }

  @Put(':day')
  @Roles('admin')
  set(@CurrentUser() p: Principal, @Param('day') raw: string, @Body() body: HolidayDto) {
    return this.holidays.set(p, day(raw), body.nameVi, body.nameEn);
  }

  @Delete(':day')
  @Roles('admin')
  remove(@CurrentUser() p: Principal, @Param('day') raw: string) {
    return this.holidays.remove(p, day(raw));
  }
}
