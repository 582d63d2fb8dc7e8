import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import type { Tx } from '../database/db';
import { Change, EffectTarget, SubjectStore, SYSTEM_ACTOR, WorkflowEngine } from '../engine/workflow-engine';
import { HandoffInstance, HandoffsRepository } from './handoffs.repository';

/** Ends after which the agency keeps (read-only) sight of the case for PARTNER_SIGHT_DAYS. */
const KEEPS_SIGHT = ['completed'];

/**
 * How the engine locks and writes handoffs. Each change of a handoff is audited and, unless the
 * caller says otherwise, told to its case (`HANDOFF_UPDATED`, an event on the case's timeline).
 */
@Injectable()
export class HandoffStore implements SubjectStore<HandoffInstance>, OnModuleInit {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly repo: HandoffsRepository,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.engine.registerSubject('handoff', this);
  }

  lock(tx: Tx, id: string): Promise<HandoffInstance> {
    return this.repo.lock(tx, id);
  }

  target(h: HandoffInstance): EffectTarget {
    return {
      caseId: h.case.id, caseCode: h.case.code, communeCode: h.case.commune_code, receivedAt: h.case.received_at,
      assigneeId: h.case.assignee_id, handoff: { id: h.id, agencyId: h.agency_id, kind: h.kind, urgency: h.urgency },
    };
  }

  async write(tx: Tx, h: HandoffInstance, change: Change): Promise<HandoffInstance> {
    const updated = await this.repo.writeTransition(tx, h, change, this.visibleUntil(change));
    await this.audit.record(tx, {
      actor: { id: change.actor.role === 'system' ? null : change.actor.id, role: change.actor.role },
      action: `handoff.${change.event.type}`, caseId: h.case.id, entity: 'handoff', entityId: h.id,
      details: { from: h.state, to: updated.state },
    });
    return { ...updated, case: h.case };
  }

  /**
   * The receiving agency sees the case while its work is under way, keeps read-only sight for a
   * while after completing it, and loses it at once when the request is cancelled or declined.
   */
  private visibleUntil(change: Change): Date | null {
    if (!change.terminal) return null;
    if (!KEEPS_SIGHT.includes(change.state)) return change.now;
    return new Date(change.now.getTime() + this.config.partnerSightDays * 86_400_000);
  }

  async followUp(tx: Tx, _before: HandoffInstance, after: HandoffInstance, change: Change): Promise<void> {
    const missed = change.event.type === change.def.deadlineEvent;
    const status = `${change.def.caseStatusPrefix ?? ''}${missed ? 'overdue' : after.state}`;
    await this.engine.apply(tx, 'case', after.case.id, {
      type: 'HANDOFF_UPDATED',
      data: {
        handoffId: after.id, kind: after.kind, status, ...(missed ? { deadline: change.event.data?.deadline } : {}),
        // A police handoff's criminal-procedure status (handoff v2) is on the case's timeline too.
        ...(change.event.type === 'RECORD_PROCEDURE_STATUS' ? { procedureStatus: change.event.data?.status } : {}),
      },
    }, SYSTEM_ACTOR);
  }
}
