import { ApiProperty } from '@nestjs/swagger';
import { ListOf } from '../../common/dto/page.response';

export class Holiday {
  @ApiProperty({ example: '2027-02-06', description: 'YYYY-MM-DD (Asia/Ho_Chi_Minh)' }) day!: string;
  @ApiProperty({ example: 'Tết Nguyên đán' }) nameVi!: string;
  @ApiProperty({ example: 'Lunar New Year' }) nameEn!: string;
}

export class HolidayList extends ListOf(Holiday) {}
