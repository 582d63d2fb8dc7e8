import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Db } from '../database/db';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DeliveriesRepository } from '../notifications/deliveries.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { DeadlineFiringService } from '../timers/deadline-firing.service';
import { localDay } from './plan';

/**
 * What runs on time for notifications: an urgent alert nobody acknowledged in NOTIFY_ACK_MINUTES
 * alerts the next rung of its deadline's ladder at once (the rung is brought forward and fired
 * through the engine, as its timer would have), and the 07:00 digest.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger('AckTimeouts');

  constructor(
    private readonly db: Db,
    private readonly repo: DeliveriesRepository,
    private readonly deadlines: DeadlinesService,
    private readonly firing: DeadlineFiringService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** The alert's time-out: 'acknowledged' (or handled before), 're-escalated', or 'no-next-rung'. */
  async ackTimedOut(ackId: string): Promise<'acknowledged' | 're-escalated' | 'no-next-rung'> {
    const now = this.clock.now();
    const ack = await this.db.transaction((tx) => this.repo.takeUnanswered(tx, ackId, now));
    if (!ack) return 'acknowledged';
    if (!ack.deadline_id || ack.level === null) return 'no-next-rung';
    const owner = await this.deadlines.bringForward(ack.deadline_id, ack.level, now);
    if (!owner) return 'no-next-rung';
    const { result } = await this.firing.fire(ack.deadline_id, { caseId: owner.case_id, handoffId: owner.handoff_id, supportId: owner.support_id, key: owner.key });
    this.logger.log({ ackId, deadlineId: ack.deadline_id, level: ack.level, result }, 'urgent alert unacknowledged: next rung alerted now');
    return result === 'fired' ? 're-escalated' : 'no-next-rung';
  }

  /** Today's digests (the scheduler's 07:00 tick; a second run the same day writes none). */
  digest(): Promise<number> {
    const now = this.clock.now();
    const { day, start, plusDays } = localDay(now);
    return this.notifications.digest(day, start, plusDays(1), plusDays(7), now);
  }
}
