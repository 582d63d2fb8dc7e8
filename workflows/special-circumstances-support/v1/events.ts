/**
 * The client events of `special-circumstances-support` v1: the social workers and supervisors of
 * the commune holding the support (the child's commune, checked by the supports module) assess,
 * plan, grant and end services, review and exit. The chair sees the register and acts on none of it.
 */
import type { EventContracts, FieldSpec } from '../../contract';
import { SUPPORT_EXIT_REASONS, SUPPORT_SERVICE_KINDS } from '../../vocabulary';

const WORKERS = ['social_worker', 'supervisor'] as const;
const serviceFields: FieldSpec[] = [
  { key: 'kind', kind: 'choice', options: SUPPORT_SERVICE_KINDS, vocabulary: 'supportServiceKind', labelVi: 'Chính sách, dịch vụ', labelEn: 'Policy or service' },
  {
    key: 'detail', kind: 'text', maxLength: 1000, labelVi: 'Nội dung trợ giúp', labelEn: 'What is granted',
    hintVi: 'Ví dụ: trợ cấp xã hội hằng tháng theo NĐ 20/2021, thẻ BHYT, miễn học phí', hintEn: 'E.g. the monthly social allowance (NĐ 20/2021), a health-insurance card, fee exemption',
  },
  { key: 'grantedOn', kind: 'date', labelVi: 'Ngày được hưởng', labelEn: 'Granted on' },
];

export const events: EventContracts = {
  ASSESS: {
    roles: WORKERS, labelVi: 'Đánh giá nhu cầu', labelEn: 'Assess the needs',
    fields: [
      { key: 'needs', kind: 'text', maxLength: 5000, multiline: true, labelVi: 'Nhu cầu của trẻ em', labelEn: 'The child’s needs' },
      { key: 'circumstances', kind: 'text', maxLength: 5000, multiline: true, optional: true, labelVi: 'Hoàn cảnh gia đình, người chăm sóc', labelEn: 'Family and carer' },
      { key: 'assessedOn', kind: 'date', labelVi: 'Ngày đánh giá', labelEn: 'Assessed on' },
    ],
  },
  PLAN: {
    roles: WORKERS, labelVi: 'Lập kế hoạch hỗ trợ', labelEn: 'Make the support plan',
    fields: [
      { key: 'goals', kind: 'text', maxLength: 5000, multiline: true, labelVi: 'Mục tiêu, biện pháp hỗ trợ', labelEn: 'Goals and measures' },
      { key: 'services', kind: 'records', maxItems: 10, fields: serviceFields, labelVi: 'Chính sách, dịch vụ được hưởng', labelEn: 'Policies and services granted' },
    ],
  },
  GRANT_SERVICE: { roles: WORKERS, labelVi: 'Thêm chính sách, dịch vụ', labelEn: 'Grant a service', fields: serviceFields },
  END_SERVICE: {
    roles: WORKERS, labelVi: 'Chấm dứt chính sách, dịch vụ', labelEn: 'End a service',
    fields: [
      { key: 'service', kind: 'integer', min: 1, max: 1000, labelVi: 'Số thứ tự chính sách, dịch vụ', labelEn: 'Service number' },
      { key: 'endedOn', kind: 'date', labelVi: 'Ngày chấm dứt', labelEn: 'Ended on' },
      { key: 'reason', kind: 'text', maxLength: 1000, labelVi: 'Lý do', labelEn: 'Why' },
    ],
  },
  REVIEW: {
    roles: WORKERS, labelVi: 'Rà soát định kỳ', labelEn: 'Review',
    fields: [
      { key: 'reviewedOn', kind: 'date', labelVi: 'Ngày rà soát', labelEn: 'Reviewed on' },
      { key: 'findings', kind: 'text', maxLength: 5000, multiline: true, labelVi: 'Kết quả rà soát', labelEn: 'Findings' },
    ],
  },
  EXIT: {
    roles: WORKERS, decision: true, labelVi: 'Đưa ra khỏi danh sách', labelEn: 'Exit the register',
    fields: [
      { key: 'reason', kind: 'choice', options: SUPPORT_EXIT_REASONS, vocabulary: 'supportExitReason', labelVi: 'Lý do', labelEn: 'Reason' },
      { key: 'note', kind: 'text', maxLength: 2000, optional: true, labelVi: 'Ghi chú', labelEn: 'Note' },
      { key: 'exitedOn', kind: 'date', labelVi: 'Ngày ra khỏi danh sách', labelEn: 'Exited on' },
    ],
  },
};
