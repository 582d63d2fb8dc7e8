import { Injectable, OnModuleInit } from '@nestjs/common';
import { getWorkflow } from '../../workflows';
import { AuditService } from '../audit/audit.service';
import type { Tx } from '../database/db';
import { Change, EffectTarget, ScopeSql, SubjectStore, WorkflowEngine, WriteOptions, caseOf } from '../engine/workflow-engine';
import type { CaseRow } from './case-row';
import { CasesRepository } from './cases.repository';

/**
 * Where the abuse happened, when the event's contract asks it (verification, assessment) and the
 * worker gave it: the case's `incident.environment` becomes it, as intake stores it, so the
 * statistics count the latest value; the event's data keeps it on the timeline.
 */
function environmentOf(change: Change): string | null {
  const declared = change.def.events[change.event.type]?.fields.some((f) => f.key === 'environment');
  const value = change.event.data?.environment;
  return declared && typeof value === 'string' ? value : null;
}

/**
 * How the engine locks and writes cases. Every workflow whose subject is a case keeps these three
 * context fields, projected into the `cases` row for lists and queries: `riskLevel`, `assigneeId`
 * and `outcome` (see workflows/types.ts, `CaseContextColumns`); an event's `environment` goes into
 * the case's `incident`. Also carries out the effects of a
 * transfer between communes on its case: `moveCase` (accepted) and `releaseCase` (declined or withdrawn).
 */
@Injectable()
export class CaseStore implements SubjectStore<CaseRow>, OnModuleInit {
  constructor(private readonly engine: WorkflowEngine, private readonly repo: CasesRepository, private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.engine.registerSubject('case', this);
    this.engine.registerEffect('moveCase', async (p, s) => {
      const moved = await this.repo.moveCase(s.tx, caseOf(s.target), p.toCommuneCode, p.kind === 'handover');
      await this.audit.record(s.tx, {
        actor: { id: s.actor.id, role: s.actor.role }, action: 'case.commune_moved', caseId: caseOf(s.target), entity: 'case', entityId: caseOf(s.target),
        details: { kind: p.kind, from: s.target.communeCode, to: p.toCommuneCode, transferId: s.target.handoff?.id ?? null },
      });
      // The request was refused unless the case's workflow can be transferred (it names its assignment event).
      const assign = getWorkflow(moved.workflow, moved.workflow_version).transfer!.assignEvent;
      // The receiving commune's user who accepted assigns the case, through its own workflow (notified, audited, on its timeline).
      await this.engine.apply(s.tx, 'case', caseOf(s.target), { type: assign, data: { assigneeId: p.assigneeId } }, s.actor);
    });
    this.engine.registerEffect('releaseCase', (_p, s) => this.repo.setPendingCommune(s.tx, caseOf(s.target), null));
  }

  lock(tx: Tx, id: string, scope?: ScopeSql): Promise<CaseRow> {
    return this.repo.lockForTransition(tx, id, scope);
  }

  target(row: CaseRow, context: Record<string, unknown>): EffectTarget {
    return {
      caseId: row.id, caseCode: row.code, communeCode: row.commune_code, receivedAt: row.received_at,
      assigneeId: (context.assigneeId as string | null | undefined) ?? null,
    };
  }

  write(tx: Tx, row: CaseRow, change: Change, opts: WriteOptions): Promise<CaseRow> {
    const ctx = change.next.context;
    return this.repo.writeTransition(tx, row, change, {
      riskLevel: ctx.riskLevel, assigneeId: (ctx.assigneeId as string | null | undefined) ?? null, outcome: ctx.outcome,
      environment: environmentOf(change),
    }, opts);
  }
}
