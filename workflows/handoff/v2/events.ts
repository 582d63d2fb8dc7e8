/**
 * The client events of `handoff` v2 (v1's, and the criminal-procedure status of police work). The receiving agency's staff act on its work; the commune's
 * case staff may withdraw it. Who belongs to the receiving agency is checked by the handoffs
 * module: the roles here are the ones that can hold such a membership at all.
 */
import type { EventContracts } from '../../contract';
import { CRIMINAL_PROCEDURE_STATUSES } from '../../vocabulary';

const PARTNERS = ['police', 'health', 'education', 'legal_aid', 'social_work_center'] as const;

export const events: EventContracts = {
  ACCEPT: { roles: PARTNERS, membership: 'receiving_agency', labelVi: 'Nhận việc', labelEn: 'Accept', fields: [] },
  DECLINE: {
    roles: PARTNERS, membership: 'receiving_agency', labelVi: 'Từ chối', labelEn: 'Decline',
    fields: [{ key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do từ chối', labelEn: 'Why you decline' }],
  },
  START: { roles: PARTNERS, membership: 'receiving_agency', labelVi: 'Bắt đầu thực hiện', labelEn: 'Start', fields: [] },
  COMPLETE: {
    roles: PARTNERS, membership: 'receiving_agency', labelVi: 'Báo hoàn thành', labelEn: 'Complete',
    fields: [{ key: 'outcome', kind: 'text', multiline: true, maxLength: 10_000, labelVi: 'Kết quả thực hiện', labelEn: 'What was done' }],
  },
  RECORD_PROCEDURE_STATUS: {
    roles: ['police'], membership: 'receiving_agency',
    labelVi: 'Cập nhật tình trạng tố tụng hình sự', labelEn: 'Record the criminal-procedure status',
    fields: [
      {
        key: 'status', kind: 'choice', options: CRIMINAL_PROCEDURE_STATUSES, vocabulary: 'procedureStatus',
        labelVi: 'Tình trạng', labelEn: 'Status',
      },
      { key: 'on', kind: 'date', labelVi: 'Ngày', labelEn: 'Date' },
      { key: 'reference', kind: 'text', maxLength: 100, optional: true, labelVi: 'Số văn bản, quyết định', labelEn: 'Reference (document or decision number)' },
      { key: 'note', kind: 'text', multiline: true, maxLength: 2000, optional: true, labelVi: 'Ghi chú', labelEn: 'Note' },
    ],
  },
  CANCEL: {
    roles: ['social_worker', 'supervisor'], labelVi: 'Hủy yêu cầu', labelEn: 'Cancel the request',
    fields: [{ key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do hủy', labelEn: 'Why you cancel' }],
  },
};

export { DEFAULT_DUE_DAYS } from '../v1/events';
