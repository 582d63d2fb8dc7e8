import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Commune, Province, SystemClient, User } from '../identity/identity.entities';

/** A parent, as Mẫu số 01 and the national child information system record them. */
export interface ParentRecord {
  fullName?: string | null;
  birthYear?: number | null;
  occupation?: string | null;
  phone?: string | null;
}

/** Whoever cares for the child now, when not (only) the parents. */
export interface CarerRecord {
  fullName?: string | null;
  relation?: string | null;
  phone?: string | null;
  address?: string | null;
}

export interface HouseholdRecord {
  headName?: string | null;
  members?: number | null;
  /** Hộ nghèo / cận nghèo (the commune's poverty register). */
  poverty?: 'poor' | 'near_poor' | 'none' | 'unknown' | null;
  notes?: string | null;
}

export interface SiblingRecord {
  fullName?: string | null;
  birthYear?: number | null;
  sex?: 'female' | 'male' | 'unknown' | null;
}

/**
 * The child registry: one record per child, many reports and cases about them (and, later,
 * separation and support records). Confidential (Luật Trẻ em; NĐ 13/2023 sensitive personal data):
 * read only through the children module, every read audited. The `search_*` columns and
 * `birth_year`/`province_code` are kept by a trigger (migrations/*-ChildRegistry): never written here.
 */
@Entity('children')
@Check('CHK_children_sex', `"sex" IN ('female','male','unknown')`)
@Check('CHK_children_personal_id', `"personal_id" ~ '^[0-9]{12}$'`)
@Index('UQ_children_personal_id', ['personalId'], { unique: true, where: 'personal_id IS NOT NULL AND merged_into IS NULL' })
@Index('IDX_children_residence', ['residenceCommuneCode'])
@Index('IDX_children_province', ['provinceCode'])
@Index('IDX_children_merged_into', ['mergedInto'])
// A trigram index on the folded name (migrations/*-ChildRecords): candidates and search find names by it.
@Index('IDX_children_search_name_trgm', { synchronize: false })
// Search (migrations/*-ChildSearchIndexes): GIN indexes over the folded columns' words and the phones, kept out of schema diffs.
@Index('IDX_children_search_names', { synchronize: false })
@Index('IDX_children_search_father', { synchronize: false })
@Index('IDX_children_search_mother', { synchronize: false })
@Index('IDX_children_search_carer', { synchronize: false })
@Index('IDX_children_search_village', { synchronize: false })
@Index('IDX_children_search_phones', { synchronize: false })
@Index('IDX_children_search_name_key', ['searchNameKey'])
@Index('IDX_children_search_residence', { synchronize: false })
export class ChildRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text', { name: 'full_name', nullable: true }) fullName!: string | null;
  @Column('text', { name: 'other_names', array: true, default: '{}' }) otherNames!: string[];
  @Column('text') sex!: string;
  @Column('date', { name: 'date_of_birth', nullable: true }) dateOfBirth!: string | null;
  /** An estimate when the date of birth is unknown, as of `ageAsOf` (the child ages with the record). */
  @Column('int', { name: 'approx_age_years', nullable: true }) approxAgeYears!: number | null;
  @Column('date', { name: 'age_as_of', nullable: true }) ageAsOf!: string | null;
  /** Mã định danh cá nhân: 12 digits (Luật Căn cước 2023), unique among records not merged away. */
  @Column('text', { name: 'personal_id', nullable: true }) personalId!: string | null;
  @Column('text', { nullable: true }) ethnicity!: string | null;
  @Column('text', { name: 'residence_commune_code', nullable: true }) residenceCommuneCode!: string | null;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'residence_commune_code', foreignKeyConstraintName: 'FK_children_residence_commune' })
  residenceCommune?: Commune;
  @Column('text', { name: 'province_code', nullable: true }) provinceCode!: string | null;
  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code', foreignKeyConstraintName: 'FK_children_province' })
  province?: Province;
  /** Thôn, xóm, bản, tổ dân phố. */
  @Column('text', { nullable: true }) village!: string | null;
  @Column('text', { name: 'current_address', nullable: true }) currentAddress!: string | null;
  @Column('text', { nullable: true }) school!: string | null;
  @Column('text', { name: 'school_class', nullable: true }) schoolClass!: string | null;
  @Column('jsonb', { nullable: true }) father!: ParentRecord | null;
  @Column('jsonb', { nullable: true }) mother!: ParentRecord | null;
  @Column('jsonb', { nullable: true }) carer!: CarerRecord | null;
  @Column('jsonb', { nullable: true }) household!: HouseholdRecord | null;
  @Column('jsonb', { default: () => `'[]'` }) siblings!: SiblingRecord[];
  @Column('text', { name: 'search_name', nullable: true }) searchName!: string | null;
  @Column('text', { name: 'search_name_key', nullable: true }) searchNameKey!: string | null;
  @Column('text', { name: 'search_given_name', nullable: true }) searchGivenName!: string | null;
  @Column('text', { name: 'search_other_names', nullable: true }) searchOtherNames!: string | null;
  @Column('text', { name: 'search_parents', nullable: true }) searchParents!: string | null;
  @Column('text', { name: 'search_village', nullable: true }) searchVillage!: string | null;
  @Column('text', { name: 'search_phones', array: true, default: '{}' }) searchPhones!: string[];
  /** From the date of birth, else estimated from the age and when it was given. */
  @Column('int', { name: 'birth_year', nullable: true }) birthYear!: number | null;
  /** Set when a supervisor merged this record into another (undoable): such records are not matched or searched. */
  @Column('uuid', { name: 'merged_into', nullable: true }) mergedInto!: string | null;
  @ManyToOne(() => ChildRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into', foreignKeyConstraintName: 'FK_children_merged_into' })
  mergedIntoChild?: ChildRecord;
  /** The case whose intake made the record (none for a record made otherwise): a relink may retire it. */
  @Column('uuid', { name: 'origin_case_id', nullable: true }) originCaseId!: string | null;
  @Column('int', { default: 1 }) version!: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_children_created_by' })
  creator?: User;
  @Column('uuid', { name: 'created_by_client', nullable: true }) createdByClient!: string | null;
  @ManyToOne(() => SystemClient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_client', foreignKeyConstraintName: 'FK_children_created_by_client' })
  creatorClient?: SystemClient;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  /** Set while the processing of the record is restricted (NĐ 13/2023 Điều 9 k7, Điều 14): README "Restriction". */
  @Column('timestamptz', { name: 'restricted_at', nullable: true }) restrictedAt!: Date | null;
  /** The restriction in force: `{reason, basis, requestedBy, by}`. */
  @Column('jsonb', { nullable: true }) restriction!: Record<string, unknown> | null;
}

/**
 * A correction of a record on the data subject's request (NĐ 13/2023 Điều 9 k5): the value it
 * replaced and the new one, sealed (FieldCipher, `child_corrections.value`) for personal fields.
 */
@Entity('child_corrections')
@Index('IDX_child_corrections_child', ['childId', 'correctedAt'])
export class ChildCorrection {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_child_corrections' }) id!: string;
  @Column('uuid', { name: 'child_id' }) childId!: string;
  @ManyToOne(() => ChildRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_child_corrections_child' })
  child?: ChildRecord;
  @Column('text') field!: string;
  @Column('text', { name: 'previous_value', nullable: true }) previousValue!: string | null;
  @Column('text', { name: 'new_value', nullable: true }) newValue!: string | null;
  @Column('text') reason!: string;
  @Column('jsonb', { name: 'requested_by' }) requestedBy!: Record<string, unknown>;
  @Column('text', { nullable: true }) evidence!: string | null;
  @Column('uuid', { name: 'corrected_by' }) correctedBy!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrected_by', foreignKeyConstraintName: 'FK_child_corrections_by' })
  corrector?: User;
  @Column('timestamptz', { name: 'corrected_at' }) correctedAt!: Date;
}

/**
 * A consent given for a purpose of processing the child's data (Luật Trẻ em 2016 Điều 33, NĐ 13/2023
 * Điều 20): by the child, or a parent or guardian; the child's age at the time; withdrawable.
 */
@Entity('child_consents')
@Index('IDX_child_consents_child', ['childId', 'givenAt'])
export class ChildConsent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_child_consents' }) id!: string;
  @Column('uuid', { name: 'child_id' }) childId!: string;
  @ManyToOne(() => ChildRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_child_consents_child' })
  child?: ChildRecord;
  @Column('text') purpose!: string;
  @Column('text', { name: 'purpose_text', nullable: true }) purposeText!: string | null;
  @Column('text', { name: 'given_by' }) givenBy!: string;
  /** Who gave it (sealed, `child_consents.name`). */
  @Column('text') name!: string;
  @Column('timestamptz', { name: 'given_at' }) givenAt!: Date;
  @Column('text') method!: string;
  @Column('uuid', { name: 'attachment_id', nullable: true }) attachmentId!: string | null;
  // By name, untyped: the attachments module depends on the cases module, which depends on this one.
  @ManyToOne('AttachmentRecord', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'attachment_id', foreignKeyConstraintName: 'FK_child_consents_attachment' })
  attachment?: unknown;
  @Column('int', { name: 'child_age_years', nullable: true }) childAgeYears!: number | null;
  @Column('uuid', { name: 'recorded_by' }) recordedBy!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_child_consents_recorded_by' })
  recorder?: User;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('uuid', { name: 'withdrawn_by', nullable: true }) withdrawnBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_by', foreignKeyConstraintName: 'FK_child_consents_withdrawn_by' })
  withdrawer?: User;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason!: string | null;
}

/**
 * Two records found to be one child: the source's cases moved to the target and the source was
 * retired (`merged_into`). `kind` relink: a record left without cases when its only case was
 * relinked. Undone by moving the same cases back (those still on the target).
 */
@Entity('child_merges')
@Check('CHK_child_merges_kind', `"kind" IN ('merge','relink')`)
@Check('CHK_child_merges_distinct', `"source_id" <> "target_id"`)
@Index('IDX_child_merges_source', ['sourceId'])
@Index('IDX_child_merges_target', ['targetId'])
export class ChildMerge {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'source_id' }) sourceId!: string;
  @ManyToOne(() => ChildRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'FK_child_merges_source' })
  source?: ChildRecord;
  @Column('uuid', { name: 'target_id' }) targetId!: string;
  @ManyToOne(() => ChildRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'FK_child_merges_target' })
  target?: ChildRecord;
  /** The cases moved from the source to the target. */
  @Column('uuid', { name: 'case_ids', array: true, default: '{}' }) caseIds!: string[];
  @Column('text') reason!: string;
  @Column('uuid', { name: 'merged_by' }) mergedBy!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_by', foreignKeyConstraintName: 'FK_child_merges_merged_by' })
  merger?: User;
  @Column('timestamptz', { name: 'merged_at' }) mergedAt!: Date;
  @Column('uuid', { name: 'undone_by', nullable: true }) undoneBy!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'undone_by', foreignKeyConstraintName: 'FK_child_merges_undone_by' })
  undoer?: User;
  @Column('timestamptz', { name: 'undone_at', nullable: true }) undoneAt!: Date | null;
}

/**
 * Every word of the registry's folded search columns (names, other names, parents, villages), kept
 * by a statement trigger (migrations/*-ChildSearchIndexes): the vocabulary a typed word with a typo
 * is corrected against. Never written here.
 */
@Entity('children_search_words')
export class ChildSearchWord {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_children_search_words' }) word!: string;
}
