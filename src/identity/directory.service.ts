import { Injectable } from '@nestjs/common';
import type { DirectoryQuery } from './dto/directory.dto';
import { AgencyEntry, ColleagueEntry, CommuneEntry, IdentityRepository } from './identity.repository';
import type { Principal } from './roles';

/** Communes, agencies and colleagues within the caller's jurisdiction (for assignment and handoff forms). */
@Injectable()
export class DirectoryService {
  constructor(private readonly repo: IdentityRepository) {}

  /** The communes of the caller's jurisdiction, or (`all`) every commune. */
  communes(p: Principal, all: boolean): Promise<CommuneEntry[]> {
    return this.repo.communesInJurisdiction(p, all);
  }

  /** Agencies serving a commune: its own and its province's. */
  agencies(p: Principal, q: DirectoryQuery): Promise<AgencyEntry[]> {
    return this.repo.agenciesServing(p, q.communeCode);
  }

  /** Active users of the caller's jurisdiction (no credentials), e.g. social workers to assign. */
  users(p: Principal, q: DirectoryQuery): Promise<ColleagueEntry[]> {
    return this.repo.activeUsers(p, q);
  }
}
