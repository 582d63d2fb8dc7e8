/**
 * The printed forms of NĐ 56/2017/NĐ-CP (Phụ lục) and the chair's decisions, by name: their titles,
 * their reference line and the step that makes each available.
 */
export const FORMS = ['mau-01', 'mau-02', 'mau-03', 'mau-04', 'mau-05', 'mau-06', 'mau-07', 'closure-decision'] as const;
export type FormName = (typeof FORMS)[number];

export const isForm = (s: string): s is FormName => (FORMS as readonly string[]).includes(s);

export interface FormInfo {
  titleVi: string;
  titleEn: string;
  /** "Mẫu số 01 – NĐ 56/2017/NĐ-CP" (none for the closure decision: the annex has no form for it). */
  reference: string | null;
  /** The kind of a `decisions` row the form prints (decisions/), if it is a decision. */
  decisionKind?: 'plan_approval' | 'closure' | 'separation';
}

export const FORM_INFO: Record<FormName, FormInfo> = {
  'mau-01': {
    titleVi: 'Báo cáo tiếp nhận thông tin trẻ em', titleEn: 'Report receipt (Form 01)', reference: 'Mẫu số 01 – NĐ 56/2017/NĐ-CP',
  },
  'mau-02': {
    titleVi: 'Đánh giá nguy cơ ban đầu, mức độ tổn hại của trẻ em', titleEn: 'Initial risk and harm assessment (Form 02)',
    reference: 'Mẫu số 02 – NĐ 56/2017/NĐ-CP',
  },
  'mau-03': {
    titleVi: 'Đánh giá cụ thể nhu cầu của trẻ em và biên bản họp', titleEn: 'Assessment of the child’s needs and meeting minutes (Form 03)',
    reference: 'Mẫu số 03 – NĐ 56/2017/NĐ-CP',
  },
  'mau-04': { titleVi: 'Kế hoạch hỗ trợ, can thiệp', titleEn: 'Support and intervention plan (Form 04)', reference: 'Mẫu số 04 – NĐ 56/2017/NĐ-CP' },
  'mau-05': {
    titleVi: 'Quyết định phê duyệt kế hoạch hỗ trợ, can thiệp', titleEn: 'Decision approving the plan (Form 05)',
    reference: 'Mẫu số 05 – NĐ 56/2017/NĐ-CP', decisionKind: 'plan_approval',
  },
  'mau-06': {
    titleVi: 'Rà soát, đánh giá tình trạng của trẻ em sau khi thực hiện kế hoạch', titleEn: 'Review of the child’s situation after the plan (Form 06)',
    reference: 'Mẫu số 06 – NĐ 56/2017/NĐ-CP',
  },
  'mau-07': {
    titleVi: 'Quyết định tạm thời cách ly trẻ em khỏi cha, mẹ, người chăm sóc', titleEn: 'Decision temporarily separating the child (Form 07)',
    reference: 'Mẫu số 07 – NĐ 56/2017/NĐ-CP', decisionKind: 'separation',
  },
  'closure-decision': {
    titleVi: 'Quyết định kết thúc kế hoạch hỗ trợ, can thiệp', titleEn: 'Decision ending the support and intervention plan',
    reference: null, decisionKind: 'closure',
  },
};

/** The case file's forms, in the order of the procedure (NĐ 56 Điều 25–30). */
// A separation (Mẫu 07) is decided within the first 12 hours, after the initial assessment (Điều 32).
export const FILE_ORDER: readonly FormName[] = ['mau-01', 'mau-02', 'mau-07', 'mau-03', 'mau-04', 'mau-05', 'mau-06', 'closure-decision'];
