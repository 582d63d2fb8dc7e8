import { Foundation1795509003747 } from './1795509003747-Foundation';
import { CaseEngine1795509526152 } from './1795509526152-CaseEngine';
import { OversightIndexes1795513887670 } from './1795513887670-OversightIndexes';
import { AuditTxIdFunction1795515300000 } from './1795515300000-AuditTxIdFunction';
import { HandoffWorkflowName1795600000000 } from './1795600000000-HandoffWorkflowName';
import { IntakeDedupAndPartnerSight1795600100000 } from './1795600100000-IntakeDedupAndPartnerSight';
import { Sessions1795700000000 } from './1795700000000-Sessions';
import { NationalAdmin1795700100000 } from './1795700100000-NationalAdmin';
import { SecondFactor1795800000000 } from './1795800000000-SecondFactor';
import { SystemClients1795800100000 } from './1795800100000-SystemClients';
import { ChildRegistry1795900000000 } from './1795900000000-ChildRegistry';
import { ChildRecords1795900100000 } from './1795900100000-ChildRecords';
import { ChildSearchIndexes1795900200000 } from './1795900200000-ChildSearchIndexes';
import { TwoCommunes1795900300000 } from './1795900300000-TwoCommunes';
import { Decisions1796000000000 } from './1796000000000-Decisions';
import { ReporterAddress1796000050000 } from './1796000050000-ReporterAddress';
import { Attachments1796000100000 } from './1796000100000-Attachments';
import { SeparationDecisions1796100000000 } from './1796100000000-SeparationDecisions';
import { VillageCollaborator1796100100000 } from './1796100100000-VillageCollaborator';
import { ChildSupports1796200000000 } from './1796200000000-ChildSupports';
import { NotificationChannels1796300000000 } from './1796300000000-NotificationChannels';
import { ReportCalendar1796500000000 } from './1796500000000-ReportCalendar';
import { StatisticsIndexes1796500100000 } from './1796500100000-StatisticsIndexes';
import { AuditKeyedChain1796600000000 } from './1796600000000-AuditKeyedChain';
import { ApplicationRole1796600100000 } from './1796600100000-ApplicationRole';
import { CaseFlags1796700000000 } from './1796700000000-CaseFlags';
import { FieldEncryption1796800000000 } from './1796800000000-FieldEncryption';
import { Retention1796800100000 } from './1796800100000-Retention';
import { CaseFacts1796900000000 } from './1796900000000-CaseFacts';
import { HandoffFacts1796900050000 } from './1796900050000-HandoffFacts';
import { DataSubjectRights1797100000000 } from './1797100000000-DataSubjectRights';
import { SlaFacts1797200000000 } from './1797200000000-SlaFacts';

/** Migrations in the order they run. Imported as classes so compiled and test runs share one list. */
export const MIGRATIONS = [
  Foundation1795509003747,
  CaseEngine1795509526152,
  OversightIndexes1795513887670,
  AuditTxIdFunction1795515300000,
  HandoffWorkflowName1795600000000,
  IntakeDedupAndPartnerSight1795600100000,
  Sessions1795700000000,
  NationalAdmin1795700100000,
  SecondFactor1795800000000,
  SystemClients1795800100000,
  ChildRegistry1795900000000,
  ChildRecords1795900100000,
  ChildSearchIndexes1795900200000,
  TwoCommunes1795900300000,
  Decisions1796000000000,
  ReporterAddress1796000050000,
  Attachments1796000100000,
  SeparationDecisions1796100000000,
  VillageCollaborator1796100100000,
  ChildSupports1796200000000,
  NotificationChannels1796300000000,
  ReportCalendar1796500000000,
  StatisticsIndexes1796500100000,
  AuditKeyedChain1796600000000,
  ApplicationRole1796600100000,
  CaseFlags1796700000000,
  FieldEncryption1796800000000,
  Retention1796800100000,
  CaseFacts1796900000000,
  HandoffFacts1796900050000,
  DataSubjectRights1797100000000,
  SlaFacts1797200000000,
];
