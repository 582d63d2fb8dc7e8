import { AttachmentRecord } from '../attachments/attachment.entity';
import { AuditEntry } from '../audit/audit.entity';
import { ChildMerge, ChildRecord, ChildSearchWord } from '../children/child.entity';
import { CaseChild, CaseCodeCounter, CaseEventRecord, CaseRecord, CaseReporter, IdempotencyRecord } from '../cases/case.entities';
import { DecisionCounter, DecisionRecord } from '../decisions/decision.entities';
import { DeadlineRecord, Holiday } from '../deadlines/deadline.entities';
import { HandoffRecord } from '../handoffs/handoff.entity';
import { Agency, Commune, Province, Session, SessionRefreshToken, SystemClient, User, UserRecoveryCode, UserTotp } from '../identity/identity.entities';
import { NotificationRecord } from '../notifications/notification.entity';
import { OutboxMessage } from '../outbox/outbox.entity';
import { ReportCalendarRecord, ReportStatusRecord } from '../oversight/report-calendar.entities';

/** Every table's entity, for migration:generate's schema diff and typed repositories. */
export const ENTITIES = [
  Province, Commune, Agency, User, Session, SessionRefreshToken, UserTotp, UserRecoveryCode, SystemClient, AuditEntry,
  ChildRecord, ChildMerge, ChildSearchWord, CaseRecord, CaseChild, CaseReporter, CaseCodeCounter, CaseEventRecord, IdempotencyRecord,
  DeadlineRecord, Holiday, HandoffRecord, NotificationRecord, OutboxMessage, AttachmentRecord, DecisionCounter, DecisionRecord,
  ReportCalendarRecord, ReportStatusRecord,
];
