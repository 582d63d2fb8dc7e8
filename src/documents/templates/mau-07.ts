/**
 * Mẫu số 07: the chair's decision temporarily separating a child from the parents or carer and
 * placing them in alternative care (NĐ 56 Điều 32; Luật Trẻ em Điều 52, 62–63). There is no
 * separation workflow yet (issue 17): this is the template and its typed input, which a
 * `decisions` row of kind `separation` will fill. Pure.
 */
import { BLANK, shortDate, vi } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import {
  article, ChildInfo, childLine, decides, decidingAuthority, DecisionInfo, decisionSigner, effectText, header, Issuer, items, legalBases,
  paragraph, reference,
} from './common';

export const SEPARATED_FROM = ['father', 'mother', 'parents', 'carer'] as const;
export const PLACEMENTS = ['relative', 'non_relative', 'facility'] as const;
/** At most 15 days unless a competent authority extends it (NĐ 56 Điều 32). */
export const MAX_SEPARATION_DAYS = 15;

export interface SeparationData {
  separatedFrom: (typeof SEPARATED_FROM)[number];
  /** The name of the person the child is separated from. */
  separatedFromName: string | null;
  reason: string;
  /** `YYYY-MM-DD`, both days included. */
  startOn: string;
  endOn: string;
  placement: {
    kind: (typeof PLACEMENTS)[number];
    /** The carer (a person) or the facility's name. */
    carerName: string | null;
    address: string | null;
    /** How the carer is related to the child (a relative's placement). */
    relation: string | null;
  };
  /** Who does what (Điều 3): the police, the health station, the commune's officer… */
  responsibilities: string[];
}

export interface Mau07Input {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  decision: DecisionInfo;
  separation: SeparationData;
  proposer: string | null;
}

const DAY = 86_400_000;

/** Days of the separation, both ends included; null when a date is not a date. */
export function separationDays(startOn: string, endOn: string): number | null {
  const a = Date.parse(`${startOn}T00:00:00Z`);
  const b = Date.parse(`${endOn}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / DAY) + 1;
}

/** What is wrong with a separation's dates (the decree's 15 days at most), bilingual. */
export function separationErrors(s: Pick<SeparationData, 'startOn' | 'endOn'>): string[] {
  const days = separationDays(s.startOn, s.endOn);
  if (days === null) return ['Ngày không hợp lệ / Not a date'];
  if (days < 1) return ['Ngày kết thúc phải sau ngày bắt đầu / The end must follow the start'];
  if (days > MAX_SEPARATION_DAYS) {
    return [`Tạm thời cách ly không quá ${MAX_SEPARATION_DAYS} ngày (Điều 32 NĐ 56/2017/NĐ-CP) / At most ${MAX_SEPARATION_DAYS} days of temporary separation`];
  }
  return [];
}

export function mau07(i: Mau07Input): DocumentSpec {
  const s = i.separation;
  const days = separationDays(s.startOn, s.endOn);
  const name = i.child.fullName ? ` ${i.child.fullName}` : '';
  const from = `${vi('separatedFrom', s.separatedFrom) ?? BLANK}${s.separatedFromName ? ` (${s.separatedFromName})` : ''}`;
  const p = s.placement;
  return {
    title: `${FORM_INFO['mau-07'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(FORM_INFO['mau-07'].reference, i.caseCode),
      header(i.issuer, i.decision.display, i.decision.decidedAt, '/QĐ-UBND'),
      { kind: 'title', text: 'QUYẾT ĐỊNH', summary: [`Về việc tạm thời cách ly trẻ em${name} khỏi cha, mẹ, người chăm sóc trẻ em`] },
      decidingAuthority(i.issuer),
      { kind: 'space', pt: 6 },
      ...legalBases(),
      paragraph(`Xét đề nghị của ${i.proposer ?? `công chức Văn hóa - Xã hội ${BLANK}`} về việc bảo vệ khẩn cấp trẻ em.`, { style: 'italic' }),
      decides,
      article(1, `Tạm thời cách ly trẻ em ${childLine(i.child)} khỏi ${from} kể từ ngày ${shortDate(s.startOn) ?? BLANK} ` +
        `đến ngày ${shortDate(s.endOn) ?? BLANK}${days !== null ? ` (${days} ngày)` : ''}. Lý do: ${s.reason || BLANK}`),
      article(2, `Bố trí chăm sóc thay thế cho trẻ em trong thời gian tạm thời cách ly: ${vi('placement', p.kind) ?? BLANK}; ` +
        `người (cơ sở) nhận chăm sóc: ${p.carerName ?? BLANK}; địa chỉ: ${p.address ?? BLANK}` +
        `${p.kind === 'facility' ? '' : `; quan hệ với trẻ em: ${p.relation ?? BLANK}`}.`),
      article(3, 'Trách nhiệm thực hiện:'),
      items(s.responsibilities),
      article(4, `${effectText(i.decision)} Công chức Văn hóa - Xã hội, Công an xã, cha mẹ, người chăm sóc trẻ em, người nhận chăm sóc thay thế ` +
        'và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.'),
      {
        kind: 'signatures',
        recipients: ['Như Điều 4;', 'Sở Y tế (để báo cáo);', 'Lưu: VT, hồ sơ trẻ em.'],
        right: decisionSigner(i.decision),
      },
    ],
  };
}
