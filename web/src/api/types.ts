/**
 * The API's shapes under the names the console uses: aliases of the types generated from the
 * service's OpenAPI document (schema.gen.ts, `npm run gen:api-types`). Never restate a shape here.
 */
import type { components } from './schema.gen';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type User = Schemas['SessionUser'];
export type LoginResponse = Schemas['LoginResponse'];
export type MfaChallenge = Schemas['MfaChallengeResponse'];
export type SignInMethods = Schemas['SignInMethodsResponse'];
export type SessionTokens = Schemas['SessionTokensResponse'];
export type PasswordChanged = Schemas['PasswordChangedResponse'];

/** A list page of `T`: every paged list of the API (`CasePage`, `HandoffPage`, …) has this shape. */
export type Page<T> = Omit<Schemas['CasePage'], 'items'> & { items: T[] };

export type CaseListItem = Schemas['CaseListItem'];
/** A case as its caller may see it: partners get the need-to-know projection (no names, no reporter). */
export type CaseDetail = Schemas['CaseView'];
export type Deadline = Schemas['DeadlineView'];
export type Handoff = Schemas['HandoffView'];
export type TimelineItem = Schemas['TimelineItem'];
/** A numbered decision of the commune (plan approval, closure…) as the case view and GET /cases/:id/decisions give it. */
export type Decision = Schemas['DecisionView'];
/** One form of a case's file (NĐ 56/2017 Mẫu số 01–07, the closure decision), as `GET /cases/:id/documents` lists it. */
export type CaseDocument = Schemas['DocumentListItem'];
/** A handoff in an agency's inbox, with the need-to-know view of its case. */
export type InboxItem = Schemas['HandoffDetail'];

/** A child as a report, a matching request or a correction describes them (the registry's fields). */
export type ChildDescription = Schemas['ChildDescriptionDto'];
/** A registry record with its cases (within the caller's scope). */
export type ChildRecord = Schemas['ChildView'];
export type ParentFields = Schemas['ParentDto'];
/** Enough to tell children apart: a matching candidate, a search hit. */
export type ChildSummary = Schemas['ChildSummary'];
export type ChildMatch = Schemas['ChildMatch'];
/** A children search hit: `score` is the relevance to `q` (null without it), `matched` where `q` was found. */
export type ChildSearchItem = Schemas['ChildSearchItem'];
/** A page of search hits; `totalCapped`: more matched than are ranked. */
export type ChildSearchPage = Schemas['ChildSearchPage'];
export type ChildMerge = Schemas['ChildMergeView'];
/** The corrections of a record (values only for supervisors), its consents and their completeness per purpose. */
export type ChildCorrections = Schemas['CorrectionList'];
export type ChildConsents = Schemas['ConsentList'];
export type ChildConsent = Schemas['ConsentView'];
export type LegalHold = Schemas['LegalHoldResponse'];
/** POST /intake's answer: the case, and the registry children that may be the one reported. */
export type IntakeResult = Schemas['IntakeResponse'];

export type Commune = Schemas['Commune'];
export type CommuneRef = Schemas['CommuneRef'];
/** A case passing to another commune: a handover to the residence commune, or a transfer (the child moved). */
export type Transfer = Schemas['TransferView'];
export type UrgentReport = Schemas['UrgentReportView'];
export type Support = Schemas['SupportDetail'];
export type SupportListItem = Schemas['SupportView'];
export type SupportSummary = Schemas['SupportSummary'];
export type Separation = Schemas['SeparationView'];
export type TransferKind = Schemas['TransferKind'];
export type TransferAction = Schemas['TransferAction'];
export type Agency = Schemas['DirectoryAgency'];
export type DirectoryUser = Schemas['DirectoryUser'];

export type OverdueItem = Schemas['OverdueBoardItem'];
export type SlaReport = Schemas['SlaFigures'];
// issue 20: statistics, trends, comparisons, drill-down, the report calendar and statuses
export type StatisticsReport = Schemas['StatisticsFigures'];
export type StatisticsTrend = Schemas['StatisticsTrend'];
export type CommuneComparison = Schemas['CommuneComparison'];
export type ReportCalendar = Schemas['ReportCalendarView'];
export type ReportStatusItem = Schemas['ReportStatusItem'];
export type ReportStatusList = Schemas['ReportStatusList'];
export type Notification = Schemas['NotificationView'];

export type WorkflowSummary = Schemas['WorkflowSummary'];
export type WorkflowDefinition = Schemas['WorkflowDetail'];

export type AdminUser = Schemas['AdminUser'];
export type AdminAgency = Schemas['AdminAgency'];
export type AdminProvince = Schemas['AdminProvince'];
export type AdminCommune = Schemas['AdminCommune'];
export type AgencyType = Schemas['AgencyType'];
export type TemporaryPassword = Schemas['TemporaryPasswordResponse'];
export type ImportReport = Schemas['ImportReport'];
export type Holiday = Schemas['Holiday'];
export type HolidayPreview = Schemas['HolidayPreview'];

export type CurrentPrincipal = Schemas['CurrentPrincipal'];
export type TotpSetup = Schemas['TotpSetupResponse'];
export type TotpConfirmed = Schemas['TotpConfirmedResponse'];

export type SystemClient = Schemas['SystemClient'];
export type SystemClientSecret = Schemas['SystemClientSecretResponse'];
export type ClientScope = Schemas['ClientScope'];

// issue 18: notification settings, alerts, the delivery log
export type NotificationSettings = Schemas['NotificationSettingsView'];
export type ContactSent = Schemas['ContactSent'];
export type AckView = Schemas['AckView'];
export type DeliveryItem = Schemas['DeliveryView'];

// issue 22: supervisors' casework
export type Caseload = Schemas['Caseload'];
export type WorkerCaseload = Schemas['WorkerCaseload'];
export type CaseloadCounts = Schemas['CaseloadCounts'];
export type Agenda = Schemas['Agenda'];
export type AgendaItem = Schemas['AgendaItem'];
export type SupportAgendaItem = Schemas['SupportAgendaItem'];
export type BulkReassignResult = Schemas['BulkReassignResult'];
export type CaseFlag = Schemas['CaseFlag'];
