/**
 * The official forms' fields shared by every version of `abuse-intervention` (NĐ 56/2017/NĐ-CP
 * Phụ lục, Mẫu số 02–06): the ratings, long answers, dates and section headings, and the fields of
 * a decision. Pure data, like contract.ts; a version's events.ts composes them.
 */
import type { FieldSpec } from '../contract';
import { ABUSE_ENVIRONMENTS, HARM_RATINGS, SIGNER_TITLES } from '../vocabulary';

export const longText = (key: string, labelVi: string, labelEn: string, section?: FieldSpec['section']): FieldSpec =>
  ({ key, kind: 'text', multiline: true, maxLength: 5000, optional: true, labelVi, labelEn, ...(section ? { section } : {}) });

/**
 * The harm and protection ratings of Mẫu số 02 (at the start) and Mẫu số 06 (after the plan), each
 * Cao / Trung bình / Thấp. The first three items are the decree's (Mẫu 06 names them); the last
 * three rate the child's and the family's capacity to protect, as Mẫu 06 section 1b asks.
 */
export const HARM: FieldSpec['section'] = { vi: 'Đánh giá mức độ tổn hại của trẻ em', en: 'The harm to the child' };
export const PROTECTION: FieldSpec['section'] = { vi: 'Đánh giá khả năng tự bảo vệ, phục hồi của trẻ em', en: 'The child’s capacity to be protected and recover' };
export const rating = (key: string, labelVi: string, labelEn: string, section: FieldSpec['section']): FieldSpec =>
  ({ key, kind: 'choice', options: HARM_RATINGS, vocabulary: 'harmRating', optional: true, labelVi, labelEn, section });
export const RATINGS: readonly FieldSpec[] = [
  rating('harmSeverity', 'Mức độ tổn hại của trẻ em có còn nghiêm trọng không', 'Is the harm to the child (still) serious', HARM),
  rating('abuserAccess', 'Khả năng tiếp cận trẻ em của đối tượng xâm hại', 'The abuser’s access to the child', HARM),
  rating('careObstacles', 'Những trở ngại trong môi trường chăm sóc trẻ em đối với việc bảo đảm an toàn cho trẻ em',
    'Obstacles to the child’s safety where the child is cared for', HARM),
  rating('selfProtection', 'Khả năng tự bảo vệ của trẻ em', 'The child’s ability to protect themself', PROTECTION),
  rating('carerCapacity', 'Khả năng bảo vệ, chăm sóc của cha mẹ, người chăm sóc trẻ em', 'The parents’ or carer’s capacity to protect and care', PROTECTION),
  rating('supportNetwork', 'Sự hỗ trợ của người thân, cộng đồng, dịch vụ', 'Support from relatives, the community and services', PROTECTION),
];

export const date = (key: string, labelVi: string, labelEn: string, section?: FieldSpec['section']): FieldSpec =>
  ({ key, kind: 'date', optional: true, labelVi, labelEn, ...(section ? { section } : {}) });

export const MEETING: FieldSpec['section'] = { vi: 'Biên bản họp', en: 'Minutes of the case meeting' };
export const CONCLUSION: FieldSpec['section'] = { vi: 'Kết luận, đề xuất', en: 'Conclusion and proposals' };

/**
 * Who signs the decision (decisions/): the chair, or a vice-chair on the chair's behalf (KT. CHỦ
 * TỊCH / PHÓ CHỦ TỊCH). Only the chair chooses: for anyone else the one value left is the default,
 * so the console does not ask, and the decision carries their own title (a supervisor's closure).
 */
export const signerTitle: FieldSpec = {
  key: 'signerTitle', kind: 'choice', options: SIGNER_TITLES, vocabulary: 'signerTitle', optional: true, default: 'chair',
  optionRoles: { vice_chair: ['chair'] },
  labelVi: 'Người ký quyết định', labelEn: 'Signed by',
};
/** The day the decision takes effect, when not the day it is signed (decisions/ checks it is neither before that day nor a year after). */
export const effectiveOn: FieldSpec = {
  key: 'effectiveOn', kind: 'date', optional: true,
  labelVi: 'Ngày quyết định có hiệu lực', labelEn: 'Takes effect on',
  hintVi: 'Để trống: có hiệu lực từ ngày ký', hintEn: 'Leave empty: from the day it is signed',
};
export const DECISION_FIELDS = [signerTitle, effectiveOn];

/**
 * Where the abuse happened (TT13 indicator 0101 by environment), set or corrected at verification
 * and at assessment: the case keeps the latest value given in `incident.environment`, where intake
 * puts it (src/cases/case-store.ts); left out, the case keeps what it had.
 */
export const environment: FieldSpec = {
  key: 'environment', kind: 'choice', options: ABUSE_ENVIRONMENTS, vocabulary: 'environment', optional: true,
  labelVi: 'Môi trường xảy ra xâm hại', labelEn: 'Where the abuse happened',
  hintVi: 'Để trống: giữ như đã ghi', hintEn: 'Leave empty: keep what was recorded',
};
