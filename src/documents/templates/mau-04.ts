/**
 * Mẫu số 04: the support and intervention plan (NĐ 56 Điều 28) — the data of the latest
 * `SUBMIT_PLAN`: goals, objectives, the actions table, the child's and family's part, monitoring
 * and the review date. Pure.
 */
import { shortDate, vi } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import { childBlocks, ChildInfo, field, header, heading, Issuer, items, paragraph, reference } from './common';

/** An action of `SUBMIT_PLAN` (one handoff once approved). */
export interface PlanAction {
  kind?: string;
  agencyType?: string;
  dueInDays?: number;
  instructions?: string;
  activity?: string;
  responsible?: string;
  budget?: string;
}

/** `SUBMIT_PLAN`'s data. */
export interface PlanData {
  goals?: string;
  actions?: PlanAction[];
  objectives?: string[];
  childAndFamilyRoles?: string;
  monitoring?: string;
  reviewOn?: string;
}

export interface Mau04Input {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  data: PlanData;
  submittedAt: Date;
  author: string | null;
}

/** The activity of an action as the table and the decision name it: the kind of work, then what exactly. */
export function activityText(a: PlanAction): string {
  return [vi('handoffKind', a.kind), a.activity, a.instructions].filter(Boolean).join(': ');
}

export function actionsTable(actions: PlanAction[]) {
  return {
    kind: 'table' as const,
    columns: [
      { title: 'STT', width: 0.06, align: 'center' as const }, { title: 'Hoạt động, dịch vụ', width: 0.3 },
      { title: 'Cơ quan thực hiện', width: 0.18 }, { title: 'Người thực hiện', width: 0.16 },
      { title: 'Thời hạn', width: 0.12, align: 'center' as const }, { title: 'Kinh phí, nguồn', width: 0.18 },
    ],
    rows: actions.length
      ? actions.map((a, n) => [
        String(n + 1), activityText(a), vi('agencyType', a.agencyType) ?? '', a.responsible ?? '',
        a.dueInDays !== undefined ? `${a.dueInDays} ngày` : '', a.budget ?? '',
      ])
      : [['1', '', '', '', '', '']],
  };
}

export function mau04(i: Mau04Input): DocumentSpec {
  const d = i.data;
  return {
    title: `${FORM_INFO['mau-04'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(FORM_INFO['mau-04'].reference, i.caseCode),
      header(i.issuer, null, i.submittedAt, '/KH-UBND'),
      { kind: 'title', text: 'KẾ HOẠCH HỖ TRỢ, CAN THIỆP', summary: ['đối với trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại'] },
      heading('1. Thông tin về trẻ em'),
      ...childBlocks(i.child),
      heading('2. Mục tiêu của kế hoạch'),
      paragraph(d.goals),
      paragraph('Mục tiêu cụ thể:', { indent: true }),
      items(d.objectives),
      heading('3. Các hoạt động hỗ trợ, can thiệp'),
      actionsTable(d.actions ?? []),
      heading('4. Trách nhiệm của trẻ em, cha mẹ, người chăm sóc trẻ em'),
      paragraph(d.childAndFamilyRoles),
      heading('5. Theo dõi, đánh giá việc thực hiện kế hoạch'),
      paragraph(d.monitoring),
      field('Thời gian dự kiến rà soát, đánh giá', shortDate(d.reviewOn)),
      { kind: 'signatures', right: { title: 'NGƯỜI LẬP KẾ HOẠCH', note: '(Ký, ghi rõ họ tên)', name: i.author } },
    ],
  };
}
