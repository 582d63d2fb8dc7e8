import { ApiProperty } from '@nestjs/swagger';
import { ETHNICITIES, SEXES } from '../../../workflows/vocabulary';
import { MATCH_REASON_CODES } from '../matching';
import { CarerDto, HouseholdDto, ParentDto, SiblingDto } from './child-fields.dto';

const nullable = (type: StringConstructor, description?: string) => ({ type, nullable: true, description });

/** Enough to tell children apart, nothing more (matching candidates, search results). */
export class ChildSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(nullable(String)) fullName!: string | null;
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) sex!: string;
  @ApiProperty(nullable(String, 'YYYY-MM-DD')) dateOfBirth!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'From the date of birth, else estimated from the age' }) birthYear!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The estimated age now, when the date of birth is unknown' }) approxAgeYears!: number | null;
  @ApiProperty(nullable(String)) residenceCommuneCode!: string | null;
  @ApiProperty(nullable(String)) communeName!: string | null;
  @ApiProperty(nullable(String)) village!: string | null;
  @ApiProperty(nullable(String)) fatherName!: string | null;
  @ApiProperty(nullable(String)) motherName!: string | null;
  @ApiProperty({ type: 'integer', description: 'Cases of the child not closed' }) openCases!: number;
}

export class MatchReasonView {
  @ApiProperty({ enum: MATCH_REASON_CODES, enumName: 'MatchReasonCode' }) code!: string;
  @ApiProperty() vi!: string;
  @ApiProperty() en!: string;
}

export class ChildMatch {
  @ApiProperty({ type: () => ChildSummary }) child!: ChildSummary;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ type: () => [MatchReasonView] }) reasons!: MatchReasonView[];
}

export class ChildMatches {
  @ApiProperty({ type: () => [ChildMatch], description: 'Best first, at most 10, each scoring at least the threshold (children/README.md)' })
  items!: ChildMatch[];
}

/** A case of the child, on the child's page (only those in the caller's scope). */
export class ChildCaseItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() state!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) closedAt!: Date | null;
  @ApiProperty({ type: [String] }) abuseTypes!: string[];
  @ApiProperty({ description: 'Marked as a repeat report' }) repeat!: boolean;
}

export class RequesterView {
  @ApiProperty({ enum: ['child', 'parent', 'guardian', 'official', 'worker'], enumName: 'RequesterKind' }) kind!: string;
  @ApiProperty({ required: false }) name?: string;
}

/** The restriction of processing in force (README "Restriction"). */
export class RestrictionView {
  @ApiProperty() since!: Date;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The legal basis (e.g. NĐ 13/2023 Điều 9 khoản 7)' }) basis!: string;
  @ApiProperty({ type: () => RequesterView }) requestedBy!: RequesterView;
}

/** The whole record. */
export class ChildView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', description: 'Send it back as `expectedVersion`' }) version!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Set when the record was merged into another' }) mergedInto!: string | null;
  @ApiProperty(nullable(String)) fullName!: string | null;
  @ApiProperty({ type: [String] }) otherNames!: string[];
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) sex!: string;
  @ApiProperty(nullable(String, 'YYYY-MM-DD')) dateOfBirth!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'As estimated on `ageAsOf`' }) approxAgeYears!: number | null;
  @ApiProperty(nullable(String, 'YYYY-MM-DD')) ageAsOf!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) birthYear!: number | null;
  @ApiProperty(nullable(String)) personalId!: string | null;
  @ApiProperty({ enum: ETHNICITIES, enumName: 'Ethnicity', nullable: true }) ethnicity!: string | null;
  @ApiProperty(nullable(String)) residenceCommuneCode!: string | null;
  @ApiProperty(nullable(String)) communeName!: string | null;
  @ApiProperty(nullable(String)) provinceCode!: string | null;
  @ApiProperty(nullable(String)) village!: string | null;
  @ApiProperty(nullable(String)) currentAddress!: string | null;
  @ApiProperty(nullable(String)) school!: string | null;
  @ApiProperty(nullable(String)) schoolClass!: string | null;
  @ApiProperty({ type: () => ParentDto, nullable: true }) father!: ParentDto | null;
  @ApiProperty({ type: () => ParentDto, nullable: true }) mother!: ParentDto | null;
  @ApiProperty({ type: () => CarerDto, nullable: true }) carer!: CarerDto | null;
  @ApiProperty({ type: () => HouseholdDto, nullable: true }) household!: HouseholdDto | null;
  @ApiProperty({ type: () => [SiblingDto] }) siblings!: SiblingDto[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: () => [ChildCaseItem], description: 'The child’s cases within the caller’s scope, newest first' }) cases!: ChildCaseItem[];
  @ApiProperty({ type: () => RestrictionView, nullable: true, description: 'null: processed as usual; else the restriction in force' })
  restricted!: RestrictionView | null;
}

export class ChildMergeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['merge', 'relink'], enumName: 'ChildMergeKind' }) kind!: string;
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ type: [String], description: 'The cases moved from the source to the target' }) caseIds!: string[];
  @ApiProperty() reason!: string;
  @ApiProperty() mergedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) undoneAt!: Date | null;
}
