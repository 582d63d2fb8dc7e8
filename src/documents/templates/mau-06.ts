/**
 * Mẫu số 06: the review of the child's situation after the plan (NĐ 56 Điều 30) — the data of the
 * latest `RECORD_REVIEW`: the ratings table with its totals, whether the child is safe, the
 * recommendation and the next steps. Pure.
 */
import { vi, yesNo } from '../format';
import { FORM_INFO } from '../forms';
import type { DocumentSpec } from '../layout';
import { childBlocks, ChildInfo, field, header, heading, Issuer, paragraph, ratingsOf, ratingsTable, reference } from './common';

/** `RECORD_REVIEW`'s data. */
export interface ReviewData {
  summary?: string;
  childSafe?: boolean;
  recommendation?: string;
  nextSteps?: string;
  [rating: string]: unknown;
}

export interface Mau06Input {
  issuer: Issuer;
  caseCode: string;
  child: ChildInfo;
  data: ReviewData;
  recordedAt: Date;
  reviewer: string | null;
}

export function mau06(i: Mau06Input): DocumentSpec {
  const d = i.data;
  return {
    title: `${FORM_INFO['mau-06'].titleVi} – ${i.caseCode}`,
    blocks: [
      reference(FORM_INFO['mau-06'].reference, i.caseCode),
      header(i.issuer, null, i.recordedAt),
      { kind: 'title', text: 'RÀ SOÁT, ĐÁNH GIÁ TÌNH TRẠNG CỦA TRẺ EM', summary: ['sau khi thực hiện kế hoạch hỗ trợ, can thiệp'] },
      heading('1. Thông tin về trẻ em'),
      ...childBlocks(i.child),
      heading('2. Đánh giá tình trạng của trẻ em'),
      ratingsTable(ratingsOf(d)),
      field('Trẻ em đã được bảo đảm an toàn', yesNo(d.childSafe)),
      heading('3. Kết quả rà soát'),
      paragraph(d.summary),
      heading('4. Kết luận, đề xuất'),
      field('Đề xuất', vi('reviewRecommendation', d.recommendation)),
      field('Các bước tiếp theo', d.nextSteps),
      { kind: 'signatures', right: { title: 'NGƯỜI ĐÁNH GIÁ', note: '(Ký, ghi rõ họ tên)', name: i.reviewer } },
    ],
  };
}
