/**
 * The case file (hồ sơ): a cover page, then each form the case has in the procedure's order, then
 * the timeline, the handoffs with their outcomes and the list of attachments. Pure: the service
 * reads and prepares, this arranges.
 */
import { BLANK, dateTime, shortDate, upper, vi } from '../format';
import type { Block, DocumentSpec } from '../layout';
import { field, header, heading, Issuer, paragraph, reference, type ChildInfo, birthAndAge, items } from './common';

export interface TimelineRow {
  at: Date;
  actor: string;
  /** What happened, in words ("Ghi đánh giá nguy cơ ban đầu", "Hạn … quá hạn"). */
  what: string;
  /** "Đang xác minh → Đang đánh giá nguy cơ", or empty. */
  stateChange: string;
  /** The event's data, readable ("Mức độ nguy cơ: Cao; …"). */
  details: string;
}

export interface HandoffRow {
  agency: string;
  kind: string;
  urgency: string;
  state: string;
  dueAt: Date;
  instructions: string;
  outcome: string | null;
  reason: string | null;
  completedAt: Date | null;
}

export interface AttachmentRow {
  filename: string;
  category: string | null;
  description: string | null;
  uploadedBy: string | null;
  createdAt: Date;
  size: number;
}

export interface CaseFileInput {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  communes: { lead: string; incident: string; residence: string | null };
  receivedAt: Date;
  closedAt: Date | null;
  state: string;
  outcome: string | null;
  /** The forms the case has, already laid out, in the file's order. */
  forms: Array<{ titleVi: string; spec: DocumentSpec }>;
  timeline: TimelineRow[];
  handoffs: HandoffRow[];
  attachments: AttachmentRow[];
  /** When the file was printed. */
  printedAt: Date;
}

const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function cover(i: CaseFileInput): DocumentSpec {
  return {
    title: `Hồ sơ ${i.caseCode}`,
    blocks: [
      reference(null, i.caseCode),
      header(i.issuer, null, i.printedAt),
      { kind: 'space', pt: 40 },
      { kind: 'title', text: 'HỒ SƠ TRẺ EM', summary: ['bị xâm hại hoặc có nguy cơ bị xâm hại', `Mã hồ sơ: ${i.caseCode}`] },
      { kind: 'space', pt: 20 },
      field('Họ và tên trẻ em', i.child.fullName),
      field('Ngày, tháng, năm sinh', birthAndAge(i.child)),
      field('Giới tính', vi('sex', i.child.sex)),
      field('Nơi cư trú', i.child.address),
      field('Xã/phường chủ trì', i.communes.lead),
      field('Xã/phường nơi xảy ra sự việc', i.communes.incident),
      field('Xã/phường nơi trẻ em cư trú', i.communes.residence),
      field('Ngày tiếp nhận', shortDate(i.receivedAt)),
      field('Tình trạng hồ sơ', vi('state', i.state)),
      field('Ngày kết thúc', shortDate(i.closedAt)),
      field('Kết quả', vi('outcome', i.outcome)),
      heading('Thành phần hồ sơ'),
      items([...i.forms.map((f) => f.titleVi), 'Nhật ký hồ sơ', 'Kết quả phối hợp của các cơ quan', 'Danh mục tài liệu đính kèm']),
      paragraph(`In lúc ${dateTime(i.printedAt)}. Tài liệu mật: chỉ sử dụng cho việc bảo vệ trẻ em (Luật Trẻ em 2016; Nghị định 13/2023/NĐ-CP).`,
        { style: 'italic', size: 11, indent: false }),
    ],
  };
}

function sectionTitle(text: string): Block {
  return { kind: 'title', text: upper(text) };
}

export function records(i: CaseFileInput): DocumentSpec {
  const timeline: Block = {
    kind: 'table',
    // Two columns, so an event's name reads on one line: who and when; what, the state it led to, and its data.
    columns: [{ title: 'Thời gian, người thực hiện', width: 0.27 }, { title: 'Sự kiện, nội dung', width: 0.73 }],
    rows: i.timeline.map((r) => [
      `${dateTime(r.at) ?? ''}\n${r.actor}`,
      [`${r.what}${r.stateChange ? ` (${r.stateChange})` : ''}`, r.details].filter(Boolean).join('\n'),
    ]),
  };
  const handoffs: Block = i.handoffs.length
    ? {
      kind: 'table',
      columns: [
        { title: 'STT', width: 0.06, align: 'center' }, { title: 'Cơ quan', width: 0.2 }, { title: 'Công việc', width: 0.24 },
        { title: 'Hạn', width: 0.12 }, { title: 'Trạng thái', width: 0.13 }, { title: 'Kết quả', width: 0.25 },
      ],
      rows: i.handoffs.map((h, n) => [
        String(n + 1), h.agency, [vi('handoffKind', h.kind), h.instructions].filter(Boolean).join(': ') + (h.urgency === 'urgent' ? ' (khẩn)' : ''),
        shortDate(h.dueAt) ?? '', vi('handoffState', h.state) ?? h.state,
        [h.outcome, h.reason ? `Lý do: ${h.reason}` : null, h.completedAt ? `(${shortDate(h.completedAt)})` : null].filter(Boolean).join(' '),
      ]),
    }
    : paragraph('Không có yêu cầu phối hợp.', { style: 'italic' });
  const attachments: Block = i.attachments.length
    ? {
      kind: 'table',
      columns: [
        { title: 'STT', width: 0.06, align: 'center' }, { title: 'Tên tài liệu', width: 0.3 }, { title: 'Loại, mô tả', width: 0.3 },
        { title: 'Người tải lên', width: 0.18 }, { title: 'Ngày', width: 0.16 },
      ],
      rows: i.attachments.map((a, n) => [
        String(n + 1), `${a.filename} (${size(a.size)})`, [a.category, a.description].filter(Boolean).join(': '), a.uploadedBy ?? BLANK,
        shortDate(a.createdAt) ?? '',
      ]),
    }
    : paragraph('Không có tài liệu đính kèm.', { style: 'italic' });
  return {
    title: `Hồ sơ ${i.caseCode}: nhật ký`,
    blocks: [
      reference(null, i.caseCode),
      sectionTitle('Nhật ký hồ sơ'),
      timeline,
      { kind: 'pageBreak' },
      sectionTitle('Kết quả phối hợp của các cơ quan'),
      handoffs,
      { kind: 'space', pt: 12 },
      sectionTitle('Danh mục tài liệu đính kèm'),
      attachments,
    ],
  };
}

/** The whole file, document by document (one PDF; the forms each from a new page). */
export function caseFile(i: CaseFileInput, withTimeline = true): DocumentSpec[] {
  return [cover(i), ...i.forms.map((f) => f.spec), ...(withTimeline ? [records(i)] : [])];
}
