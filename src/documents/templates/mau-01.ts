/**
 * Mẫu số 01 (NĐ 56/2017/NĐ-CP Phụ lục): the receipt of a report about a child — the case row, its
 * `incident` answers, the child's record (parents, carer, household), the reporter (only when not
 * anonymous and the caller may see them) and the receiving officer. Pure.
 */
import { BLANK, dateTime, vi } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import { birthAndAge, field, header, heading, Issuer, paragraph, reference, type ChildInfo } from './common';

export interface ParentInfo {
  fullName?: string | null;
  birthYear?: number | null;
  occupation?: string | null;
}

export interface CarerInfo {
  fullName?: string | null;
  relation?: string | null;
  phone?: string | null;
  address?: string | null;
}

export interface HouseholdInfo {
  headName?: string | null;
  members?: number | null;
  poverty?: string | null;
  notes?: string | null;
}

/** The answers of Mẫu 01 kept in `cases.incident`. */
export interface IncidentInfo {
  types: string[];
  description?: string | null;
  occurredAt?: string | null;
  location?: string | null;
  category?: string | null;
  receivedVia?: string | null;
  childWhereabouts?: string | null;
  childCondition?: string | null;
  likelyConsequences?: string | null;
  familySituation?: string | null;
  actionsTaken?: string | null;
  notes?: string | null;
}

/**
 * Who reported: their identity, or why it is not printed — `anonymous` (they asked not to be
 * named) or `withheld` (the caller's role may not see who reported: NĐ 56 keeps it confidential).
 */
export type ReporterInfo =
  | { kind: 'named'; name: string | null; phone: string | null; address: string | null; relationToChild: string | null }
  | { kind: 'anonymous' }
  | { kind: 'withheld' };

export interface Mau01Input {
  issuer: Issuer;
  caseCode: string;
  receivedAt: Date;
  channel: string;
  incident: IncidentInfo;
  child: ChildInfo & { whereabouts?: string | null };
  father: ParentInfo | null;
  mother: ParentInfo | null;
  carer: CarerInfo | null;
  household: HouseholdInfo | null;
  reporter: ReporterInfo;
  /** The officer who recorded the report (the case's creator), or the system that filed it. */
  receiver: string | null;
}

/** "Đặng Văn Hưởng, 38 tuổi, nghề nghiệp: Làm ruộng": the age from the birth year, in the year of the report. */
export function parentLine(p: ParentInfo | null, year: number): string | null {
  if (!p || (!p.fullName && !p.birthYear && !p.occupation)) return null;
  const age = p.birthYear ? `${year - p.birthYear} tuổi` : `tuổi: ${BLANK}`;
  return `${p.fullName ?? BLANK}; ${age}; nghề nghiệp: ${p.occupation ?? BLANK}`;
}

function carerLine(c: CarerInfo | null): string | null {
  if (!c || !Object.values(c).some(Boolean)) return null;
  return [c.fullName ?? BLANK, c.relation ? `quan hệ với trẻ em: ${c.relation}` : null, c.phone ? `điện thoại: ${c.phone}` : null,
    c.address ? `địa chỉ: ${c.address}` : null].filter(Boolean).join('; ');
}

function householdLine(h: HouseholdInfo | null): string | null {
  if (!h || !Object.values(h).some((v) => v !== null && v !== undefined && v !== '')) return null;
  return [h.headName ? `chủ hộ: ${h.headName}` : null, h.members ? `số nhân khẩu: ${h.members}` : null,
    h.poverty ? vi('poverty', h.poverty) : null, h.notes].filter(Boolean).join('; ');
}

export function mau01(i: Mau01Input): DocumentSpec {
  const inc = i.incident;
  const year = new Date(i.receivedAt.getTime() + 7 * 3_600_000).getUTCFullYear();
  const reporter = i.reporter;
  return {
    title: `${FORM_INFO['mau-01'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(FORM_INFO['mau-01'].reference, i.caseCode),
      header(i.issuer, null, i.receivedAt, '/BC-UBND'),
      { kind: 'title', text: 'BÁO CÁO TIẾP NHẬN THÔNG TIN TRẺ EM' },
      heading('1. Thông tin tiếp nhận'),
      field('Thời gian tiếp nhận', dateTime(i.receivedAt)),
      field('Nguồn thông tin', vi('channel', i.channel)),
      field('Thông qua', vi('receivedVia', inc.receivedVia)),
      field('Trẻ em thuộc đối tượng', vi('category', inc.category)),
      heading('2. Thông tin về trẻ em'),
      field('Họ và tên trẻ em', i.child.fullName),
      field('Ngày, tháng, năm sinh (hoặc tuổi)', birthAndAge(i.child)),
      field('Giới tính', vi('sex', i.child.sex)),
      field('Nơi cư trú', i.child.address),
      field('Nơi trẻ em đang ở hiện nay', inc.childWhereabouts),
      heading('3. Thông tin về sự việc'),
      field('Hình thức xâm hại', inc.types.map((t) => vi('abuse', t)).join(', ') || null),
      field('Thời gian xảy ra', inc.occurredAt ? dateTime(new Date(inc.occurredAt)) : null),
      field('Địa điểm xảy ra', inc.location),
      field('Nội dung sự việc', inc.description),
      field('Tình trạng trẻ em', inc.childCondition),
      field('Phỏng đoán hậu quả xảy ra cho trẻ em nếu không có hỗ trợ, can thiệp', inc.likelyConsequences),
      heading('4. Thông tin về gia đình trẻ em'),
      field('Họ và tên cha; tuổi; nghề nghiệp', parentLine(i.father, year)),
      field('Họ và tên mẹ; tuổi; nghề nghiệp', parentLine(i.mother, year)),
      field('Người chăm sóc trẻ em hiện nay', carerLine(i.carer)),
      field('Hoàn cảnh gia đình', inc.familySituation),
      ...(householdLine(i.household) ? [field('Hộ gia đình', householdLine(i.household))] : []),
      heading('5. Những hành động hỗ trợ, can thiệp đã thực hiện đối với trẻ em trước khi nhận thông tin'),
      paragraph(inc.actionsTaken),
      heading('6. Thông tin về người cung cấp thông tin'),
      ...(reporter.kind === 'named'
        ? [
          field('Họ và tên', reporter.name), field('Số điện thoại', reporter.phone), field('Địa chỉ', reporter.address),
          field('Quan hệ với trẻ em', reporter.relationToChild),
        ]
        : reporter.kind === 'anonymous'
          ? [paragraph('Người cung cấp thông tin đề nghị giữ bí mật danh tính (tin báo ẩn danh).', { style: 'italic' })]
          : [paragraph('Thông tin về người cung cấp thông tin được giữ bí mật (Luật Trẻ em 2016; Nghị định 56/2017/NĐ-CP): '
            + 'không in cho vai trò của người in văn bản này.', { style: 'italic' })]),
      heading('7. Ghi thêm'),
      paragraph(inc.notes),
      { kind: 'signatures', right: { title: 'NGƯỜI TIẾP NHẬN THÔNG TIN', note: '(Ký, ghi rõ họ tên)', name: i.receiver } },
    ],
  };
}
