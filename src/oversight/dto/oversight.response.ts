import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATES } from '../../cases/dto/list-cases.dto';
import { HANDOFF_KINDS, SEPARATION_HANDOFF_KINDS, TRANSFER_HANDOFF_KINDS } from '../../../workflows/vocabulary';
import { PageOf } from '../../common/dto/page.response';
import { AGENCY_TYPES } from '../../identity/roles';
import type { AgencyFigure, ChildCounts, DeadlineFigure, HeadlineFigures, Indicator, IndicatorKey, SpecialCircumstances, StageFigure } from '../figures';
import type { IndicatorDefinition } from '../indicators';
import type { StatisticsReport } from '../statistics.service';
import type { OverdueItem, OwedBy } from '../overdue-item';
import type { SlaReport } from '../oversight.service';

// Each class `implements` the service's own type, so a change of shape there fails the build here.

export class OverdueOwedBy implements OwedBy {
  @ApiProperty({ enum: ['worker', 'agency', 'chair'], description: 'The case’s worker, the receiving agency, or the commune chair' })
  type!: 'worker' | 'agency' | 'chair';
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The user or agency; null while nobody is assigned' }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

/** A line of the overdue board: an open deadline past due, of a case or of one of its handoffs. */
export class OverdueBoardItem implements OverdueItem {
  @ApiProperty({ enum: ['deadline', 'handoff'] }) kind!: 'deadline' | 'handoff';
  @ApiProperty({ format: 'uuid' }) deadlineId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState', description: 'The case’s current state' }) stage!: string;
  @ApiProperty({ description: 'The deadline’s key' }) deadline!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) breachedAt!: Date | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) lateSeconds!: number;
  @ApiProperty({ type: 'integer' }) escalationLevel!: number;
  @ApiProperty({ type: () => OverdueOwedBy, description: 'Who owes the next step' }) owedBy!: OverdueOwedBy;
  @ApiPropertyOptional({ format: 'uuid', description: 'kind `handoff`' }) handoffId?: string;
  @ApiPropertyOptional({
    enum: [...HANDOFF_KINDS, ...TRANSFER_HANDOFF_KINDS, ...SEPARATION_HANDOFF_KINDS], enumName: 'OverdueHandoffKind', nullable: true,
    description: 'kind `handoff`: the work owed, or a transfer of the case awaiting the receiving commune’s decision',
  }) handoffKind?: string | null;
}

export class OverdueBoardPage extends PageOf(OverdueBoardItem) {}

export class SlaDeadlineFigure implements DeadlineFigure {
  @ApiProperty() key!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) onTime!: number;
  @ApiProperty({ type: 'integer' }) late!: number;
  @ApiProperty({ type: 'integer', description: 'Still running, not yet due' }) open!: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..1 of those decided; null when none was' }) onTimeRate!: number | null;
}

export class SlaAgencyFigure implements AgencyFigure {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) type!: string;
  @ApiProperty({ type: 'integer', description: 'Handoffs offered in the window' }) total!: number;
  @ApiProperty({ type: 'integer' }) acceptedOnTime!: number;
  @ApiProperty({ type: 'integer' }) completedOnTime!: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..1 of their deadlines decided; null when none was' }) onTimeRate!: number | null;
}

export class SlaStageFigure implements StageFigure {
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) stage!: string;
  @ApiProperty({ type: 'integer', description: 'Stays in the stage that ended in the window' }) count!: number;
  @ApiProperty({ type: Number, nullable: true }) medianHours!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90Hours!: number | null;
}

/** Cases open now for longer than 30, 60 and 90 days. */
export class OpenCaseAges {
  @ApiProperty({ type: 'integer' }) days30!: number;
  @ApiProperty({ type: 'integer' }) days60!: number;
  @ApiProperty({ type: 'integer' }) days90!: number;
}

export class SlaFigures implements SlaReport {
  @ApiProperty({ description: 'First day (local date), included' }) from!: string;
  @ApiProperty({ description: 'Last day (local date), included' }) to!: string;
  @ApiProperty({ type: () => [SlaDeadlineFigure] }) deadlines!: SlaDeadlineFigure[];
  @ApiProperty({ type: () => [SlaAgencyFigure] }) agencies!: SlaAgencyFigure[];
  @ApiProperty({ type: () => [SlaStageFigure] }) stages!: SlaStageFigure[];
  @ApiProperty({ type: () => OpenCaseAges }) openLongerThan!: OpenCaseAges;
}

export class IndicatorFigure implements Indicator {
  @ApiProperty({ type: 'integer' }) numerator!: number;
  @ApiProperty({ type: 'integer' }) denominator!: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..1; null when the denominator is 0' }) rate!: number | null;
}

export class StatisticsIndicators implements Record<IndicatorKey, Indicator> {
  @ApiProperty({ type: () => IndicatorFigure, description: 'Verified within each report’s own deadline (12 h in serious danger)' }) verifiedOnTime!: IndicatorFigure;
  @ApiProperty({ type: () => IndicatorFigure, description: 'Plan drafted within 5 working days of receipt' }) planDraftedOnTime!: IndicatorFigure;
  @ApiProperty({ type: () => IndicatorFigure }) closedChildSafe!: IndicatorFigure;
}

const counts = (description: string) => ({ type: 'object' as const, additionalProperties: { type: 'integer' }, description });

export class AbusedCounts implements ChildCounts {
  @ApiProperty({ type: 'integer', description: 'Each child once' }) total!: number;
  @ApiProperty(counts('Per sex')) bySex!: Record<string, number>;
  @ApiProperty(counts('Per abuse type (a child once under each of their types)')) byAbuseType!: Record<string, number>;
  @ApiProperty(counts('Per environment of the abuse (family, school, community, online, care_facility, other, unknown)')) byEnvironment!: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'Of them, with an approved support and intervention plan' }) supported!: number;
}

export class AbusedChildren extends AbusedCounts {
  @ApiProperty(counts('Per age group at the first report of the period (0-5, 6-10, 11-15, unknown)')) byAgeGroup!: Record<string, number>;
}

export class NotCountedReports {
  @ApiProperty({ type: 'integer' }) duplicate!: number;
  @ApiProperty({ type: 'integer' }) unfounded!: number;
  @ApiProperty({ type: 'integer', description: 'Not (yet) found substantiated' }) notSubstantiated!: number;
  @ApiProperty({ type: 'integer', description: 'Accidents or injuries only, not abuse' }) injuryOnly!: number;
}

export class ReportCounts {
  @ApiProperty({ type: 'integer', description: 'Reports (cases) received in the period' }) total!: number;
  @ApiProperty(counts('Per channel')) byChannel!: Record<string, number>;
  @ApiProperty(counts('Per outcome (open, or how they closed)')) byOutcome!: Record<string, number>;
  @ApiProperty({ type: () => NotCountedReports, description: 'Reports that name no abused child, by why' }) notCounted!: NotCountedReports;
}

export class SpecialCircumstancesFigure implements SpecialCircumstances {
  @ApiProperty({ type: 'integer' }) registered!: number;
  @ApiProperty({ type: 'integer' }) supported!: number;
}

export class IndicatorDefinitionItem implements IndicatorDefinition {
  @ApiProperty({ example: 'childrenAbused' }) key!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Thông tư 13/2021/TT-BLĐTBXH indicator code, where there is one' }) code!: string | null;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() definitionVi!: string;
  @ApiProperty() definitionEn!: string;
  @ApiProperty() source!: string;
}

/** The report statistics of a period, as JSON (`Accept: text/csv` gives the same figures as a CSV file). */
export class StatisticsFigures implements StatisticsReport {
  @ApiProperty({ example: '2026-H1' }) period!: string;
  @ApiProperty({ description: 'First day (local date)' }) from!: string;
  @ApiProperty({ description: 'Last day (local date)' }) to!: string;
  @ApiProperty({ type: () => AbusedChildren, description: 'Children under 16 abused (TT13 0101)' }) childrenAbused!: AbusedChildren;
  @ApiProperty({ type: () => AbusedCounts, description: 'Persons aged 16–17 abused, reported apart' }) adolescentsAbused!: AbusedCounts;
  @ApiProperty({ type: () => ReportCounts }) reports!: ReportCounts;
  @ApiProperty({ type: () => StatisticsIndicators }) indicators!: StatisticsIndicators;
  @ApiProperty({ type: () => [SlaAgencyFigure] }) handoffs!: SlaAgencyFigure[];
  @ApiProperty({ type: () => OpenCaseAges }) openLongerThan!: OpenCaseAges;
  @ApiProperty({ type: () => SpecialCircumstancesFigure, description: 'The special-circumstances register (src/supports): children on it in the period, and of them those supported' })
  specialCircumstances!: SpecialCircumstancesFigure;
  @ApiProperty({ type: () => [IndicatorDefinitionItem] }) definitions!: IndicatorDefinitionItem[];
}

export class HeadlineFigure implements HeadlineFigures {
  @ApiProperty({ type: 'integer', description: 'Children under 16 abused (each once)' }) childrenAbused!: number;
  @ApiProperty({ type: 'integer', description: 'Persons aged 16–17 abused' }) adolescentsAbused!: number;
  @ApiProperty({ type: 'integer', description: 'Reports received' }) reports!: number;
  @ApiProperty({ type: () => IndicatorFigure }) verifiedOnTime!: IndicatorFigure;
  @ApiProperty({ type: () => IndicatorFigure }) planDraftedOnTime!: IndicatorFigure;
}

export class MonthFigure extends HeadlineFigure {
  @ApiProperty({ example: '2026-03' }) month!: string;
}

export class StatisticsTrend {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-06' }) to!: string;
  @ApiProperty({ type: () => [MonthFigure], description: 'Every month of the range, in order (zeros included)' }) months!: MonthFigure[];
}

export class CommuneFigure extends HeadlineFigure {
  @ApiProperty() communeCode!: string;
  @ApiProperty() name!: string;
}

export class CommuneComparison {
  @ApiProperty({ example: '2026-H1' }) period!: string;
  @ApiProperty({ type: () => [CommuneFigure], description: 'Every commune compared, by name (zeros included)' }) communes!: CommuneFigure[];
}
