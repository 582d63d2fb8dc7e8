/**
 * Mẫu số 02: the initial assessment of the risk and the harm to the child (NĐ 56 Điều 26 k3,
 * Điều 31) — the data of the latest `RECORD_INITIAL_ASSESSMENT`, the emergency measures applied
 * (`APPLY_EMERGENCY_MEASURES`), the ratings table with its totals. Pure.
 */
import { shortDate, vi, yesNo } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import { childBlocks, ChildInfo, field, header, heading, Issuer, items, paragraph, ratingsOf, ratingsTable, reference } from './common';

/** `RECORD_INITIAL_ASSESSMENT`'s data (workflows/abuse-intervention/v1/events.ts). */
export interface InitialAssessmentData {
  riskLevel?: string;
  substantiated?: boolean;
  summary?: string;
  assessedOn?: string;
  place?: string;
  participants?: string[];
  childCondition?: string;
  emergencyNeeded?: boolean;
  separationProposed?: boolean;
  safetyMeasures?: string[];
  recommendations?: string;
  [rating: string]: unknown;
}

export interface Mau02Input {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  /** The assessment, or null when only emergency measures were recorded. */
  assessment: { data: InitialAssessmentData; recordedAt: Date; assessor: string | null } | null;
  /** `APPLY_EMERGENCY_MEASURES`' measures, each application in order. */
  emergencyMeasures: Array<{ measures: string[]; appliedAt: Date }>;
}

export function mau02(i: Mau02Input): DocumentSpec {
  const d: InitialAssessmentData = i.assessment?.data ?? {};
  const day = d.assessedOn ?? i.assessment?.recordedAt ?? i.emergencyMeasures[0]?.appliedAt ?? null;
  return {
    title: `${FORM_INFO['mau-02'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(FORM_INFO['mau-02'].reference, i.caseCode),
      header(i.issuer, null, day),
      { kind: 'title', text: 'ĐÁNH GIÁ NGUY CƠ BAN ĐẦU, MỨC ĐỘ TỔN HẠI CỦA TRẺ EM' },
      heading('1. Thông tin chung'),
      ...childBlocks(i.child),
      field('Ngày đánh giá', shortDate(d.assessedOn ?? i.assessment?.recordedAt)),
      field('Địa điểm đánh giá', d.place),
      field('Người tham gia đánh giá', d.participants?.length ? d.participants.join('; ') : null),
      heading('2. Tình trạng hiện tại của trẻ em (thể chất, tinh thần)'),
      paragraph(d.childCondition),
      heading('3. Đánh giá mức độ tổn hại, nguy cơ đối với trẻ em'),
      ratingsTable(ratingsOf(d)),
      heading('4. Kết luận, đề xuất'),
      field('Mức độ nguy cơ', vi('risk', d.riskLevel)),
      field('Thông tin, tin báo có cơ sở', yesNo(d.substantiated)),
      field('Tóm tắt kết quả đánh giá', d.summary),
      field('Trẻ em cần được bảo vệ khẩn cấp', yesNo(d.emergencyNeeded)),
      field('Đề xuất tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại', yesNo(d.separationProposed)),
      paragraph('Biện pháp bảo đảm an toàn tạm thời đã thực hiện:', { indent: true }),
      items(d.safetyMeasures),
      paragraph('Biện pháp bảo vệ khẩn cấp đã áp dụng:', { indent: true }),
      items(i.emergencyMeasures.flatMap((m) => m.measures.map((x) => `${x} (${shortDate(m.appliedAt)})`))),
      field('Đề xuất', d.recommendations),
      { kind: 'signatures', right: { title: 'NGƯỜI ĐÁNH GIÁ', note: '(Ký, ghi rõ họ tên)', name: i.assessment?.assessor ?? null } },
    ],
  };
}
