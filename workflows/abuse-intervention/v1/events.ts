/**
 * The client events of `abuse-intervention` v1, each declared once: who may send it, the fields of
 * its data (validated by the API, rendered by the console) and its names. Separation of duties:
 * the roles that draft a plan or propose a closure are not the roles that approve it, and the
 * machine's guards refuse the proposer even where a role could do both.
 */
import type { EventContracts, FieldSpec } from '../../contract';
import { HANDOFF_KINDS, PARTNER_AGENCY_TYPES, SIGNER_TITLES } from '../../vocabulary';
import { RISK_LEVELS } from './machine';

const WORKERS = ['social_worker', 'supervisor'] as const;
const CASE_STAFF = ['social_worker', 'supervisor', 'chair'] as const;

const reason: FieldSpec = { key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do', labelEn: 'Reason' };
const summary: FieldSpec = { key: 'summary', kind: 'text', multiline: true, maxLength: 10_000, labelVi: 'Tóm tắt', labelEn: 'Summary' };

/**
 * Who signs the decision (decisions/): the chair, or a vice-chair on the chair's behalf (KT. CHỦ
 * TỊCH / PHÓ CHỦ TỊCH). Only the chair chooses: for anyone else the one value left is the default,
 * so the console does not ask, and the decision carries their own title (a supervisor's closure).
 */
const signerTitle: FieldSpec = {
  key: 'signerTitle', kind: 'choice', options: SIGNER_TITLES, vocabulary: 'signerTitle', optional: true, default: 'chair',
  optionRoles: { vice_chair: ['chair'] },
  labelVi: 'Người ký quyết định', labelEn: 'Signed by',
};
/** The day the decision takes effect, when not the day it is signed. */
// TODO(date kind): `{ kind: 'date' }` once workflows/contract.ts has it; the decisions module checks the format meanwhile.
const effectiveOn: FieldSpec = {
  key: 'effectiveOn', kind: 'text', maxLength: 10, optional: true,
  labelVi: 'Ngày quyết định có hiệu lực', labelEn: 'Takes effect on',
  hintVi: 'Để trống: có hiệu lực từ ngày ký', hintEn: 'Leave empty: from the day it is signed',
};
const DECISION_FIELDS = [signerTitle, effectiveOn];

export const events: EventContracts = {
  ASSIGN: {
    roles: CASE_STAFF, labelVi: 'Phân công người xử lý', labelEn: 'Assign',
    fields: [{ key: 'assigneeId', kind: 'assignee', labelVi: 'Giao cho', labelEn: 'Assign to' }],
  },
  START_VERIFICATION: { roles: WORKERS, labelVi: 'Bắt đầu xác minh', labelEn: 'Start verification', fields: [] },
  RECORD_INITIAL_ASSESSMENT: {
    roles: WORKERS, labelVi: 'Ghi đánh giá nguy cơ ban đầu', labelEn: 'Record the initial risk assessment',
    fields: [
      { key: 'riskLevel', kind: 'choice', options: RISK_LEVELS, vocabulary: 'risk', labelVi: 'Mức độ nguy cơ', labelEn: 'Risk level' },
      { key: 'substantiated', kind: 'boolean', labelVi: 'Tin báo có cơ sở?', labelEn: 'Is the report substantiated?' },
      summary,
    ],
  },
  APPLY_EMERGENCY_MEASURES: {
    roles: CASE_STAFF, labelVi: 'Áp dụng biện pháp khẩn cấp', labelEn: 'Apply emergency measures',
    fields: [{
      key: 'measures', kind: 'lines', minItems: 1, maxItems: 20, maxLength: 500,
      labelVi: 'Biện pháp khẩn cấp (mỗi dòng một biện pháp)', labelEn: 'Emergency measures (one per line)',
    }],
  },
  RECORD_ASSESSMENT: {
    roles: WORKERS, labelVi: 'Ghi đánh giá chi tiết, nhu cầu của trẻ', labelEn: 'Record the assessment and needs',
    fields: [
      { key: 'needs', kind: 'lines', maxItems: 50, maxLength: 500, labelVi: 'Nhu cầu của trẻ (mỗi dòng một nhu cầu)', labelEn: 'The child’s needs (one per line)' },
      summary,
    ],
  },
  SUBMIT_PLAN: {
    roles: WORKERS, labelVi: 'Trình kế hoạch hỗ trợ, can thiệp', labelEn: 'Submit the intervention plan',
    fields: [
      { key: 'goals', kind: 'text', multiline: true, maxLength: 10_000, labelVi: 'Mục tiêu của kế hoạch', labelEn: 'Goals of the plan' },
      {
        key: 'actions', kind: 'records', maxItems: 30, agencyTypeField: 'agencyType',
        labelVi: 'Phần việc giao cho cơ quan phối hợp', labelEn: 'Work for partner agencies',
        fields: [
          { key: 'kind', kind: 'choice', options: HANDOFF_KINDS, vocabulary: 'handoffKind', labelVi: 'Loại việc', labelEn: 'Kind of work' },
          { key: 'agencyType', kind: 'choice', options: PARTNER_AGENCY_TYPES, vocabulary: 'agencyType', labelVi: 'Loại cơ quan', labelEn: 'Kind of agency' },
          { key: 'dueInDays', kind: 'integer', min: 1, max: 365, default: 7, labelVi: 'Số ngày để hoàn thành', labelEn: 'Days to complete' },
          { key: 'instructions', kind: 'text', maxLength: 2000, optional: true, labelVi: 'Hướng dẫn', labelEn: 'Instructions' },
        ],
      },
    ],
  },
  APPROVE_PLAN: { roles: ['chair'], decision: true, labelVi: 'Phê duyệt kế hoạch', labelEn: 'Approve the plan', fields: DECISION_FIELDS },
  REJECT_PLAN: { roles: ['chair'], decision: true, labelVi: 'Trả lại kế hoạch', labelEn: 'Reject the plan', fields: [reason] },
  RECORD_REVIEW: {
    roles: WORKERS, labelVi: 'Ghi kết quả rà soát', labelEn: 'Record a review',
    fields: [summary, { key: 'childSafe', kind: 'boolean', labelVi: 'Trẻ đã an toàn?', labelEn: 'Is the child safe?' }],
  },
  PROPOSE_CLOSURE: { roles: WORKERS, labelVi: 'Đề xuất kết thúc hồ sơ', labelEn: 'Propose closure', fields: [reason] },
  APPROVE_CLOSURE: {
    roles: ['chair', 'supervisor'], decision: true, labelVi: 'Đồng ý kết thúc hồ sơ', labelEn: 'Approve closure', fields: DECISION_FIELDS,
  },
  REJECT_CLOSURE: { roles: ['chair', 'supervisor'], decision: true, labelVi: 'Không đồng ý kết thúc', labelEn: 'Reject closure', fields: [reason] },
  CLOSE_UNFOUNDED: { roles: WORKERS, labelVi: 'Đề xuất đóng: tin báo không có cơ sở', labelEn: 'Propose closing as unfounded', fields: [reason] },
  MARK_DUPLICATE: {
    roles: WORKERS, labelVi: 'Đánh dấu trùng với hồ sơ khác', labelEn: 'Mark as a duplicate',
    fields: [{ key: 'ofCaseId', kind: 'caseRef', labelVi: 'Mã hồ sơ gốc (ví dụ VS-2026-000001)', labelEn: 'Code of the original case (e.g. VS-2026-000001)' }],
  },
  REOPEN: { roles: ['supervisor', 'chair'], labelVi: 'Mở lại hồ sơ', labelEn: 'Reopen', fields: [reason] },
  ADD_NOTE: {
    roles: CASE_STAFF, labelVi: 'Thêm ghi chú', labelEn: 'Add a note',
    fields: [
      { key: 'text', kind: 'text', multiline: true, maxLength: 10_000, labelVi: 'Nội dung', labelEn: 'Text' },
      {
        key: 'kind', kind: 'choice', options: ['note', 'supervision'], vocabulary: 'noteKind', optional: true, default: 'note',
        // A supervision finding on a late case is for supervisors and the chair.
        optionRoles: { supervision: ['supervisor', 'chair'] },
        labelVi: 'Loại ghi chú', labelEn: 'Kind of note',
      },
    ],
  },
};
