/**
 * The chair's decision ending the support and intervention plan (NĐ 56 Điều 30): numbered by
 * decisions/, quoting the closure proposed (`PROPOSE_CLOSURE`, or `CLOSE_UNFOUNDED`). The annex
 * has no form for it: it follows the layout of Mẫu 05. Pure.
 */
import { BLANK, shortDate, vi } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import {
  article, ChildInfo, childLine, decides, decidingAuthority, DecisionInfo, decisionSigner, effectText, header, Issuer, legalBases, paragraph,
  reference,
} from './common';

export interface ClosureDecisionInput {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  decision: DecisionInfo;
  /** The closure proposed: why, by whom, when; `unfounded` when the report was found to have no basis. */
  proposal: { reason: string | null; unfounded: boolean; proposer: string | null; proposedAt: Date | null };
  /** The decision that approved the plan, if any ("12/QĐ-UBND ngày 05/03/2026"). */
  planDecision: { display: string | null; decidedAt: Date | null } | null;
  /** The case's outcome code (child_safe, resolved, unfounded…). */
  outcome: string | null;
}

export function closureDecision(i: ClosureDecisionInput): DocumentSpec {
  const name = i.child.fullName ? ` ${i.child.fullName}` : '';
  const p = i.proposal;
  return {
    title: `${FORM_INFO['closure-decision'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(null, i.caseCode),
      header(i.issuer, i.decision.display, i.decision.decidedAt, '/QĐ-UBND'),
      { kind: 'title', text: 'QUYẾT ĐỊNH', summary: [`Về việc kết thúc kế hoạch hỗ trợ, can thiệp đối với trẻ em${name}`] },
      decidingAuthority(i.issuer),
      { kind: 'space', pt: 6 },
      ...legalBases(),
      ...(i.planDecision
        ? [paragraph(`Căn cứ Quyết định số ${i.planDecision.display ?? `……/QĐ-UBND`} ngày ${shortDate(i.planDecision.decidedAt) ?? BLANK} ` +
          'phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em;', { style: 'italic' })]
        : []),
      paragraph(`Xét đề nghị của ${p.proposer ?? `công chức Văn hóa - Xã hội ${BLANK}`}${p.proposedAt ? ` ngày ${shortDate(p.proposedAt)}` : ''} ` +
        'về việc kết thúc kế hoạch hỗ trợ, can thiệp.', { style: 'italic' }),
      decides,
      article(1, `Kết thúc kế hoạch hỗ trợ, can thiệp đối với trẻ em ${childLine(i.child)}.`),
      paragraph(`Lý do: ${p.unfounded ? 'Thông tin, tin báo không có cơ sở. ' : ''}${p.reason ?? BLANK}`),
      ...(i.outcome ? [paragraph(`Kết quả: ${vi('outcome', i.outcome)}.`)] : []),
      article(2, 'Công chức Văn hóa - Xã hội tiếp tục theo dõi tình hình của trẻ em, kịp thời báo cáo khi phát hiện trẻ em có nguy cơ ' +
        'bị xâm hại trở lại.'),
      article(3, `${effectText(i.decision)} Công chức Văn hóa - Xã hội, các cơ quan, tổ chức, cá nhân có liên quan, cha mẹ, người chăm sóc ` +
        'trẻ em chịu trách nhiệm thi hành Quyết định này.'),
      {
        kind: 'signatures',
        recipients: ['Như Điều 3;', 'Sở Y tế (để báo cáo);', 'Lưu: VT, hồ sơ trẻ em.'],
        right: decisionSigner(i.decision),
      },
    ],
  };
}
