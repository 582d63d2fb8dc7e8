import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Conflict, Forbidden, InvalidInput, NotFound, VersionConflict } from '../common/errors';
import { Db, Tx } from '../database/db';
import { localDate } from '../deadlines/business-calendar';
import { mayIntakeFor } from '../identity/policy';
import { Caller, isClient, Principal, SYSTEM_CLIENT_ROLE } from '../identity/roles';
import { ChildColumns, ChildrenRepository, ChildRow, MergeRow, type CandidateRow, type ChildCaseRow, type Restriction } from './children.repository';
import type { ChildDescriptionDto, ChildFieldsDto } from './dto/child-fields.dto';
import type { MatchChildDto } from './dto/match.dto';
import type { MergeChildrenDto } from './dto/merge.dto';
import type { UpdateChildDto } from './dto/update-child.dto';
import { MATCH_THRESHOLD, MatchReason, MAX_CANDIDATES, Probe, scoreCandidate } from './matching';
import { fold, givenName, nameKey, phoneDigits } from './names';
import { personalIdErrors } from './personal-id';

export class ChildNotFound extends NotFound {
  constructor() {
    super('Child', 'trẻ em');
  }
}

/** A candidate: who (enough to tell children apart), how likely, and why. */
export interface ChildMatchView {
  child: {
    id: string; fullName: string | null; sex: string; dateOfBirth: string | null; birthYear: number | null; approxAgeYears: number | null;
    residenceCommuneCode: string | null; communeName: string | null; village: string | null; fatherName: string | null;
    motherName: string | null; openCases: number;
  };
  score: number;
  reasons: MatchReason[];
}

/** The writable fields of the API, in the order they are checked and reported. */
const FIELDS: Array<keyof ChildFieldsDto | 'sex'> = [
  'fullName', 'otherNames', 'sex', 'dateOfBirth', 'approxAgeYears', 'personalId', 'ethnicity', 'residenceCommuneCode', 'village',
  'currentAddress', 'school', 'schoolClass', 'father', 'mother', 'carer', 'household', 'siblings',
];

/** A record's empty value of a field (what "the record lacks it" means). */
const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (v === 'unknown');

const actorOf = (c: Caller) => (isClient(c) ? { id: c.clientId, role: SYSTEM_CLIENT_ROLE } : { id: c.userId, role: c.role });

const year = (date: string) => Number(date.slice(0, 4));

/** The record's columns for the fields of a request (absent → the empty value). */
export function columnsOf(f: ChildFieldsDto & { sex: string }, ageAsOf: string): ChildColumns {
  return {
    fullName: f.fullName ?? null, otherNames: f.otherNames ?? [], sex: f.sex, dateOfBirth: f.dateOfBirth ?? null,
    approxAgeYears: f.approxAgeYears ?? null, ageAsOf: f.approxAgeYears === undefined || f.approxAgeYears === null ? null : ageAsOf,
    personalId: f.personalId ?? null, ethnicity: f.ethnicity ?? null, residenceCommuneCode: f.residenceCommuneCode ?? null,
    village: f.village ?? null, currentAddress: f.currentAddress ?? null, school: f.school ?? null, schoolClass: f.schoolClass ?? null,
    father: f.father ?? null, mother: f.mother ?? null, carer: f.carer ?? null, household: f.household ?? null, siblings: f.siblings ?? [],
  };
}

/**
 * What is wrong with a record's fields on `today` (each key prefixed, e.g. `child.`): dates and
 * years of birth that cannot be, and a personal id its sex or year of birth contradicts.
 */
export function recordErrors(c: ChildColumns, today: string, prefix = ''): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const at = (field: string, message: string) => (errors[prefix + field] ??= []).push(message);
  const thisYear = year(today);
  if (c.dateOfBirth && c.dateOfBirth > today) at('dateOfBirth', 'Ngày sinh không được ở tương lai / dateOfBirth cannot be in the future');
  else if (c.dateOfBirth && year(c.dateOfBirth) < thisYear - 30) at('dateOfBirth', 'Ngày sinh không hợp lý / dateOfBirth is not plausible for a child');
  const childYear = c.dateOfBirth ? year(c.dateOfBirth) : c.approxAgeYears !== null && c.ageAsOf ? year(c.ageAsOf) - c.approxAgeYears : null;
  for (const parent of ['father', 'mother'] as const) {
    const born = c[parent]?.birthYear;
    if (born === undefined || born === null) continue;
    const latest = (childYear ?? thisYear) - 10;
    if (born > latest) at(`${parent}.birthYear`, `Năm sinh của cha/mẹ phải trước ${latest + 1} / A parent’s year of birth must be before ${latest + 1}`);
  }
  c.siblings.forEach((s, i) => {
    if (s.birthYear !== undefined && s.birthYear !== null && (s.birthYear > thisYear || s.birthYear < thisYear - 60)) {
      at(`siblings.${i}.birthYear`, `Năm sinh phải từ ${thisYear - 60} đến ${thisYear} / The year of birth must be ${thisYear - 60}–${thisYear}`);
    }
  });
  if (c.personalId) {
    for (const m of personalIdErrors(c.personalId, { sex: c.sex, birthYear: childYear, birthYearExact: c.dateOfBirth !== null })) at('personalId', m);
  }
  return errors;
}

/** The probe matching looks for: the described child, folded as the registry folds. */
function probeOf(c: ChildColumns, communeCode: string | null): Probe {
  const words = fold(c.fullName).split(' ').filter(Boolean);
  const phones = [c.father?.phone, c.mother?.phone, c.carer?.phone].map(phoneDigits).filter((x): x is string => x !== null);
  return {
    name: words.length ? words.join(' ') : null, nameKey: nameKey(c.fullName) || null, given: givenName(c.fullName),
    firstWord: words[0] ?? null, sex: c.sex, dateOfBirth: c.dateOfBirth,
    birthYear: c.dateOfBirth ? year(c.dateOfBirth) : c.approxAgeYears !== null && c.ageAsOf ? year(c.ageAsOf) - c.approxAgeYears : null,
    communeCode: c.residenceCommuneCode ?? communeCode, village: fold(c.village) || null, phones, personalId: c.personalId,
  };
}

/** The estimated age now: the child ages with the record. */
function approxAgeNow(row: { approxAgeYears: number | null; ageAsOf: string | null; dateOfBirth: string | null }, today: string): number | null {
  if (row.dateOfBirth || row.approxAgeYears === null || !row.ageAsOf) return null;
  return row.approxAgeYears + year(today) - year(row.ageAsOf);
}

function summaryOf(r: CandidateRow, today: string): ChildMatchView['child'] {
  return {
    id: r.id, fullName: r.fullName, sex: r.sex, dateOfBirth: r.dateOfBirth, birthYear: r.birthYear, approxAgeYears: approxAgeNow(r, today),
    residenceCommuneCode: r.residenceCommuneCode, communeName: r.communeName, village: r.village, fatherName: r.fatherName,
    motherName: r.motherName, openCases: r.openCases,
  };
}

/**
 * The child registry: records made at intake (or linked to), matching, reading and correcting a
 * record, merging two records of one child and undoing it. Every read of a record and every write
 * is audited; records are scoped with `childScopeSql` (404 outside).
 */
@Injectable()
export class ChildrenService {
  constructor(
    private readonly db: Db,
    private readonly repo: ChildrenRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- intake (called by cases/)

  /** Checks a described child's fields (400 with `prefix`ed field errors); returns the record's columns. */
  async checkedColumns(tx: Tx, f: ChildDescriptionDto, ageAsOf: string, prefix: string): Promise<ChildColumns> {
    const c = columnsOf(f, ageAsOf);
    const errors = recordErrors(c, localDate(this.clock.now()), prefix);
    if (c.residenceCommuneCode && !(await this.repo.commune(tx, c.residenceCommuneCode))) {
      errors[`${prefix}residenceCommuneCode`] = [`Không có xã/phường mã "${c.residenceCommuneCode}" / Unknown commune`];
    }
    if (Object.keys(errors).length) throw new InvalidInput(errors);
    return c;
  }

  /** A new record of a reported child; 400 when another record holds its personal id (link to it instead). */
  async create(tx: Tx, by: Caller, c: ChildColumns, provinceCode: string, prefix: string): Promise<string> {
    const id = await this.repo.insert(tx, c, {
      createdBy: isClient(by) ? null : by.userId, createdByClient: isClient(by) ? by.clientId : null, provinceCode,
    }, this.clock.now());
    if (!id) throw new InvalidInput({ [`${prefix}personalId`]: [PERSONAL_ID_TAKEN] });
    await this.audit.record(tx, { actor: actorOf(by), action: 'child.create', entity: 'child', entityId: id, details: { fields: filled(c) } });
    return id;
  }

  /**
   * Links a report to a registry record of the province: the report's fields fill only what the
   * record lacks, never overwrite. 400 when the record is not one the report could be linked to
   * (unknown, merged away, another province) or its personal id differs from the report's.
   */
  async link(tx: Tx, by: Caller, childId: string, c: ChildColumns, provinceCode: string, prefix: string): Promise<{ id: string; filled: string[]; residenceCommuneCode: string | null }> {
    const record = await this.linkable(tx, childId, provinceCode, `${prefix}id`);
    if (c.personalId && record.personalId && c.personalId !== record.personalId) {
      throw new InvalidInput({ [`${prefix}personalId`]: ['Trẻ này có mã định danh khác: không phải cùng một trẻ / This child has another personal id: not the same child'] });
    }
    const fill: Partial<ChildColumns> = {};
    for (const key of Object.keys(c) as Array<keyof ChildColumns>) {
      if (key === 'ageAsOf' || isEmpty(c[key]) || !isEmpty(record[key])) continue;
      (fill as Record<string, unknown>)[key] = c[key];
      if (key === 'approxAgeYears') fill.ageAsOf = c.ageAsOf;
    }
    // A name the report knows the child by that the record does not: kept among the other names.
    if (c.fullName && record.fullName && fold(c.fullName) !== fold(record.fullName)
      && !record.otherNames.some((n) => fold(n) === fold(c.fullName)) && record.otherNames.length < 10) {
      fill.otherNames = [...record.otherNames, c.fullName];
    }
    if (fill.personalId && (await this.repo.personalIdTaken(tx, fill.personalId, record.id))) {
      throw new InvalidInput({ [`${prefix}personalId`]: [PERSONAL_ID_TAKEN] });
    }
    const merged = { ...record, ...fill };
    const errors = recordErrors(merged, localDate(this.clock.now()), prefix);
    if (Object.keys(errors).length) throw new InvalidInput(errors);
    const fields = Object.keys(fill);
    if (fields.length) await this.repo.update(tx, record.id, fill, this.clock.now());
    await this.audit.record(tx, { actor: actorOf(by), action: 'child.link', entity: 'child', entityId: record.id, details: { filled: fields } });
    return { id: record.id, filled: fields, residenceCommuneCode: merged.residenceCommuneCode };
  }

  /** Locks a record a case of the province may be linked to: not merged away, of that province. */
  async linkable(tx: Tx, childId: string, provinceCode: string, field: string): Promise<ChildRow> {
    const record = await this.repo.lock(tx, childId);
    if (!record || record.provinceCode !== provinceCode) {
      throw new InvalidInput({ [field]: ['Không có trẻ này trong sổ của tỉnh / No such child in the province’s registry'] });
    }
    if (record.mergedInto) {
      throw new InvalidInput({ [field]: [`Hồ sơ trẻ đã được gộp vào ${record.mergedInto} / The record was merged into ${record.mergedInto}`] });
    }
    return record;
  }

  /** Records the intake of `caseId` made (relinks look for it). */
  setOrigin(tx: Tx, childId: string, caseId: string): Promise<void> {
    return this.repo.setOrigin(tx, childId, caseId);
  }

  /**
   * After a case was relinked away from `previousId`: if no case is left on that record and the
   * case's own intake made it, it is retired into the chosen record (undoable as a merge).
   */
  async retireAfterRelink(tx: Tx, p: Principal, previousId: string, chosenId: string, caseId: string): Promise<string | null> {
    const previous = await this.repo.lock(tx, previousId);
    if (!previous || previous.mergedInto || previous.originCaseId !== caseId || (await this.repo.hasCases(tx, previousId))) return null;
    const now = this.clock.now();
    await this.repo.setMergedInto(tx, previousId, chosenId, now);
    const merge = await this.repo.insertMerge(tx, {
      kind: 'relink', sourceId: previousId, targetId: chosenId, caseIds: [], reason: `relink ${caseId}`, mergedBy: p.userId,
    }, now);
    await this.audit.record(tx, {
      actor: actorOf(p), action: 'child.merge', caseId, entity: 'child', entityId: previousId, details: { mergeId: merge.id, kind: 'relink', targetId: chosenId },
    });
    return merge.id;
  }

  // ---------------------------------------------------------------- matching

  /**
   * The likely records of a described child in a province, best first (at most MAX_CANDIDATES,
   * each scoring at least MATCH_THRESHOLD), `exclude`d records aside. Audited `child.match`.
   */
  async candidates(tx: Tx, by: Caller, c: ChildColumns, where: { provinceCode: string; communeCode: string }, exclude: string[], caseId: string | null): Promise<ChildMatchView[]> {
    const probe = probeOf(c, where.communeCode);
    const rows = await this.repo.candidates(tx, {
      provinceCode: where.provinceCode, name: probe.name, personalId: probe.personalId, exclude,
      father: fold(c.father?.fullName) || null, mother: fold(c.mother?.fullName) || null,
    });
    const today = localDate(this.clock.now());
    const scored: ChildMatchView[] = [];
    for (const r of rows) {
      const s = scoreCandidate(probe, {
        ...r, name: r.searchName, nameKey: r.searchNameKey, given: r.searchGivenName, communeCode: r.residenceCommuneCode,
        village: r.searchVillage, phones: r.searchPhones,
      });
      if (s && s.score >= MATCH_THRESHOLD) scored.push({ child: summaryOf(r, today), score: s.score, reasons: s.reasons });
    }
    scored.sort((a, b) => b.score - a.score || a.child.id.localeCompare(b.child.id));
    const items = scored.slice(0, MAX_CANDIDATES);
    await this.audit.record(tx, {
      actor: actorOf(by), action: 'child.match', caseId, entity: 'child', entityId: null,
      details: { communeCode: where.communeCode, candidates: items.map((i) => ({ id: i.child.id, score: i.score })) },
    });
    return items;
  }

  /** `POST /children/matches`: for whoever may file a report in the commune. */
  async matches(by: Caller, dto: MatchChildDto): Promise<{ items: ChildMatchView[] }> {
    return this.db.transaction(async (tx) => {
      const commune = await this.repo.commune(tx, dto.communeCode);
      if (!commune) throw new InvalidInput({ communeCode: [`Không có xã/phường mã "${dto.communeCode}" / Unknown commune`] });
      if (!mayIntakeFor(by, commune.code, commune.province_code)) {
        throw new Forbidden('Bạn không được tiếp nhận tin báo cho xã/phường này / You may not file reports for this commune');
      }
      const c = await this.checkedColumns(tx, dto.child, localDate(this.clock.now()), 'child.');
      return { items: await this.candidates(tx, by, c, { provinceCode: commune.province_code, communeCode: commune.code }, [], null) };
    });
  }

  // ---------------------------------------------------------------- the record

  async get(p: Principal, id: string) {
    return this.db.transaction(async (tx) => {
      const { record, cases } = await this.readable(tx, p, id);
      await this.audit.record(tx, { actor: actorOf(p), action: 'child.read', entity: 'child', entityId: id, details: { cases: cases.length } });
      return viewOf(record, cases);
    });
  }

  /**
   * Locks a record the caller may process (404 outside their scope), with its cases within their
   * scope. While its processing is restricted only the commune's leaders, and whoever works on an
   * open case of the child, may (403 for the others): protection work never stalls (README "Restriction").
   */
  async readable(tx: Tx, p: Principal, id: string): Promise<{ record: ChildRow; cases: ChildCaseRow[] }> {
    const record = await this.repo.lockInScope(tx, p, id);
    if (!record) throw new ChildNotFound();
    const cases = await this.repo.cases(tx, p, id);
    if (record.restrictedAt && !(RESTRICTED_READERS as readonly string[]).includes(p.role) && !cases.some((c) => c.closedAt === null)) {
      throw new Forbidden(RESTRICTED_MESSAGE);
    }
    return { record, cases };
  }

  /** Corrects a record: the fields sent replace the record's (`null` clears one); 409 when it changed since it was read. */
  async update(p: Principal, id: string, dto: UpdateChildDto) {
    return this.db.transaction(async (tx) => (await this.change(tx, p, id, dto, 'child.update')).view);
  }

  /**
   * Writes the fields of `dto` into the record the caller may process (the one write path of the
   * record: checks, search columns, the version), audited `action`; the record before and the view after.
   */
  async change(tx: Tx, p: Principal, id: string, dto: UpdateChildDto, action: string, details: Record<string, unknown> = {}) {
    const { record } = await this.readable(tx, p, id);
    if (record.mergedInto) throw new Conflict(`Hồ sơ trẻ đã được gộp vào ${record.mergedInto}; hãy sửa hồ sơ đó / The record was merged into ${record.mergedInto}; correct that one`);
    if (dto.expectedVersion !== record.version) throw new VersionConflict(dto.expectedVersion, record.version);
    const sent = dto as unknown as Record<string, unknown>;
    const change: Partial<ChildColumns> = {};
    for (const key of FIELDS) {
      if (!(key in sent) || sent[key] === undefined) continue;
      const value = sent[key];
      if (key === 'sex' && value === null) throw new InvalidInput({ sex: ['Giới tính là bắt buộc / sex cannot be cleared'] });
      (change as Record<string, unknown>)[key] = value === null && (key === 'otherNames' || key === 'siblings') ? [] : value;
    }
    if ('approxAgeYears' in change) change.ageAsOf = change.approxAgeYears === null ? null : localDate(this.clock.now());
    const next = { ...record, ...change };
    const errors = recordErrors(next, localDate(this.clock.now()));
    if (change.residenceCommuneCode && !(await this.repo.commune(tx, change.residenceCommuneCode))) {
      errors.residenceCommuneCode = [`Không có xã/phường mã "${change.residenceCommuneCode}" / Unknown commune`];
    }
    if (change.personalId && (await this.repo.personalIdTaken(tx, change.personalId, id))) errors.personalId = [PERSONAL_ID_TAKEN];
    if (Object.keys(errors).length) throw new InvalidInput(errors);
    const fields = Object.keys(change).filter((k) => k !== 'ageAsOf');
    if (fields.length) await this.repo.update(tx, id, change, this.clock.now());
    await this.audit.record(tx, { actor: actorOf(p), action, entity: 'child', entityId: id, details: { fields, ...details } });
    const updated = (await this.repo.lock(tx, id))!;
    return { before: record, view: viewOf(updated, await this.repo.cases(tx, p, id)) };
  }

  /**
   * Places (`restriction`) or lifts (null, with `reason`) the restriction of processing on a record
   * (NĐ 13/2023 Điều 9 k7, Điều 14): the commune's leaders; audited with the reason. 409 when the
   * record already is (or is not) restricted.
   */
  async restrict(p: Principal, id: string, restriction: Omit<Restriction, 'by'> | null, reason: string) {
    return this.db.transaction(async (tx) => {
      const { record, cases } = await this.readable(tx, p, id);
      if (record.mergedInto) throw new Conflict(`Hồ sơ trẻ đã được gộp vào ${record.mergedInto} / The record was merged into ${record.mergedInto}`);
      if (restriction && record.restrictedAt) throw new Conflict('Hồ sơ đang bị hạn chế xử lý / The record is already restricted');
      if (!restriction && !record.restrictedAt) throw new Conflict('Hồ sơ không bị hạn chế xử lý / The record is not restricted');
      await this.repo.setRestriction(tx, id, restriction && { ...restriction, by: p.userId }, this.clock.now());
      await this.audit.record(tx, {
        actor: actorOf(p), action: restriction ? 'child.restricted' : 'child.restriction_lifted', entity: 'child', entityId: id,
        details: restriction ? { reason, basis: restriction.basis, requestedBy: restriction.requestedBy.kind } : { reason, previousReason: record.restriction?.reason ?? null },
      });
      return viewOf((await this.repo.lock(tx, id))!, cases);
    });
  }

  // ---------------------------------------------------------------- merges

  /** Two records of one child: the source's cases move to the target, the source is retired. Supervisors, both records in scope. */
  async merge(p: Principal, dto: MergeChildrenDto): Promise<MergeRow> {
    if (dto.sourceId === dto.targetId) throw new InvalidInput({ targetId: ['Không thể gộp một hồ sơ vào chính nó / A record cannot be merged into itself'] });
    return this.db.transaction(async (tx) => {
      // Locked in id order: two merges of the same pair never wait on each other crosswise.
      const locked = new Map<string, ChildRow | undefined>();
      for (const id of [dto.sourceId, dto.targetId].sort()) locked.set(id, await this.repo.lockInScope(tx, p, id));
      const source = locked.get(dto.sourceId);
      const target = locked.get(dto.targetId);
      if (!source || !target) throw new ChildNotFound();
      for (const [field, r] of [['sourceId', source], ['targetId', target]] as const) {
        if (r.mergedInto) throw new Conflict(`${field}: hồ sơ trẻ đã được gộp vào hồ sơ khác / ${field}: the record was already merged into another`);
      }
      if (source.personalId && target.personalId && source.personalId !== target.personalId) {
        throw new InvalidInput({ targetId: ['Hai hồ sơ có mã định danh khác nhau: không phải cùng một trẻ / The records have different personal ids: not the same child'] });
      }
      const now = this.clock.now();
      const caseIds = await this.repo.moveCases(tx, source.id, target.id);
      await this.repo.setMergedInto(tx, source.id, target.id, now);
      const merge = await this.repo.insertMerge(tx, { kind: 'merge', sourceId: source.id, targetId: target.id, caseIds, reason: dto.reason, mergedBy: p.userId }, now);
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'child.merge', entity: 'child', entityId: source.id,
        details: { mergeId: merge.id, kind: 'merge', targetId: target.id, caseIds },
      });
      return merge;
    });
  }

  /** Undoes a merge: the cases it moved (still on the target) move back and the source is restored. */
  async undo(p: Principal, mergeId: string): Promise<MergeRow> {
    return this.db.transaction(async (tx) => {
      const merge = await this.repo.lockMerge(tx, mergeId);
      if (!merge) throw new NotFound('Merge', 'lần gộp hồ sơ');
      const target = await this.repo.lockInScope(tx, p, merge.targetId);
      if (!target) throw new NotFound('Merge', 'lần gộp hồ sơ');
      if (merge.undoneAt) throw new Conflict('Lần gộp này đã được hoàn tác / This merge was already undone');
      if (target.mergedInto) {
        throw new Conflict('Hồ sơ đích đã được gộp tiếp vào hồ sơ khác: hãy hoàn tác lần gộp đó trước / The target was merged again since: undo that merge first');
      }
      const source = (await this.repo.lock(tx, merge.sourceId))!;
      if (source.personalId && (await this.repo.personalIdTaken(tx, source.personalId, source.id))) {
        throw new Conflict('Mã định danh của hồ sơ nguồn nay thuộc hồ sơ khác / The source’s personal id now belongs to another record');
      }
      const now = this.clock.now();
      const moved = await this.repo.moveCases(tx, merge.targetId, merge.sourceId, merge.caseIds);
      await this.repo.setMergedInto(tx, merge.sourceId, null, now);
      const undone = await this.repo.markUndone(tx, merge.id, p.userId, now);
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'child.merge_undo', entity: 'child', entityId: merge.sourceId,
        details: { mergeId: merge.id, targetId: merge.targetId, caseIds: moved },
      });
      return undone;
    });
  }
}

/** Who may read a restricted record without an open case of the child: the commune's leaders. */
export const RESTRICTED_READERS = ['supervisor', 'chair'] as const;
export const RESTRICTED_MESSAGE = 'Dữ liệu của trẻ đang bị hạn chế xử lý: chỉ lãnh đạo xã và người xử lý vụ việc đang mở được xem '
  + '/ The processing of this child’s data is restricted: only the commune’s leaders and the workers of an open case may read it';

const PERSONAL_ID_TAKEN = 'Mã định danh này đã có trong sổ trẻ em: hãy liên kết với trẻ đó / This personal id is already in the registry: link to that child';

/** The names of the fields a record was made with. */
function filled(c: ChildColumns): string[] {
  return (Object.keys(c) as Array<keyof ChildColumns>).filter((k) => k !== 'ageAsOf' && !isEmpty(c[k]));
}

function viewOf(r: ChildRow, cases: Awaited<ReturnType<ChildrenRepository['cases']>>) {
  return {
    id: r.id, version: r.version, mergedInto: r.mergedInto, fullName: r.fullName, otherNames: r.otherNames, sex: r.sex,
    dateOfBirth: r.dateOfBirth, approxAgeYears: r.approxAgeYears, ageAsOf: r.ageAsOf, birthYear: r.birthYear, personalId: r.personalId,
    ethnicity: r.ethnicity, residenceCommuneCode: r.residenceCommuneCode, communeName: r.communeName, provinceCode: r.provinceCode,
    village: r.village, currentAddress: r.currentAddress, school: r.school, schoolClass: r.schoolClass, father: r.father, mother: r.mother,
    carer: r.carer, household: r.household, siblings: r.siblings, createdAt: r.createdAt, updatedAt: r.updatedAt, cases,
    restricted: r.restrictedAt && r.restriction
      ? { since: r.restrictedAt, reason: r.restriction.reason, basis: r.restriction.basis, requestedBy: r.restriction.requestedBy } : null,
  };
}
