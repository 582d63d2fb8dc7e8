/**
 * The client events of `abuse-intervention` v1, each declared once: who may send it, the fields of
 * its data (validated by the API, rendered by the console) and its names. Separation of duties:
 * the roles that draft a plan or propose a closure are not the roles that approve it, and the
 * machine's guards refuse the proposer even where a role could do both.
 */
import type { EventContracts, FieldSpec } from '../../contract';
import { HANDOFF_KINDS, NEED_AREAS, PARTNER_AGENCY_TYPES, REVIEW_RECOMMENDATIONS } from '../../vocabulary';
import { CONCLUSION, date, DECISION_FIELDS, environment, longText, MEETING, RATINGS } from '../form-fields';
import { RISK_LEVELS } from './machine';

const WORKERS = ['social_worker', 'supervisor'] as const;
const CASE_STAFF = ['social_worker', 'supervisor', 'chair'] as const;

const reason: FieldSpec = { key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do', labelEn: 'Reason' };
const summary: FieldSpec = { key: 'summary', kind: 'text', multiline: true, maxLength: 10_000, labelVi: 'Tóm tắt', labelEn: 'Summary' };


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
      environment,
      date('assessedOn', 'Ngày đánh giá', 'Date of the assessment', { vi: 'Thông tin chung', en: 'General' }),
      { key: 'place', kind: 'text', maxLength: 500, optional: true, labelVi: 'Địa điểm đánh giá', labelEn: 'Where it was assessed', section: { vi: 'Thông tin chung', en: 'General' } },
      {
        key: 'participants', kind: 'lines', maxItems: 20, maxLength: 300, optional: true, section: { vi: 'Thông tin chung', en: 'General' },
        labelVi: 'Người tham gia đánh giá (họ tên, cơ quan; mỗi dòng một người)', labelEn: 'Who took part (name, agency; one per line)',
      },
      longText('childCondition', 'Tình trạng hiện tại của trẻ em (thể chất, tinh thần)', 'The child’s present condition (physical, mental)'),
      ...RATINGS,
      { key: 'emergencyNeeded', kind: 'boolean', optional: true, section: CONCLUSION, labelVi: 'Trẻ em cần được bảo vệ khẩn cấp?', labelEn: 'Does the child need emergency protection?' },
      {
        key: 'separationProposed', kind: 'boolean', optional: true, section: CONCLUSION,
        labelVi: 'Đề xuất tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại?', labelEn: 'Propose separating the child from the harmful environment or person?',
      },
      {
        key: 'safetyMeasures', kind: 'lines', maxItems: 20, maxLength: 500, optional: true, section: CONCLUSION,
        labelVi: 'Biện pháp bảo đảm an toàn tạm thời đã thực hiện (mỗi dòng một biện pháp)', labelEn: 'Temporary safety measures already taken (one per line)',
      },
      longText('recommendations', 'Đề xuất', 'Proposals', CONCLUSION),
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
      environment,
      {
        key: 'needsByArea', kind: 'records', maxItems: 10, optional: true,
        section: { vi: 'Đánh giá nhu cầu theo từng lĩnh vực', en: 'Needs by area' },
        labelVi: 'Nhu cầu theo lĩnh vực', labelEn: 'Needs by area',
        fields: [
          { key: 'area', kind: 'choice', options: NEED_AREAS, vocabulary: 'needArea', labelVi: 'Lĩnh vực', labelEn: 'Area' },
          { key: 'situation', kind: 'text', maxLength: 2000, labelVi: 'Thực trạng', labelEn: 'Present situation' },
          { key: 'need', kind: 'text', maxLength: 2000, labelVi: 'Nhu cầu hỗ trợ, can thiệp', labelEn: 'Support needed' },
        ],
      },
      longText('strengths', 'Điểm mạnh, nguồn lực của trẻ em và gia đình', 'Strengths and resources of the child and family'),
      longText('childViews', 'Ý kiến, nguyện vọng của trẻ em', 'The child’s views and wishes'),
      longText('familyViews', 'Ý kiến của cha mẹ, người chăm sóc trẻ em', 'The views of the parents or carer'),
      date('meetingOn', 'Ngày họp', 'Date of the meeting', MEETING),
      { key: 'meetingPlace', kind: 'text', maxLength: 500, optional: true, labelVi: 'Địa điểm họp', labelEn: 'Where it was held', section: MEETING },
      { key: 'meetingChair', kind: 'text', maxLength: 200, optional: true, labelVi: 'Chủ trì', labelEn: 'Chaired by', section: MEETING },
      { key: 'meetingSecretary', kind: 'text', maxLength: 200, optional: true, labelVi: 'Thư ký', labelEn: 'Minutes taken by', section: MEETING },
      {
        key: 'meetingAttendees', kind: 'records', maxItems: 30, optional: true, section: MEETING,
        labelVi: 'Thành phần tham dự', labelEn: 'Attendees',
        fields: [
          { key: 'name', kind: 'text', maxLength: 200, labelVi: 'Họ và tên', labelEn: 'Name' },
          { key: 'organisation', kind: 'text', maxLength: 200, optional: true, labelVi: 'Chức vụ, cơ quan', labelEn: 'Position, agency' },
        ],
      },
      longText('meetingConclusions', 'Kết luận của cuộc họp', 'What the meeting concluded', MEETING),
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
          { key: 'activity', kind: 'text', maxLength: 2000, optional: true, labelVi: 'Hoạt động, dịch vụ cụ thể', labelEn: 'Activity or service' },
          { key: 'responsible', kind: 'text', maxLength: 200, optional: true, labelVi: 'Người thực hiện', labelEn: 'Who does it' },
          { key: 'budget', kind: 'text', maxLength: 200, optional: true, labelVi: 'Kinh phí, nguồn', labelEn: 'Cost and source' },
        ],
      },
      {
        key: 'objectives', kind: 'lines', maxItems: 20, maxLength: 500, optional: true,
        labelVi: 'Mục tiêu cụ thể (mỗi dòng một mục tiêu)', labelEn: 'Specific objectives (one per line)',
      },
      longText('childAndFamilyRoles', 'Trách nhiệm của trẻ em, cha mẹ, người chăm sóc trẻ em', 'What the child and the parents or carer undertake'),
      longText('monitoring', 'Theo dõi, đánh giá việc thực hiện kế hoạch', 'How the plan is monitored'),
      date('reviewOn', 'Ngày dự kiến rà soát, đánh giá', 'Planned review date'),
    ],
  },
  APPROVE_PLAN: { roles: ['chair'], decision: true, labelVi: 'Phê duyệt kế hoạch', labelEn: 'Approve the plan', fields: DECISION_FIELDS },
  REJECT_PLAN: { roles: ['chair'], decision: true, labelVi: 'Trả lại kế hoạch', labelEn: 'Reject the plan', fields: [reason] },
  RECORD_REVIEW: {
    roles: WORKERS, labelVi: 'Ghi kết quả rà soát', labelEn: 'Record a review',
    fields: [
      summary,
      { key: 'childSafe', kind: 'boolean', labelVi: 'Trẻ đã an toàn?', labelEn: 'Is the child safe?' },
      ...RATINGS,
      {
        key: 'recommendation', kind: 'choice', options: REVIEW_RECOMMENDATIONS, vocabulary: 'reviewRecommendation', optional: true, section: CONCLUSION,
        labelVi: 'Đề xuất', labelEn: 'Recommendation',
      },
      longText('nextSteps', 'Các bước tiếp theo', 'Next steps', CONCLUSION),
    ],
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
