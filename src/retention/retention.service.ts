import { Inject, Injectable, Logger } from '@nestjs/common';
import { getWorkflow } from '../../workflows';
import { AuditService } from '../audit/audit.service';
import { CasesRepository, SEALED_INCIDENT_FIELDS } from '../cases/cases.repository';
import { Clock } from '../common/clock';
import { CaseNotFound, Conflict, Forbidden } from '../common/errors';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { Db } from '../database/db';
import { withoutFreeText } from '../engine/free-text';
import { HandoffsRepository } from '../handoffs/handoffs.repository';
import { AccessRepository, caseScopeSql } from '../identity/access.repository';
import { NOT_LEAD_MESSAGE } from '../identity/policy';
import type { Principal } from '../identity/roles';
import { SessionsRepository } from '../identity/sessions.repository';
import { DeliveriesRepository } from '../notifications/deliveries.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { SupportsRepository } from '../supports/supports.repository';
import type { LegalHoldResponse } from './dto/legal-hold.dto';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Cases anonymised per transaction: a long backlog is worked through in short transactions. */
const BATCH = 50;
const SYSTEM = { id: null, role: 'system' };

export interface RetentionRun {
  idempotencyKeys: number;
  notifications: number;
  sessions: number;
  deliveries: number;
  notificationAcks: number;
  anonymisedCases: number;
}

/**
 * What baove keeps, and for how long (README "Data protection"): the `retention` job purges
 * Idempotency-Key answers, notifications, urgent alerts' acknowledgements and ended sessions past
 * their configured age and anonymises closed cases RETENTION_ANONYMISE_CLOSED_AFTER_DAYS after their closure, unless a
 * legal hold stops it. Every run is idempotent (a second run the same instant finds nothing) and
 * audited; concurrent runs skip each other's cases.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesRepository,
    private readonly notifications: NotificationsService,
    private readonly deliveries: DeliveriesRepository,
    private readonly sessions: SessionsRepository,
    private readonly access: AccessRepository,
    private readonly audit: AuditService,
    private readonly handoffs: HandoffsRepository,
    private readonly supports: SupportsRepository,
  ) {}

  async run(): Promise<RetentionRun> {
    const now = this.clock.now();
    const r = this.config.retention;
    const purged = await this.db.transaction(async (tx) => {
      const counts = {
        idempotencyKeys: await this.cases.purgeIdempotentBefore(tx, new Date(now.getTime() - r.idempotencyHours * HOUR)),
        notifications: await this.notifications.purgeBefore(tx, new Date(now.getTime() - r.notificationsDays * DAY)),
        sessions: await this.sessions.purgeEndedBefore(tx, new Date(now.getTime() - r.sessionsDays * DAY)),
        notificationAcks: await this.deliveries.purgeAcksBefore(tx, new Date(now.getTime() - r.notificationAcksDays * DAY)),
      };
      if (Object.values(counts).some((n) => n > 0)) {
        await this.audit.record(tx, { actor: SYSTEM, action: 'retention.purged', entity: 'retention', details: { ...counts, at: now.toISOString() } });
      }
      return counts;
    });
    // Finished deliveries hold a person's address: purged apart, sooner than their notification (whose deletion cascades to them).
    const deliveries = await this.deliveries.purgeDeliveriesBefore(new Date(now.getTime() - r.deliveriesDays * DAY));
    const anonymisedCases = await this.anonymiseClosed(now);
    const done = { ...purged, deliveries, anonymisedCases };
    if (Object.values(done).some((n) => n > 0)) this.logger.log(done, 'retention ran');
    return done;
  }

  /** Anonymises the closed cases due (closed more than the configured days before `now`, not held); how many. */
  async anonymiseClosed(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.config.retention.anonymiseClosedAfterDays * DAY);
    let total = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const due = await this.cases.closedToAnonymise(tx, before, BATCH);
        for (const c of due) {
          const def = getWorkflow(c.workflow, c.workflow_version);
          const events = (await this.cases.eventsOf(tx, c.id)).flatMap((e) => {
            const fields = def.events[e.type]?.fields;
            if (!fields) return [];
            const data = withoutFreeText(e.data, fields);
            return JSON.stringify(data) === JSON.stringify(e.data) ? [] : [{ id: e.id, data }];
          });
          const incident = Object.fromEntries(Object.entries(c.incident).filter(([k]) => !(SEALED_INCIDENT_FIELDS as readonly string[]).includes(k)));
          await this.cases.anonymise(tx, c.id, incident, events, now);
          const handoffs = await this.handoffs.anonymiseOfCase(tx, c.id);
          const supports = await this.supports.anonymiseEndedOfChild(tx, c.child_id, before);
          await this.audit.record(tx, {
            actor: SYSTEM, action: 'case.anonymised', caseId: c.id, entity: 'case', entityId: c.id,
            details: { afterDays: this.config.retention.anonymiseClosedAfterDays, events: events.length, handoffs, supports },
          });
        }
        return due.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** Sets (`reason`) or lifts (null, with why when given) a case's legal hold: its lead commune's supervisors and chair; audited. */
  async setLegalHold(p: Principal, caseId: string, reason: string | null, liftReason: string | null = null): Promise<LegalHoldResponse> {
    return this.db.transaction(async (tx) => {
      const c = await this.cases.lock(tx, caseId, (bind) => caseScopeSql(p, bind));
      if (!(await this.access.leadsCase(tx, p, c.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
      const now = this.clock.now();
      if (c.anonymised_at) throw new Conflict('Hồ sơ đã được ẩn danh / The case is already anonymised');
      const hold = await this.cases.setLegalHold(tx, caseId, reason === null ? null : { reason, by: p.userId, at: now });
      await this.audit.record(tx, {
        actor: { id: p.userId, role: p.role }, action: reason === null ? 'case.legal_hold_lifted' : 'case.legal_hold_set',
        caseId, entity: 'case', entityId: caseId, details: reason === null ? { previousReason: c.legal_hold_reason, reason: liftReason } : { reason },
      });
      return {
        caseId,
        legalHold: hold.reason === null ? null : { reason: hold.reason, since: new Date(hold.at!).toISOString(), setBy: hold.by! },
      };
    });
  }
}
