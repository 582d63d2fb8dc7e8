/**
 * The client events of `commune-transfer` v1. The receiving commune's case staff decide; the
 * commune leading the case may withdraw its request. Which commune a caller belongs to is checked
 * by the module that owns transfers (`membership`): the roles here are the ones that may act at all.
 */
import type { EventContracts } from '../../contract';

export const events: EventContracts = {
  ACCEPT_TRANSFER: {
    roles: ['social_worker', 'supervisor', 'chair'], membership: 'receiving_commune', decision: true,
    labelVi: 'Tiếp nhận hồ sơ', labelEn: 'Accept the case',
    fields: [{
      key: 'assigneeId', kind: 'assignee', labelVi: 'Giao cho', labelEn: 'Assign to',
      hintVi: 'Cán bộ của xã/phường nhận hồ sơ', hintEn: 'A social worker or supervisor of the receiving commune',
    }],
  },
  DECLINE_TRANSFER: {
    roles: ['social_worker', 'supervisor', 'chair'], membership: 'receiving_commune', decision: true,
    labelVi: 'Từ chối tiếp nhận', labelEn: 'Decline',
    fields: [{ key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do từ chối', labelEn: 'Why you decline' }],
  },
  CANCEL_TRANSFER: {
    roles: ['social_worker', 'supervisor'], membership: 'lead_commune',
    labelVi: 'Rút yêu cầu chuyển', labelEn: 'Withdraw the request',
    fields: [{ key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do rút', labelEn: 'Why you withdraw it' }],
  },
};
