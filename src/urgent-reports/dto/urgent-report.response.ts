import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/dto/page.response';
import { URGENT_INCIDENT_KINDS } from '../../../workflows/vocabulary';
import { URGENT_REPORT_EVENTS, URGENT_REPORT_STATES } from './urgent-report.dto';

const nullable = (description?: string) => ({ type: String, nullable: true, ...(description ? { description } : {}) });

export class UrgentReportRef {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class UrgentReportPerson {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(nullable()) name!: string | null;
}

export class UrgentReportContentView {
  @ApiProperty({ description: 'Diễn biến sự việc' }) summary!: string;
  @ApiProperty(nullable('Thời gian xảy ra')) occurredAt!: string | null;
  @ApiProperty(nullable('Địa điểm')) location!: string | null;
  @ApiProperty(nullable('Trẻ em bị ảnh hưởng')) children!: string | null;
  @ApiProperty(nullable('Hậu quả')) consequences!: string | null;
  @ApiProperty(nullable('Biện pháp đã thực hiện')) actionsTaken!: string | null;
  @ApiProperty(nullable('Nguyên nhân')) cause!: string | null;
  @ApiProperty(nullable('Đề xuất, kiến nghị')) proposals!: string | null;
}

export class UrgentReportDeadline {
  @ApiProperty({ enum: ['urgent_report_chair', 'urgent_report_province'] }) key!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['pending', 'met', 'met_late', 'breached', 'cancelled'] }) status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) settledAt!: string | null;
  @ApiProperty({ type: 'integer' }) escalationLevel!: number;
}

/**
 * An urgent report as anyone who may see it sees it: the report's own content (the child as the
 * report names them), never the case's reporter nor anything else of the case.
 */
export class UrgentReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseCode!: string;
  @ApiProperty({ type: () => UrgentReportRef }) commune!: UrgentReportRef;
  @ApiProperty() provinceCode!: string;
  @ApiProperty({ type: () => UrgentReportRef, description: 'The Department of Health it is addressed to (code = agency id)' }) addressedTo!: UrgentReportRef;
  @ApiProperty({ enum: URGENT_INCIDENT_KINDS, enumName: 'UrgentIncidentKind', isArray: true }) kinds!: string[];
  @ApiProperty({ enum: ['intake', 'case'] }) openedAt!: string;
  @ApiProperty({ enum: URGENT_REPORT_STATES, enumName: 'UrgentReportState' }) state!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ description: 'A deadline is breached and not yet met' }) overdue!: boolean;
  @ApiProperty({ type: 'integer', description: 'Hours the province gives (product default 24, configurable per province)' }) hours!: number;
  @ApiProperty({ type: () => UrgentReportContentView }) content!: UrgentReportContentView;
  @ApiProperty({ type: () => UrgentReportPerson, nullable: true }) submittedBy!: UrgentReportPerson | null;
  @ApiProperty({ type: () => UrgentReportPerson, nullable: true }) chairReceivedBy!: UrgentReportPerson | null;
  @ApiProperty(nullable()) chairNote!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) chairReceivedAt!: string | null;
  @ApiProperty({ type: () => UrgentReportPerson, nullable: true }) provinceAcknowledgedBy!: UrgentReportPerson | null;
  @ApiProperty(nullable()) provinceNote!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) provinceAcknowledgedAt!: string | null;
  @ApiProperty({ enum: ['closed', 'withdrawn'], nullable: true, type: String }) outcome!: string | null;
  @ApiProperty(nullable('The follow-up (closed) or why it was withdrawn')) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: () => [UrgentReportDeadline] }) deadlines!: UrgentReportDeadline[];
  @ApiProperty({ enum: URGENT_REPORT_EVENTS, isArray: true, description: 'The events you may send now' }) allowedActions!: string[];
}

export class UrgentReportPage extends PageOf(UrgentReportView) {}

export class UrgentReportList {
  @ApiProperty({ type: () => [UrgentReportView] }) items!: UrgentReportView[];
}

export class UrgentReportResponse {
  @ApiProperty({ type: () => UrgentReportView }) urgentReport!: UrgentReportView;
}
