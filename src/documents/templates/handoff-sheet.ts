/**
 * A partner's handoff sheet: the work asked of an agency, as its members may see it — the kind,
 * the instructions, the due date, the outcome, and of the child only what the need-to-know view
 * gives (first name, age, sex) with the kinds of harm. Never the reporter, the child's full name or
 * address, or another agency's work. An emergency handoff (handoff v2) adds what protection
 * requires — where the child is now, whom to call —, police work the criminal-procedure statuses. Pure.
 */
import { dateTime, shortDate, vi } from '../format';
import type { DocumentSpec } from '../layout';
import { field, header, heading, Issuer, items, paragraph, reference } from './common';

export interface HandoffSheetInput {
  issuer: Issuer;
  caseCode: string;
  handoff: {
    kind: string;
    agencyName: string;
    urgency: string;
    state: string;
    instructions: string;
    dueAt: Date;
    createdAt: Date;
    acceptedAt: Date | null;
    completedAt: Date | null;
    outcome: string | null;
    reason: string | null;
    protection?: { childLocation: string | null; workerName: string | null; workerPhone: string | null } | null;
    procedure?: Array<{ status: string; on: string; reference: string | null; note: string | null }>;
  };
  child: { firstName: string | null; ageYears: number | null; sex: string };
  incidentTypes: string[];
  deadlines: Array<{ titleVi: string; dueAt: Date; status: string }>;
}

const DEADLINE_STATUS: Record<string, string> = {
  pending: 'Đang tính hạn', met: 'Đúng hạn', met_late: 'Hoàn thành trễ', breached: 'Quá hạn', cancelled: 'Không còn tính',
};

export function handoffSheet(i: HandoffSheetInput): DocumentSpec {
  const h = i.handoff;
  return {
    title: `Phiếu phối hợp – ${i.caseCode}`,
    blocks: [
      reference(null, i.caseCode),
      header(i.issuer, null, h.createdAt),
      { kind: 'title', text: 'PHIẾU YÊU CẦU PHỐI HỢP', summary: ['hỗ trợ, can thiệp đối với trẻ em'] },
      field('Kính gửi', h.agencyName),
      field('Công việc', vi('handoffKind', h.kind)),
      field('Mức độ', vi('urgency', h.urgency)),
      field('Hướng dẫn', h.instructions),
      field('Thời hạn hoàn thành', dateTime(h.dueAt)),
      heading('Thông tin về trẻ em (trong phạm vi cần biết)'),
      field('Tên gọi', i.child.firstName),
      field('Tuổi', i.child.ageYears),
      field('Giới tính', vi('sex', i.child.sex)),
      field('Hình thức xâm hại', i.incidentTypes.map((t) => vi('abuse', t)).join(', ') || null),
      ...(h.protection
        ? [field('Nơi trẻ em đang ở', h.protection.childLocation), field('Cán bộ liên hệ', [h.protection.workerName, h.protection.workerPhone].filter(Boolean).join(', ') || null)]
        : []),
      heading('Tình hình thực hiện'),
      field('Trạng thái', vi('handoffState', h.state)),
      field('Ngày nhận', shortDate(h.acceptedAt)),
      field('Ngày hoàn thành', shortDate(h.completedAt)),
      field('Kết quả', h.outcome),
      ...(h.reason ? [field('Lý do', h.reason)] : []),
      ...(h.procedure?.length
        ? [paragraph('Tình trạng tố tụng hình sự:', { indent: true }),
          items(h.procedure.map((p) => [`${vi('procedureStatus', p.status)} (${p.on.split('-').reverse().join('/')})`, p.reference, p.note].filter(Boolean).join(' — ')))]
        : []),
      ...(i.deadlines.length
        ? [paragraph('Các thời hạn:', { indent: true }),
          items(i.deadlines.map((d) => `${d.titleVi}: ${dateTime(d.dueAt)} (${DEADLINE_STATUS[d.status] ?? d.status})`))]
        : []),
      paragraph('Thông tin về trẻ em là bí mật: chỉ dùng để thực hiện công việc được giao (Luật Trẻ em 2016).', { style: 'italic', size: 11, indent: false }),
      {
        kind: 'signatures',
        left: { title: 'CÁN BỘ YÊU CẦU', note: '(Ký, ghi rõ họ tên)', name: null },
        right: { title: 'CƠ QUAN THỰC HIỆN', note: '(Ký, ghi rõ họ tên)', name: null },
      },
    ],
  };
}
