import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { InvalidInput } from '../common/errors';
import { Db } from '../database/db';
import type { Principal } from '../identity/roles';
import { AdminRepository } from './admin.repository';
import { scopeOf } from './admin.service';
import { planImport, readUnitsCsv } from './units-import';

type Counts = { created: number; updated: number; unchanged: number; refused: number };
const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0, refused: 0 });

/**
 * Provinces and communes: listings within the administrator's scope, and the national admin's
 * import of the official units (an idempotent upsert; one transaction; one audit entry with the counts).
 */
@Injectable()
export class UnitsService {
  constructor(private readonly db: Db, private readonly repo: AdminRepository, private readonly audit: AuditService) {}

  async provinces(p: Principal) {
    return { items: await this.repo.provinces(scopeOf(p)) };
  }

  async communes(p: Principal, f: { provinceCode?: string; q?: string }, page: number, pageSize: number) {
    const { rows, total } = await this.repo.communePage(scopeOf(p), f, pageSize, (page - 1) * pageSize);
    return { items: rows, total, page, pageSize };
  }

  async importCsv(p: Principal, file: Buffer | undefined) {
    if (!file?.length) throw new InvalidInput({ file: ['Cần tệp CSV trong trường "file" / A CSV file is required in field "file"'] });
    const text = new TextDecoder('utf-8', { fatal: false }).decode(file);
    if (text.includes('\uFFFD') || text.includes('\u0000')) {
      throw new InvalidInput({ file: ['Tệp phải là văn bản UTF-8 / The file must be UTF-8 text'] });
    }
    const rows = readUnitsCsv(text);
    return this.db.transaction(async (tx) => {
      await this.repo.lockUnits(tx);
      const plan = planImport(rows, { provinces: await this.repo.allProvinces(tx), communes: await this.repo.allCommunes(tx) });
      const communes = zero();
      const provinces = zero();
      const provinceDone = new Set<string>();
      for (const o of plan) {
        communes[o.status]++;
        if (o.status === 'refused') continue;
        if (!provinceDone.has(o.province.code)) {
          provinceDone.add(o.province.code);
          provinces[o.province.status]++;
          if (o.province.status !== 'unchanged') await this.repo.upsertProvince(tx, o.province.code, o.province.name);
        }
        if (o.status === 'created') await this.repo.insertCommune(tx, o.commune);
        if (o.status === 'updated') await this.repo.renameCommune(tx, o.commune.code, o.commune.name);
      }
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'admin.units_imported', entity: 'administrative_units', entityId: null,
        details: { lines: plan.length, communes, provinces },
      });
      return {
        communes, provinces,
        lines: plan.map((o) => ({ line: o.line, status: o.status, communeCode: o.communeCode, reason: o.reason })),
      };
    });
  }
}
