import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { EventNotAllowed } from '../common/errors';
import { Db, Tx } from '../database/db';
import { SYSTEM_ACTOR, WorkflowEngine } from '../engine/workflow-engine';
import { DeadlineRow, DeadlinesService } from '../deadlines/deadlines.service';

export type FireResult = 'fired' | 'not_due' | 'stale';

/** Where a deadline belongs; carried by its timer job so a firing need not look it up. */
export interface DeadlineOwnerHint {
  caseId: string | null;
  handoffId: string | null;
  supportId: string | null;
  key: string;
}

/**
 * Fires a deadline: sends DEADLINE_EXPIRED through the engine — the same path as a human
 * command — to the case, the handoff or the support (special-circumstances register) the deadline
 * belongs to. At-least-once delivery is
 * made harmless here: under the case's lock the deadline row is locked and re-read, and the event
 * applies only if the row is still pending and due (or its next escalation rung is due).
 */
@Injectable()
export class DeadlineFiringService {
  private readonly logger = new Logger('DeadlineFiring');

  constructor(
    private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock,
  ) {}

  async fire(deadlineId: string, hint?: DeadlineOwnerHint): Promise<{ result: FireResult; dueAt?: Date }> {
    const owner = hint ?? (await this.deadlines.find(deadlineId).then((r) => r && { caseId: r.case_id, handoffId: r.handoff_id, supportId: r.support_id, key: r.key }));
    if (!owner) return { result: 'stale' };
    let notDueUntil: Date | undefined;
    let locked: DeadlineRow | undefined;
    const precondition = (tx: Tx) => async () => {
      locked = await this.deadlines.lock(tx, deadlineId);
      if (!locked || (locked.status !== 'pending' && locked.status !== 'breached')) return false;
      if (!DeadlinesService.isDue(locked, this.clock.now())) {
        notDueUntil = locked.status === 'pending' ? locked.due_at : locked.next_escalation_at ?? undefined;
        return false;
      }
      return true;
    };
    try {
      const applied = await this.db.transaction(async (tx) => {
        const check = precondition(tx);
        const event = { type: 'DEADLINE_EXPIRED', data: { deadline: owner.key, deadlineId } };
        const [subject, id] = owner.supportId ? ['support' as const, owner.supportId]
          : owner.handoffId ? ['handoff' as const, owner.handoffId] : ['case' as const, owner.caseId ?? ''];
        return (await this.engine.apply(tx, subject, id, event, SYSTEM_ACTOR, {
          precondition: () => check(), lockedDeadline: () => locked,
        })).applied;
      });
      if (applied) return { result: 'fired' };
      return notDueUntil ? { result: 'not_due', dueAt: notDueUntil } : { result: 'stale' };
    } catch (e) {
      if (e instanceof EventNotAllowed) {
        // The case or handoff has reached a state that no longer takes deadlines (it ended).
        this.logger.warn({ deadlineId, state: e.details?.state }, 'deadline fired on a finished workflow; ignored');
        return { result: 'stale' };
      }
      throw e;
    }
  }
}
