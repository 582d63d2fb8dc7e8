/**
 * What every form shares: the header of the commune's People's Committee, the reference line, the
 * child's identification, the ratings table of Mẫu 02 and 06, and the decisions' legal bases and
 * signature. Pure.
 */
import { RATINGS } from '../../../workflows/abuse-intervention/form-fields';
import { BLANK, dateParts, placeAndDate, placeName, shortDate, upper, vi } from '../format';
import type { Block, Signature } from '../layout';

/** The commune issuing the document (its People's Committee). */
export interface Issuer {
  /** "Xã Vân Sơn". */
  communeName: string;
}

/** The child as the forms name them (the case's record of the report and the registry). */
export interface ChildInfo {
  fullName: string | null;
  sex: string;
  dateOfBirth: string | null;
  /** Age in whole years when the form was written (from the birth date or the estimate). */
  ageYears: number | null;
  /** Where the child lives (nơi cư trú). */
  address: string | null;
}

/** A decision's number, date and signer (decisions/), or what the event alone tells before one is numbered. */
export interface DecisionInfo {
  /** "12/QĐ-UBND"; null prints the blank number. */
  display: string | null;
  decidedAt: Date | null;
  /** `chair`, `vice_chair`, or another role's code (a supervisor's closure). */
  signerTitle: string | null;
  signerName: string | null;
  /** The day it takes effect when not the day it is signed (`YYYY-MM-DD`). */
  effectiveOn?: string | null;
}

export const reference = (form: string | null, caseCode: string): Block =>
  ({ kind: 'reference', text: [form, `Mã hồ sơ: ${caseCode}`].filter(Boolean).join(' · ') });

/** The header table: "ỦY BAN NHÂN DÂN / XÃ VÂN SƠN", the number, the motto and the place-and-date line. */
export function header(issuer: Issuer, number: string | null, at: Date | string | null, numberSuffix = ''): Block {
  const date = typeof at === 'string' ? dateParts(at) : at;
  return {
    kind: 'header', superior: 'ỦY BAN NHÂN DÂN', issuer: upper(issuer.communeName),
    number: `Số: ${number ?? `……${numberSuffix}`}`, placeAndDate: placeAndDate(placeName(issuer.communeName), date),
  };
}

export const field = (label: string, value: string | number | null | undefined, note?: string): Block =>
  ({ kind: 'field', label, value: value === null || value === undefined || value === '' ? null : String(value), ...(note ? { note } : {}) });

export const heading = (text: string): Block => ({ kind: 'heading', text });

export const paragraph = (text: string | null | undefined, opts: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block =>
  ({ kind: 'paragraph', text: text === null || text === undefined || text === '' ? BLANK : text, ...opts });

export const items = (list: readonly unknown[] | null | undefined): Block =>
  ({ kind: 'items', items: (list ?? []).map(String).filter((s) => s.trim() !== '') });

/** "15/04/2015 (10 tuổi)", "khoảng 10 tuổi", or null. */
export function birthAndAge(c: Pick<ChildInfo, 'dateOfBirth' | 'ageYears'>): string | null {
  if (c.dateOfBirth) return `${shortDate(c.dateOfBirth)}${c.ageYears !== null ? ` (${c.ageYears} tuổi)` : ''}`;
  return c.ageYears !== null ? `khoảng ${c.ageYears} tuổi` : null;
}

/** The child's identification, as every form after Mẫu 01 opens. */
export function childBlocks(c: ChildInfo): Block[] {
  return [
    field('Họ và tên trẻ em', c.fullName),
    field('Ngày, tháng, năm sinh', birthAndAge(c)),
    field('Giới tính', vi('sex', c.sex)),
    field('Nơi cư trú', c.address),
  ];
}

export type Ratings = Partial<Record<string, string>>;

/**
 * The ratings table of Mẫu 02 and 06: each item rated Cao / Trung bình / Thấp (an "X" in its
 * column), grouped as the form groups them, and the totals row counting each column.
 */
export function ratingsTable(ratings: Ratings): Block {
  const levels = ['high', 'medium', 'low'] as const;
  const rows: string[][] = [];
  let section = '';
  let n = 0;
  for (const r of RATINGS) {
    if (r.section && r.section.vi !== section) {
      section = r.section.vi;
      rows.push(['', section, '', '', '']);
    }
    const value = ratings[r.key];
    rows.push([String(++n), r.labelVi, ...levels.map((l) => (value === l ? 'X' : ''))]);
  }
  const count = (l: string) => String(RATINGS.filter((r) => ratings[r.key] === l).length);
  return {
    kind: 'table',
    columns: [
      { title: 'STT', width: 0.07, align: 'center' }, { title: 'Nội dung đánh giá', width: 0.51 },
      { title: 'Cao', width: 0.14, align: 'center' }, { title: 'Trung bình', width: 0.14, align: 'center' }, { title: 'Thấp', width: 0.14, align: 'center' },
    ],
    rows,
    totals: ['', 'Tổng số', ...levels.map(count)],
  };
}

/** Where the ratings come from: the six keys of the contract, a value only if it is a rating. */
export function ratingsOf(data: Record<string, unknown>): Ratings {
  return Object.fromEntries(RATINGS.map((r) => [r.key, typeof data[r.key] === 'string' ? (data[r.key] as string) : undefined]));
}

/** The decision's signature: CHỦ TỊCH, or KT. CHỦ TỊCH / PHÓ CHỦ TỊCH, or the signer's own title. */
export function decisionSigner(d: DecisionInfo): Signature {
  if (d.signerTitle === 'vice_chair') return { authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: d.signerName };
  if (d.signerTitle === 'chair' || d.signerTitle === null) return { title: 'CHỦ TỊCH', name: d.signerName };
  return { title: upper(vi('role', d.signerTitle) ?? d.signerTitle), name: d.signerName };
}

/** The legal bases every decision of the chair under NĐ 56 cites. */
export function legalBases(): Block[] {
  return [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
    'Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;',
    'Căn cứ Nghị định số 56/2017/NĐ-CP ngày 09 tháng 5 năm 2017 của Chính phủ quy định chi tiết một số điều của Luật Trẻ em;',
  ].map((text) => paragraph(text, { style: 'italic' }));
}

/** "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ VÂN SƠN" under a decision's title. */
export const decidingAuthority = (issuer: Issuer): Block =>
  ({ kind: 'paragraph', text: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${upper(issuer.communeName)}`, style: 'bold', align: 'center', indent: false });

/** "QUYẾT ĐỊNH:" before the articles. */
export const decides: Block = { kind: 'paragraph', text: 'QUYẾT ĐỊNH:', style: 'bold', align: 'center', indent: false };

/** "Điều 1. …": the article's number bold, its text regular. */
export const article = (n: number, text: string): Block => ({ kind: 'paragraph', lead: `Điều ${n}.`, text });

/** "Nguyễn Thị Ánh Tuyết, sinh ngày 15/04/2015, nơi cư trú: …" (blanks for what is unknown). */
export function childLine(c: ChildInfo): string {
  return `${c.fullName ?? BLANK}, sinh ngày ${c.dateOfBirth ? shortDate(c.dateOfBirth) : c.ageYears !== null ? `${BLANK} (khoảng ${c.ageYears} tuổi)` : BLANK}, ` +
    `giới tính: ${vi('sex', c.sex) ?? BLANK}, nơi cư trú: ${c.address ?? BLANK}`;
}

/** The day a decision takes effect: from the day it is signed unless it names another. */
export function effectText(d: DecisionInfo): string {
  return d.effectiveOn ? `Quyết định này có hiệu lực kể từ ngày ${shortDate(d.effectiveOn)}.` : 'Quyết định này có hiệu lực kể từ ngày ký.';
}
