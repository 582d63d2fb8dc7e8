import { ApiProperty } from '@nestjs/swagger';
import { REPORT_KINDS } from '../report-calendar';
import type { ReportDue } from '../report-calendar';
import type { CalendarView, ReportStatusView } from '../report-calendar.service';
import { REPORT_STATUSES } from '../report-status';

const nullableString = (description?: string) => ({ type: String, nullable: true, description });
const nullableDate = () => ({ type: String, format: 'date-time', nullable: true });
const nullableInt = (description?: string) => ({ type: 'integer' as const, nullable: true, description });

export class ReportDueItem implements ReportDue {
  @ApiProperty({ example: '2026-H1', description: 'The report, named as the statistics period it exports' }) report!: string;
  @ApiProperty({ enum: REPORT_KINDS, enumName: 'ReportKind' }) kind!: (typeof REPORT_KINDS)[number];
  @ApiProperty({ description: 'First day (local date)' }) from!: string;
  @ApiProperty({ description: 'Cut-off, the last day (local date)' }) to!: string;
  @ApiProperty({ description: 'Due date (local date)' }) due!: string;
  @ApiProperty() recipients!: string;
}

export class CalendarEntryItem {
  @ApiProperty({ enum: REPORT_KINDS, enumName: 'ReportKind' }) kind!: (typeof REPORT_KINDS)[number];
  @ApiProperty({ example: '01-01' }) periodStart!: string;
  @ApiProperty({ example: '06-30' }) periodEnd!: string;
  @ApiProperty({ example: '07-10' }) due!: string;
  @ApiProperty() recipients!: string;
  @ApiProperty({ description: 'The province set it (false: the default)' }) custom!: boolean;
  @ApiProperty(nullableInt('null while the default stands')) version!: number | null;
  @ApiProperty(nullableDate()) updatedAt!: Date | null;
  @ApiProperty(nullableString()) updatedByName!: string | null;
}

export class ReportCalendarView implements CalendarView {
  @ApiProperty() provinceCode!: string;
  @ApiProperty({ type: () => [CalendarEntryItem] }) entries!: CalendarEntryItem[];
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: () => [ReportDueItem] }) reports!: ReportDueItem[];
}

export class ReportStatusItem extends ReportDueItem implements ReportStatusView {
  @ApiProperty() communeCode!: string;
  @ApiProperty() communeName!: string;
  @ApiProperty({ enum: REPORT_STATUSES, enumName: 'ReportStatus', nullable: true, description: 'null: not drafted yet' })
  status!: (typeof REPORT_STATUSES)[number] | null;
  @ApiProperty(nullableString()) draftedBy!: string | null;
  @ApiProperty(nullableDate()) draftedAt!: Date | null;
  @ApiProperty(nullableString('The chair who approved it')) approvedBy!: string | null;
  @ApiProperty(nullableDate()) approvedAt!: Date | null;
  @ApiProperty(nullableString()) sentBy!: string | null;
  @ApiProperty(nullableDate()) sentAt!: Date | null;
  @ApiProperty(nullableInt()) version!: number | null;
}

export class ReportStatusList {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: () => [ReportStatusItem] }) items!: ReportStatusItem[];
}
