/**
 * The commune's urgent report (BÁO CÁO ĐỘT XUẤT) of a child's death, serious injury, drowning or
 * serious abuse, addressed to the provincial Department of Health (Sở Y tế) and signed for the
 * People's Committee by its chair, in the NĐ 30/2020/NĐ-CP layout: header, "V/v" summary under the
 * title, "Kính gửi", the numbered sections of the report, the signature and "Nơi nhận". The child
 * is named as the report names them (the province needs it); the case's reporter never appears. Pure.
 */
import type { UrgentReportContent } from '../../../workflows/urgent-report/v1/machine';
import { dateTime, vi } from '../format';
import type { DocumentSpec } from '../layout';
import { field, header, heading, Issuer, paragraph, reference } from './common';

export interface UrgentReportDocumentInput {
  issuer: Issuer;
  caseCode: string;
  /** The Department of Health's name ("Sở Y tế Thanh Hóa"). */
  addressedTo: string;
  kinds: readonly string[];
  content: UrgentReportContent;
  openedAt: Date;
  state: string;
  chairName: string | null;
}

/** "Về vụ việc trẻ em tử vong, đuối nước". */
export function urgentReportSubject(kinds: readonly string[]): string {
  return `Về vụ việc trẻ em ${kinds.map((k) => vi('urgentKind', k)).join(', ')}`;
}

export function urgentReportDocument(i: UrgentReportDocumentInput): DocumentSpec {
  const c = i.content;
  const section = (n: number, title: string, text: string | null) => [heading(`${n}. ${title}`), paragraph(text, { indent: true })];
  return {
    title: `Báo cáo đột xuất – ${i.caseCode}`,
    blocks: [
      reference(null, i.caseCode),
      header(i.issuer, null, i.openedAt, '/BC-UBND'),
      { kind: 'title', text: 'BÁO CÁO ĐỘT XUẤT', summary: [urgentReportSubject(i.kinds)] },
      paragraph(`Kính gửi: ${i.addressedTo}`, { align: 'center', indent: false }),
      paragraph(`Ủy ban nhân dân ${i.issuer.communeName.replace(/^Xã /, 'xã ').replace(/^Phường /, 'phường ')} báo cáo vụ việc như sau:`, { indent: true }),
      ...section(1, 'Thời gian, địa điểm xảy ra', [c.occurredAt, c.location].filter(Boolean).join('; ') || null),
      ...section(2, 'Trẻ em bị ảnh hưởng', c.children),
      ...section(3, 'Diễn biến sự việc', c.summary),
      ...section(4, 'Hậu quả', c.consequences),
      ...section(5, 'Nguyên nhân', c.cause),
      ...section(6, 'Các biện pháp đã thực hiện', c.actionsTaken),
      ...section(7, 'Đề xuất, kiến nghị', c.proposals),
      field('Thời điểm lập báo cáo', dateTime(i.openedAt)),
      field('Tình trạng', vi('urgentReportState', i.state)),
      paragraph('Thông tin về trẻ em là bí mật, chỉ dùng để chỉ đạo, xử lý vụ việc (Luật Trẻ em 2016; Nghị định 13/2023/NĐ-CP).', { style: 'italic', size: 11, indent: false }),
      {
        kind: 'signatures',
        right: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', note: '(Ký, ghi rõ họ tên, đóng dấu)', name: i.chairName },
        recipients: [`Như trên (${i.addressedTo});`, 'Chủ tịch UBND xã/phường;', 'Lưu: VT, VHXH.'],
      },
    ],
  };
}
