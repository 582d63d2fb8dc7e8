import { AttachmentRecord } from '../attachments/attachment.entity';
import { FieldBackfillRecord, FieldKeyRecord } from '../crypto/field-key.entity';
import { AuditEntry } from '../audit/audit.entity';
import { ChildConsent, ChildCorrection, ChildMerge, ChildRecord, ChildSearchWord } from '../children/child.entity';
import { CaseFlagRecord } from '../casework/case-flag.entity';
import { CaseChild, CaseCodeCounter, CaseEventRecord, CaseRecord, CaseReporter, IdempotencyRecord } from '../cases/case.entities';
import { DecisionCounter, DecisionRecord } from '../decisions/decision.entities';
import { DeadlineRecord, Holiday } from '../deadlines/deadline.entities';
import { HandoffRecord } from '../handoffs/handoff.entity';
import { Agency, Commune, Province, Session, SessionRefreshToken, SystemClient, User, UserRecoveryCode, UserTotp } from '../identity/identity.entities';
import { NotificationAck, NotificationDelivery, NotificationSettings, PushSubscriptionRecord, UserContact } from '../notifications/channel.entities';
import { NotificationRecord } from '../notifications/notification.entity';
import { OutboxMessage } from '../outbox/outbox.entity';
import { ChildSupportEventRecord, ChildSupportRecord, ChildSupportServiceRecord } from '../supports/support.entities';
import { ReportCalendarRecord, ReportStatusRecord } from '../oversight/report-calendar.entities';

/** Every table's entity, for migration:generate's schema diff and typed repositories. */
export const ENTITIES = [
  Province, Commune, Agency, User, Session, SessionRefreshToken, UserTotp, UserRecoveryCode, SystemClient, AuditEntry,
  ChildRecord, ChildMerge, ChildSearchWord, ChildCorrection, ChildConsent, CaseRecord, CaseChild, CaseReporter, CaseCodeCounter, CaseEventRecord, IdempotencyRecord,
  DeadlineRecord, Holiday, HandoffRecord, NotificationRecord, OutboxMessage, AttachmentRecord, DecisionCounter, DecisionRecord, FieldKeyRecord, FieldBackfillRecord,
  ChildSupportRecord, ChildSupportServiceRecord, ChildSupportEventRecord,
  UserContact, NotificationSettings, PushSubscriptionRecord, NotificationDelivery, NotificationAck,
  CaseFlagRecord,
  ReportCalendarRecord, ReportStatusRecord,
];
