import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Conflict, InvalidInput, NotFound } from '../common/errors';
import { FieldCipher } from '../crypto/field-cipher';
import { Db, Tx } from '../database/db';
import { localDate } from '../deadlines/business-calendar';
import type { Principal } from '../identity/roles';

import { ageOn, CONSENT_AGE } from './age';
import { ChildRightsRepository, type ConsentRow } from './child-rights.repository';
import { ChildrenService } from './children.service';
import type { ConsentDto, ConsentList, ConsentStatus, CorrectionDto, CorrectionList } from './dto/rights.dto';
import { UpdateChildDto } from './dto/update-child.dto';

/** Sealed (FieldCipher) purposes: the values a correction replaced and wrote, and who gave a consent. */
const CORRECTION_VALUE = 'child_corrections.value';
const CONSENT_NAME = 'child_consents.name';
/** Who sees the values of a correction (the others see who, when, which field and why). */
const VALUE_READERS = ['supervisor'];

const actorOf = (p: Principal) => ({ id: p.userId, role: p.role });
const consentNotFound = () => new NotFound('Consent', 'sự đồng ý');

/** Whether each purpose with a consent in force is consented: a parent or guardian, and from 7 (or an unknown age) the child too. */
export function consentStatuses(consents: ReadonlyArray<Pick<ConsentRow, 'purpose' | 'purposeText' | 'givenBy' | 'withdrawnAt'>>, childAge: number | null): ConsentStatus[] {
  const childNeeded = childAge === null || childAge >= CONSENT_AGE;
  const byPurpose = new Map<string, ConsentStatus>();
  for (const c of consents) {
    if (c.withdrawnAt) continue;
    const key = `${c.purpose}\u0000${c.purpose === 'other' ? (c.purposeText ?? '').trim().toLowerCase() : ''}`;
    const s = byPurpose.get(key) ?? { purpose: c.purpose, purposeText: c.purpose === 'other' ? c.purposeText : null, childNeeded, byChild: false, byParentOrGuardian: false, complete: false };
    if (c.givenBy === 'child') s.byChild = true;
    else s.byParentOrGuardian = true;
    s.complete = s.byParentOrGuardian && (s.byChild || !childNeeded);
    byPurpose.set(key, s);
  }
  return [...byPurpose.values()];
}

/**
 * The data subject's requests on a child's record (README "Rights"): corrections through the
 * registry's own write path, with the replaced value kept sealed; consents per purpose. Each write
 * audited with its reason; reads are the read-audit interceptor's.
 */
@Injectable()
export class ChildRightsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly children: ChildrenService,
    private readonly repo: ChildRightsRepository,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  /** Corrects one field of the record (its checks, search columns and version as PATCH); the previous value kept sealed. */
  async correct(p: Principal, childId: string, dto: CorrectionDto) {
    return this.db.transaction(async (tx) => {
      const { record } = await this.children.readable(tx, p, childId);
      const change = plainToInstance(UpdateChildDto, { expectedVersion: record.version, [dto.field]: dto.value });
      const errors = await validate(change, { whitelist: true, forbidNonWhitelisted: true });
      if (errors.length) throw new InvalidInput({ value: errors.flatMap((e) => Object.values(e.constraints ?? {})) });
      const previous = record[dto.field] ?? null;
      if (previous === dto.value) throw new InvalidInput({ value: ['Giá trị này đã có trong hồ sơ / The record already holds this value'] });
      const { view } = await this.children.change(tx, p, childId, change, 'child.corrected', {
        reason: dto.reason, requestedBy: dto.requestedBy.kind, evidence: dto.evidence !== undefined,
      });
      await this.repo.insertCorrection(tx, {
        childId, field: dto.field, previousValue: await this.cipher.seal(previous === null ? null : String(previous), CORRECTION_VALUE),
        newValue: await this.cipher.seal(dto.value, CORRECTION_VALUE), reason: dto.reason, requestedBy: dto.requestedBy,
        evidence: dto.evidence ?? null, correctedBy: p.userId, correctedAt: this.clock.now(),
      });
      return view;
    });
  }

  /** The record's corrections; the values only for the commune's supervisors. */
  async corrections(p: Principal, childId: string): Promise<CorrectionList> {
    return this.db.transaction(async (tx) => {
      await this.children.readable(tx, p, childId);
      const shown = VALUE_READERS.includes(p.role);
      const items = await Promise.all((await this.repo.corrections(tx, childId)).map(async (c) => ({
        ...c, valuesShown: shown,
        previousValue: shown ? await this.cipher.open(c.previousValue, CORRECTION_VALUE) : null,
        newValue: shown ? await this.cipher.open(c.newValue, CORRECTION_VALUE) : null,
      })));
      return { items };
    });
  }

  /** Records a consent: the child's age on the day it was given stays with it. */
  async recordConsent(p: Principal, childId: string, dto: ConsentDto) {
    return this.db.transaction(async (tx) => {
      const { record } = await this.children.readable(tx, p, childId);
      const givenAt = new Date(dto.givenAt);
      if (givenAt.getTime() > this.clock.now().getTime()) throw new InvalidInput({ givenAt: ['Thời điểm đồng ý không được ở tương lai / givenAt cannot be in the future'] });
      if (dto.attachmentId && !(await this.repo.attachmentOfChild(tx, dto.attachmentId, childId))) {
        throw new InvalidInput({ attachmentId: ['Không có tệp này trong các vụ việc của trẻ / No such file on the child’s cases'] });
      }
      const age = ageOn({ date_of_birth: record.dateOfBirth, approx_age_years: record.approxAgeYears, age_as_of: record.ageAsOf }, localDate(givenAt));
      const row = await this.repo.insertConsent(tx, {
        childId, purpose: dto.purpose, purposeText: dto.purposeText ?? null, givenBy: dto.givenBy, name: (await this.cipher.seal(dto.name, CONSENT_NAME))!,
        givenAt, method: dto.method, attachmentId: dto.attachmentId ?? null, childAgeYears: age, recordedBy: p.userId, recordedAt: this.clock.now(),
      });
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'consent.recorded', entity: 'child', entityId: childId,
        details: { consentId: row.id, purpose: dto.purpose, givenBy: dto.givenBy, method: dto.method, childAgeYears: age },
      });
      return this.opened(row);
    });
  }

  /** The child's consents and, per purpose in force, whether it is complete. */
  async consents(p: Principal, childId: string): Promise<ConsentList> {
    return this.db.transaction(async (tx) => {
      const { record } = await this.children.readable(tx, p, childId);
      const age = ageOn({ date_of_birth: record.dateOfBirth, approx_age_years: record.approxAgeYears, age_as_of: record.ageAsOf }, localDate(this.clock.now()));
      const rows = await this.repo.consents(tx, childId);
      return { childAgeYears: age, items: await Promise.all(rows.map((r) => this.opened(r))), purposes: consentStatuses(rows, age) };
    });
  }

  /** Withdraws a consent (from then on, not before): audited with the reason; 409 when already withdrawn. */
  async withdraw(p: Principal, consentId: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const consent = await this.repo.lockConsent(tx, consentId);
      if (!consent) throw consentNotFound();
      await this.inScope(tx, p, consent.childId);
      if (consent.withdrawnAt) throw new Conflict('Sự đồng ý này đã được rút lại / This consent was already withdrawn');
      const row = await this.repo.withdrawConsent(tx, consentId, p.userId, reason, this.clock.now());
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'consent.withdrawn', entity: 'child', entityId: consent.childId, details: { consentId, purpose: consent.purpose, reason },
      });
      return this.opened(row);
    });
  }

  /** A consent of a child outside the caller's scope is not there (404), like the child. */
  private async inScope(tx: Tx, p: Principal, childId: string): Promise<void> {
    await this.children.readable(tx, p, childId).catch((e: unknown) => { throw e instanceof NotFound ? consentNotFound() : e; });
  }

  private async opened(r: ConsentRow) {
    return { ...r, name: (await this.cipher.open(r.name, CONSENT_NAME)) ?? '' };
  }
}
