/**
 * Mẫu số 05: the chair's decision approving the support and intervention plan (NĐ 56 Điều 28 k3;
 * Luật Trẻ em Điều 52 k2) — numbered by decisions/, quoting the plan submitted. Pure.
 */
import { BLANK, shortDate, vi } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import {
  article, ChildInfo, childLine, decides, decidingAuthority, DecisionInfo, decisionSigner, effectText, header, Issuer, items, legalBases,
  paragraph, reference,
} from './common';
import type { PlanData } from './mau-04';

export interface Mau05Input {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  decision: DecisionInfo;
  plan: PlanData;
  planSubmittedAt: Date | null;
  /** Who proposed the plan ("công chức Văn hóa - Xã hội Nguyễn Văn A"). */
  proposer: string | null;
}

export function mau05(i: Mau05Input): DocumentSpec {
  const actions = i.plan.actions ?? [];
  const name = i.child.fullName ? ` ${i.child.fullName}` : '';
  return {
    title: `${FORM_INFO['mau-05'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(FORM_INFO['mau-05'].reference, i.caseCode),
      header(i.issuer, i.decision.display, i.decision.decidedAt, '/QĐ-UBND'),
      { kind: 'title', text: 'QUYẾT ĐỊNH', summary: [`Về việc phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em${name}`] },
      decidingAuthority(i.issuer),
      { kind: 'space', pt: 6 },
      ...legalBases(),
      paragraph(`Xét đề nghị của ${i.proposer ?? `công chức Văn hóa - Xã hội ${BLANK}`} tại Kế hoạch hỗ trợ, can thiệp trình ngày ` +
        `${shortDate(i.planSubmittedAt) ?? BLANK}.`, { style: 'italic' }),
      decides,
      article(1, `Phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em ${childLine(i.child)} (có Kế hoạch kèm theo).`),
      article(2, 'Giao các cơ quan, tổ chức, cá nhân sau thực hiện kế hoạch:'),
      items(actions.map((a) => `${vi('agencyType', a.agencyType) ?? BLANK}: ${[vi('handoffKind', a.kind), a.activity].filter(Boolean).join(' – ')}` +
        `${a.responsible ? `; người thực hiện: ${a.responsible}` : ''}${a.dueInDays !== undefined ? `; thời hạn ${a.dueInDays} ngày` : ''}.`)),
      article(3, `${effectText(i.decision)} Công chức Văn hóa - Xã hội, các cơ quan, tổ chức, cá nhân có tên tại Điều 2, cha mẹ, người chăm sóc ` +
        'trẻ em và các cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.'),
      {
        kind: 'signatures',
        recipients: ['Như Điều 3;', 'Sở Y tế (để báo cáo);', 'Lưu: VT, hồ sơ trẻ em.'],
        right: decisionSigner(i.decision),
      },
    ],
  };
}
