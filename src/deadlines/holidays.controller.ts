import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { HolidayList } from './dto/holiday.response';
import { HolidaysService } from './holidays.service';
import { NoPersonalData } from '../identity/read-audit';

export class HolidayQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

/**
 * Public holidays of the business calendar, readable by everyone. Changing them (national admins
 * only, with a preview of the deadlines moved) is the administration's: src/admin/holidays-admin.controller.ts.
 */
@ApiTags('holidays')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @NoPersonalData('the public holidays')
  @ApiOkResponse({ type: HolidayList })
  async list(@Query() q: HolidayQuery) {
    return { items: await this.holidays.list(q.year) };
  }
}
