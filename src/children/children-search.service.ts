import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Page } from '../common/pagination';
import { Db, type Tx } from '../database/db';
import type { Principal } from '../identity/roles';
import { ChildrenSearchRepository, type ResolvedTerms } from './children-search.repository';
import { searchTerms } from './children-search.terms';
import type { ChildSearchItem, SearchChildrenQuery } from './dto/children-search.dto';
import { fold } from './names';

/** Search that forgives over the registry, scoped to the caller; every search audited (`child.search`). */
@Injectable()
export class ChildrenSearchService {
  constructor(private readonly db: Db, private readonly repo: ChildrenSearchRepository, private readonly audit: AuditService) {}

  /** The search terms of `q`, each typed word with its stored spellings (for `GET /cases?q=` too). */
  async terms(db: { query: Tx['query'] }, q: string): Promise<ResolvedTerms> {
    return this.repo.resolve(db, searchTerms(q));
  }

  async search(p: Principal, q: SearchChildrenQuery): Promise<Page<ChildSearchItem> & { totalCapped: boolean }> {
    return this.db.transaction(async (tx) => {
      const terms = q.q === undefined ? null : await this.terms(tx, q.q);
      const { rows, total, capped } = await this.repo.search(tx, p, {
        // A village of no letters or digits folds to '': no record's village is '' (they are NULL), so it finds none.
        terms, communeCode: q.communeCode, village: q.village === undefined ? undefined : fold(q.village), sex: q.sex, birthYear: q.birthYear,
        page: q.page, pageSize: q.pageSize,
      });
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: 'child.search', entity: 'child',
        details: {
          filters: { q: q.q, communeCode: q.communeCode, village: q.village, sex: q.sex, birthYear: q.birthYear },
          page: q.page, pageSize: q.pageSize, total, capped, returned: rows.length,
        },
      });
      return {
        items: rows.map((r) => ({
          id: r.id, fullName: r.full_name, sex: r.sex, dateOfBirth: r.date_of_birth, birthYear: r.birth_year, approxAgeYears: r.approx_age_years,
          residenceCommuneCode: r.residence_commune_code, communeName: r.commune_name, village: r.village,
          fatherName: r.father_name, motherName: r.mother_name, openCases: r.open_cases, score: r.score, matched: r.matched,
        })),
        total, totalCapped: capped, page: q.page, pageSize: q.pageSize,
      };
    });
  }
}
