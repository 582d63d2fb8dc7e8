/**
 * The client events of `temporary-separation` v1. Only the chair of the commune leading the case
 * decides, rejects, extends and revokes (the separations module checks the membership and that the
 * proposer does not decide); the case's workers record the monitoring visits.
 */
import type { EventContracts, FieldSpec } from '../../contract';
import { SIGNER_TITLES } from '../../vocabulary';

const signerTitle: FieldSpec = {
  key: 'signerTitle', kind: 'choice', options: SIGNER_TITLES, vocabulary: 'signerTitle', optional: true, default: 'chair',
  optionRoles: { vice_chair: ['chair'] },
  labelVi: 'Người ký quyết định', labelEn: 'Signed by',
};
const reason = (labelVi: string, labelEn: string): FieldSpec => ({ key: 'reason', kind: 'text', multiline: true, maxLength: 2000, labelVi, labelEn });
const text = (key: string, labelVi: string, labelEn: string, optional = false): FieldSpec =>
  ({ key, kind: 'text', multiline: true, maxLength: 2000, labelVi, labelEn, ...(optional ? { optional } : {}) });

export const events: EventContracts = {
  DECIDE_SEPARATION: {
    roles: ['chair'], membership: 'lead_commune', decision: true,
    labelVi: 'Quyết định tạm thời cách ly', labelEn: 'Decide the separation',
    fields: [signerTitle],
  },
  REJECT_SEPARATION: {
    roles: ['chair'], membership: 'lead_commune', decision: true,
    labelVi: 'Không quyết định cách ly', labelEn: 'Reject the separation',
    fields: [reason('Lý do', 'Why')],
  },
  CANCEL_SEPARATION: {
    roles: ['social_worker', 'supervisor', 'chair'], membership: 'lead_commune',
    labelVi: 'Rút đề nghị / chấm dứt do đóng hồ sơ', labelEn: 'Withdraw (or end as the case closes)',
    fields: [reason('Lý do', 'Why')],
  },
  RECORD_VISIT: {
    roles: ['social_worker', 'supervisor'], membership: 'lead_commune',
    labelVi: 'Ghi kết quả thăm trẻ', labelEn: 'Record a monitoring visit',
    fields: [
      { key: 'visitedOn', kind: 'date', labelVi: 'Ngày thăm', labelEn: 'Visited on' },
      text('observations', 'Nhận xét', 'Observations'),
      text('childCondition', 'Tình trạng của trẻ', 'The child’s condition'),
      text('carerCare', 'Việc chăm sóc của người nhận chăm sóc', 'The carer’s care'),
    ],
  },
  EXTEND_SEPARATION: {
    roles: ['chair'], membership: 'lead_commune', decision: true,
    labelVi: 'Ghi gia hạn cách ly (cơ quan có thẩm quyền)', labelEn: 'Record an extension (competent authority)',
    fields: [
      { key: 'authority', kind: 'text', maxLength: 300, labelVi: 'Cơ quan quyết định gia hạn', labelEn: 'Authority that extended it' },
      { key: 'documentRef', kind: 'text', maxLength: 200, labelVi: 'Số, ký hiệu văn bản', labelEn: 'Document reference' },
      { key: 'newEndOn', kind: 'date', labelVi: 'Ngày kết thúc mới', labelEn: 'New end date' },
      signerTitle,
    ],
  },
  REVOKE_SEPARATION: {
    roles: ['chair'], membership: 'lead_commune', decision: true,
    labelVi: 'Hủy bỏ cách ly (gia đình đã an toàn)', labelEn: 'Revoke (the home is safe)',
    fields: [reason('Lý do: môi trường gia đình đã an toàn', 'Why: the home is safe'), signerTitle],
  },
};
