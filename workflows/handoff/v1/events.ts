/**
 * The client events of `handoff` v1. The receiving agency's staff act on its work; the commune's
 * case staff may withdraw it. Who belongs to the receiving agency is checked by the handoffs
 * module: the roles here are the ones that can hold such a membership at all.
 */
import type { EventContracts } from '../../contract';

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
  CANCEL: {
    roles: ['social_worker', 'supervisor'], labelVi: 'Hủy yêu cầu', labelEn: 'Cancel the request',
    fields: [{ key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do hủy', labelEn: 'Why you cancel' }],
  },
};

/** Completion due this many calendar days after the request when it names no date. */
export const DEFAULT_DUE_DAYS = { urgent: 1, normal: 7 } as const;
