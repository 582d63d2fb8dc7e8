import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Tx } from '../database/db';
import { Change, EffectTarget, ScopeSql, SubjectStore, WorkflowEngine } from '../engine/workflow-engine';
import { SupportRow, SupportsRepository } from './supports.repository';

/** The code a support goes by in notifications ("HCĐB-" and its id's first eight hex digits). */
export const supportCode = (id: string) => `HCĐB-${id.slice(0, 8)}`;

/**
 * How the engine locks and writes a support (subject `support`). It has no case: its effects' target
 * carries `support` and a null case, so its deadlines are the support's own (`deadlines.support_id`)
 * and its notifications go to the users of its commune. Every change is audited.
 */
@Injectable()
export class SupportStore implements SubjectStore<SupportRow>, OnModuleInit {
  constructor(private readonly engine: WorkflowEngine, private readonly repo: SupportsRepository, private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.engine.registerSubject('support', this);
  }

  lock(tx: Tx, id: string, scope?: ScopeSql): Promise<SupportRow> {
    return this.repo.lock(tx, id, scope);
  }

  target(s: SupportRow): EffectTarget {
    return {
      caseId: null, caseCode: supportCode(s.id), communeCode: s.commune_code, receivedAt: s.registered_at,
      // The worker who registered the child follows the support (the `assignee` audience).
      assigneeId: s.registered_by, support: { id: s.id },
    };
  }

  async write(tx: Tx, s: SupportRow, change: Change): Promise<SupportRow> {
    const updated = await this.repo.writeTransition(tx, s, change);
    await this.audit.record(tx, {
      actor: { id: change.actor.role === 'system' ? null : change.actor.id, role: change.actor.role },
      action: `support.${change.event.type}`, entity: 'child_support', entityId: s.id, details: { from: s.state, to: updated.state },
    });
    return updated;
  }
}
