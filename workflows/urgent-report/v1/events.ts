/**
 * The client events of `urgent-report` v1. The reporting commune's staff write, send, close or
 * withdraw the report; its chair receives it; the provincial Department of Health's staff
 * (province-level supervisors and auditors of the `provincial_health_department` agency the report
 * is addressed to) acknowledge it. Membership is checked by the urgent-reports module.
 */
import type { EventContracts, FieldSpec } from '../../contract';

const content = { vi: 'Nội dung báo cáo', en: 'The report' };
const text = (key: string, labelVi: string, labelEn: string, optional = false): FieldSpec => ({
  key, kind: 'text', maxLength: 5000, multiline: true, labelVi, labelEn, section: content, ...(optional ? { optional } : {}),
});

export const events: EventContracts = {
  SUBMIT_REPORT: {
    roles: ['social_worker', 'supervisor', 'chair'], membership: 'lead_commune',
    labelVi: 'Gửi báo cáo đột xuất', labelEn: 'Send the urgent report',
    fields: [
      text('summary', 'Diễn biến sự việc', 'What happened'),
      { key: 'occurredAt', kind: 'text', maxLength: 200, labelVi: 'Thời gian xảy ra', labelEn: 'When it happened', section: content },
      { key: 'location', kind: 'text', maxLength: 500, labelVi: 'Địa điểm xảy ra', labelEn: 'Where it happened', section: content },
      text('children', 'Trẻ em bị ảnh hưởng (họ tên, tuổi, giới tính, nơi cư trú)', 'The child(ren): name, age, sex, residence'),
      text('consequences', 'Hậu quả', 'Consequences'),
      text('actionsTaken', 'Các biện pháp đã thực hiện', 'Actions taken'),
      text('cause', 'Nguyên nhân', 'Cause', true),
      text('proposals', 'Đề xuất, kiến nghị', 'Proposals', true),
    ],
  },
  RECEIVE: {
    roles: ['chair'], membership: 'lead_commune', decision: true,
    labelVi: 'Chủ tịch đã nhận báo cáo', labelEn: 'Chair: received',
    fields: [{ key: 'note', kind: 'text', maxLength: 2000, multiline: true, optional: true, labelVi: 'Chỉ đạo của Chủ tịch', labelEn: 'The chair’s instructions' }],
  },
  ACKNOWLEDGE: {
    roles: ['supervisor', 'auditor'], membership: 'receiving_agency', decision: true,
    labelVi: 'Sở Y tế đã tiếp nhận', labelEn: 'Department of Health: acknowledged',
    fields: [{ key: 'note', kind: 'text', maxLength: 2000, multiline: true, optional: true, labelVi: 'Ý kiến của Sở Y tế', labelEn: 'The department’s remarks' }],
  },
  CLOSE_REPORT: {
    roles: ['social_worker', 'supervisor', 'chair'], membership: 'lead_commune',
    labelVi: 'Kết thúc báo cáo', labelEn: 'Close the report',
    fields: [{ key: 'followUp', kind: 'text', maxLength: 5000, multiline: true, labelVi: 'Kết quả theo dõi, xử lý', labelEn: 'Follow-up' }],
  },
  WITHDRAW: {
    roles: ['social_worker', 'supervisor'], membership: 'lead_commune',
    labelVi: 'Rút báo cáo', labelEn: 'Withdraw the report',
    fields: [{ key: 'reason', kind: 'text', maxLength: 2000, labelVi: 'Lý do rút', labelEn: 'Why it is withdrawn' }],
  },
};
