import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '../database/db';
import { Change, EffectTarget, ScopeSql, SubjectStore, WorkflowEngine, WriteOptions } from '../engine/workflow-engine';
import type { CaseRow } from './case-row';
import { CasesRepository } from './cases.repository';

/**
 * How the engine locks and writes cases. Every workflow whose subject is a case keeps these three
 * context fields, projected into the `cases` row for lists and queries: `riskLevel`, `assigneeId`
 * and `outcome` (see workflows/types.ts, `CaseContextColumns`).
 */
@Injectable()
export class CaseStore implements SubjectStore<CaseRow>, OnModuleInit {
  constructor(private readonly engine: WorkflowEngine, private readonly repo: CasesRepository) {}

  onModuleInit(): void {
    this.engine.registerSubject('case', this);
  }

  lock(tx: Tx, id: string, scope?: ScopeSql): Promise<CaseRow> {
    return this.repo.lock(tx, id, scope);
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
    }, opts);
  }
}
