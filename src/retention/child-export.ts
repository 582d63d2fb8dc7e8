import { Injectable } from '@nestjs/common';
import { AttachmentsRepository, type CaseFileAttachment } from '../attachments/attachments.repository';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { ChildrenService } from '../children/children.service';
import { Clock } from '../common/clock';
import { CaseNotFound } from '../common/errors';
import { Db } from '../database/db';
import type { Principal } from '../identity/roles';
import { SupportsService } from '../supports/supports.service';
import type { ChildExport } from './dto/child-export.dto';

/**
 * Everything held about one child, for an official request (the data subject's right of access,
 * NĐ 13/2023 Điều 9, 14): the registry record, and for each of the child's cases within the
 * caller's scope its view (reporter, decisions, handoffs, transfers, separations), its timeline
 * (events with their data) and its files' metadata; and the child's entries on the
 * special-circumstances register within the caller's commune (each with its timeline). Each part
 * is read as its own endpoint reads it (and audited as such); the export itself is audited
 * `child.exported` with its reason, the cases and the register entries it holds.
 */
@Injectable()
export class ChildExportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly children: ChildrenService,
    private readonly cases: CasesService,
    private readonly attachments: AttachmentsRepository,
    private readonly supports: SupportsService,
    private readonly audit: AuditService,
  ) {}

  async export(p: Principal, childId: string, reason: string): Promise<ChildExport> {
    const child = await this.children.get(p, childId);
    const cases: Array<{ case: Awaited<ReturnType<CasesService['get']>>; timeline: Awaited<ReturnType<CasesService['timeline']>>; attachments: CaseFileAttachment[] }> = [];
    for (const ref of child.cases) {
      const view = await this.cases.get(p, ref.id).catch((e) => { if (e instanceof CaseNotFound) return null; throw e; });
      if (!view) continue;
      cases.push({ case: view, timeline: await this.cases.timeline(p, ref.id), attachments: await this.attachments.listForCase(this.db, ref.id) });
    }
    const supports = await this.supports.ofChild(p, childId);
    const exportedAt = this.clock.now().toISOString();
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: { id: p.userId, role: p.role }, action: 'child.exported', entity: 'child', entityId: childId,
      details: {
        reason, cases: cases.map((c) => c.case.id), attachments: cases.reduce((n, c) => n + c.attachments.length, 0), supports: supports.map((s) => s.id),
      },
    }));
    return { exportedAt, exportedBy: p.userId, child: child as unknown as ChildExport['child'], cases: cases as unknown as ChildExport['cases'], supports };
  }
}
