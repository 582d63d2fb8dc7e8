/**
 * The statistics as the rows of the reporting tables, shared by the CSV and the XLSX: per
 * section, one row per figure with its code, its value (a count or a rate) and, for a rate, its
 * numerator and denominator. In an export marked for publication, counts from 1 to below the
 * threshold (`STATISTICS_SUPPRESS_BELOW`) are suppressed — a count of 1 in a small commune
 * identifies a child — and so is every rate built on one (`suppress`).
 */
import { Indicator, IndicatorKey, rate } from './figures';
import type { StatisticsReport } from './statistics.service';

export type Label = readonly [vi: string, en: string];

/** A cell's value: a number, or the mark of a suppressed count (`<5`). */
export type Cell = number | string | null;

export interface TableRow {
  section: string;
  sectionLabel: Label;
  code: string;
  label: Label;
  value: Cell;
  numerator: Cell;
  denominator: Cell;
}

export const SECTIONS = {
  childrenAbused: ['Trẻ em bị xâm hại (chỉ tiêu 0101, dưới 16 tuổi)', 'Children abused (indicator 0101, under 16)'],
  'childrenAbused.bySex': ['Trẻ em bị xâm hại theo giới tính', 'Children abused by sex'],
  'childrenAbused.byAgeGroup': ['Trẻ em bị xâm hại theo nhóm tuổi', 'Children abused by age group'],
  'childrenAbused.byAbuseType': ['Trẻ em bị xâm hại theo hình thức', 'Children abused by type of abuse'],
  'childrenAbused.byEnvironment': ['Trẻ em bị xâm hại theo môi trường', 'Children abused by environment'],
  adolescentsAbused: ['Người từ 16 đến dưới 18 tuổi bị xâm hại (báo cáo riêng)', 'Persons aged 16–17 abused (reported apart)'],
  'adolescentsAbused.bySex': ['Người 16–17 tuổi bị xâm hại theo giới tính', 'Aged 16–17 abused by sex'],
  'adolescentsAbused.byAbuseType': ['Người 16–17 tuổi bị xâm hại theo hình thức', 'Aged 16–17 abused by type of abuse'],
  'adolescentsAbused.byEnvironment': ['Người 16–17 tuổi bị xâm hại theo môi trường', 'Aged 16–17 abused by environment'],
  specialCircumstances: ['Trẻ em có hoàn cảnh đặc biệt', 'Children in special circumstances'],
  reports: ['Tin báo tiếp nhận', 'Reports received'],
  'reports.byChannel': ['Tin báo theo nguồn', 'Reports by channel'],
  'reports.byOutcome': ['Tin báo theo kết quả', 'Reports by outcome'],
  'reports.notCounted': ['Tin báo không tính trẻ bị xâm hại', 'Reports counting no abused child'],
  indicators: ['Chỉ tiêu kế hoạch', 'Plan indicators'],
  handoffs: ['Chuyển tuyến theo cơ quan', 'Handoffs per agency'],
  openLongerThan: ['Vụ việc tồn đọng', 'Cases lingering'],
} as const satisfies Record<string, Label>;

export const ITEMS: Record<string, Label> = {
  // abuse types
  physical_violence: ['Bạo lực thể chất', 'Physical violence'],
  psychological_violence: ['Bạo lực tinh thần', 'Psychological violence'],
  sexual_abuse: ['Xâm hại tình dục', 'Sexual abuse'],
  exploitation: ['Bóc lột (kể cả lao động trẻ em)', 'Exploitation (incl. child labour)'],
  trafficking: ['Mua bán trẻ em', 'Trafficking'],
  abduction: ['Bắt cóc, chiếm đoạt trẻ em', 'Abduction'],
  abandonment: ['Bỏ rơi', 'Abandonment'],
  neglect: ['Bỏ mặc', 'Neglect'],
  online_abuse: ['Xâm hại trên mạng', 'Online abuse'],
  other: ['Khác', 'Other'],
  // sex
  female: ['Nữ', 'Female'],
  male: ['Nam', 'Male'],
  unknown: ['Không rõ', 'Unknown'],
  // age groups
  '0-5': ['Từ 0 đến 5 tuổi', 'Aged 0–5'],
  '6-10': ['Từ 6 đến 10 tuổi', 'Aged 6–10'],
  '11-15': ['Từ 11 đến 15 tuổi', 'Aged 11–15'],
  // environments of abuse
  family: ['Gia đình', 'Family'],
  community: ['Cộng đồng', 'Community'],
  care_facility: ['Cơ sở trợ giúp, chăm sóc trẻ em', 'Care facility'],
  // not counted
  notSubstantiated: ['Chưa xác minh có cơ sở', 'Not (yet) substantiated'],
  injuryOnly: ['Chỉ tai nạn, thương tích', 'Injury only'],
  // totals
  total: ['Tổng số', 'Total'],
  supported: ['Trong đó: được hỗ trợ, can thiệp', 'Of whom supported'],
  registered: ['Số trẻ em có hoàn cảnh đặc biệt', 'Children in special circumstances'],
  days30: ['Quá 30 ngày', 'Over 30 days'],
  days60: ['Quá 60 ngày', 'Over 60 days'],
  days90: ['Quá 90 ngày', 'Over 90 days'],
  // channels
  hotline_111: ['Tổng đài 111', 'Hotline 111'],
  anh_duong_18001744: ['Ngôi nhà Ánh Dương 18001744', 'Ánh Dương 18001744'],
  police: ['Công an', 'Police'],
  school: ['Nhà trường', 'School'],
  health: ['Cơ sở y tế', 'Health facility'],
  community_collaborator: ['Cộng tác viên thôn', 'Village collaborator'],
  citizen: ['Người dân', 'Citizen'],
  online: ['Mạng xã hội', 'Online'],
  media: ['Báo chí', 'Media'],
  // outcomes
  open: ['Đang xử lý', 'Still open'],
  child_safe: ['Đóng hồ sơ, trẻ an toàn', 'Closed, child safe'],
  resolved: ['Đóng hồ sơ, đã giải quyết', 'Closed, resolved'],
  unfounded: ['Đóng hồ sơ, tin báo không có cơ sở', 'Closed, unfounded'],
  duplicate: ['Đóng hồ sơ, trùng lặp', 'Closed, duplicate'],
};

export const INDICATOR_LABELS: Record<IndicatorKey, Label> = {
  verifiedOnTime: ['Tỷ lệ tin báo được xác minh đúng hạn', 'Share verified on time'],
  planDraftedOnTime: ['Tỷ lệ kế hoạch được xây dựng trong 5 ngày làm việc', 'Share with a plan drafted within 5 working days'],
  closedChildSafe: ['Tỷ lệ vụ việc kết thúc với trẻ an toàn', 'Share closed with the child safe'],
};

export function statisticsTable(s: StatisticsReport): TableRow[] {
  const rows: TableRow[] = [];
  const row = (section: keyof typeof SECTIONS, code: string, value: Cell, label: Label = ITEMS[code] ?? [code, code], num: Cell = null, den: Cell = null) =>
    rows.push({ section, sectionLabel: SECTIONS[section], code, label, value, numerator: num, denominator: den });
  const counts = (section: keyof typeof SECTIONS, c: Record<string, number>) => {
    for (const [code, n] of Object.entries(c)) row(section, code, n);
  };
  for (const who of ['childrenAbused', 'adolescentsAbused'] as const) {
    const c = s[who];
    row(who, 'total', c.total);
    row(who, 'supported', c.supported);
    counts(`${who}.bySex`, c.bySex);
    if (who === 'childrenAbused') counts('childrenAbused.byAgeGroup', s.childrenAbused.byAgeGroup);
    counts(`${who}.byAbuseType`, c.byAbuseType);
    counts(`${who}.byEnvironment`, c.byEnvironment);
  }
  row('specialCircumstances', 'registered', s.specialCircumstances.registered);
  row('specialCircumstances', 'supported', s.specialCircumstances.supported);
  row('reports', 'total', s.reports.total);
  counts('reports.byChannel', s.reports.byChannel);
  counts('reports.byOutcome', s.reports.byOutcome);
  counts('reports.notCounted', s.reports.notCounted);
  for (const [code, ind] of Object.entries(s.indicators) as Array<[IndicatorKey, Indicator]>) {
    row('indicators', code, ind.rate, INDICATOR_LABELS[code], ind.numerator, ind.denominator);
  }
  for (const a of s.handoffs) {
    row('handoffs', `${a.agencyId}:accepted`, rate(a.acceptedOnTime, a.total), [`${a.name}: nhận đúng hạn`, `${a.name}: accepted on time`], a.acceptedOnTime, a.total);
    row('handoffs', `${a.agencyId}:completed`, rate(a.completedOnTime, a.total), [`${a.name}: hoàn thành đúng hạn`, `${a.name}: completed on time`], a.completedOnTime, a.total);
  }
  for (const [code, n] of Object.entries(s.openLongerThan)) row('openLongerThan', code, n);
  return rows;
}

/**
 * The table for publication: every count from 1 to `below - 1` becomes `<below`, and a rate whose
 * numerator or denominator is so suppressed is suppressed with it. `below` ≤ 1 suppresses nothing.
 */
export function suppress(rows: TableRow[], below: number): TableRow[] {
  const hide = (c: Cell): Cell => (typeof c === 'number' && c > 0 && c < below ? `<${below}` : c);
  return rows.map((r) => {
    const isRate = r.section === 'indicators' || r.section === 'handoffs';
    const numerator = hide(r.numerator);
    const denominator = hide(r.denominator);
    const hidden = typeof numerator === 'string' || typeof denominator === 'string';
    return { ...r, value: isRate ? (hidden && r.value !== null ? `<${below}` : r.value) : hide(r.value), numerator, denominator };
  });
}
