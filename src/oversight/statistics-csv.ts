/**
 * The statistics as CSV for the 6-month and annual reports: one row per figure, headers and
 * labels in Vietnamese with English, a UTF-8 byte-order mark so spreadsheet programs read the
 * Vietnamese correctly, CRLF line ends (RFC 4180).
 */
import type { IndicatorKey, Statistics } from './figures';

type Label = readonly [vi: string, en: string];

const HEADER = [
  'Kỳ báo cáo / Period', 'Từ ngày / From', 'Đến ngày / To', 'Nhóm / Group', 'Chỉ tiêu / Item', 'Mã / Code',
  'Giá trị / Value', 'Tử số / Numerator', 'Mẫu số / Denominator',
];

const GROUPS: Record<'totals' | 'byAbuseType' | 'bySex' | 'byAgeGroup' | 'byChannel' | 'byOutcome' | 'indicators', Label> = {
  totals: ['Tổng số', 'Totals'],
  byAbuseType: ['Hình thức xâm hại', 'Type of abuse'],
  bySex: ['Giới tính', 'Sex'],
  byAgeGroup: ['Nhóm tuổi', 'Age group'],
  byChannel: ['Nguồn tin báo', 'Reporting channel'],
  byOutcome: ['Kết quả', 'Outcome'],
  indicators: ['Chỉ tiêu kế hoạch', 'Plan indicators'],
};

const ITEMS: Record<string, Label> = {
  cases: ['Số vụ việc tiếp nhận', 'Cases received'],
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
  '16-17': ['Từ 16 đến 17 tuổi', 'Aged 16–17'],
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

const INDICATOR_LABELS: Record<IndicatorKey, Label> = {
  verifiedWithin12h: ['Tỷ lệ vụ việc được xác minh trong 12 giờ', 'Share verified within 12 hours'],
  planApprovedWithin5WorkingDays: [
    'Tỷ lệ vụ việc có kế hoạch được phê duyệt trong 5 ngày làm việc', 'Share with an approved plan within 5 working days',
  ],
  closedChildSafe: ['Tỷ lệ vụ việc kết thúc với trẻ an toàn', 'Share closed with the child safe'],
};

const both = ([vi, en]: Label) => `${vi} / ${en}`;

function field(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statisticsCsv(s: Statistics): string {
  const rows: Array<Array<string | number | null>> = [HEADER];
  const row = (group: keyof typeof GROUPS, label: Label, code: string, value: number | null, num: number | null = null, den: number | null = null) =>
    rows.push([s.period, s.from, s.to, both(GROUPS[group]), both(label), code, value, num, den]);
  row('totals', ITEMS.cases, 'cases', s.totals.cases);
  for (const group of ['byAbuseType', 'bySex', 'byAgeGroup', 'byChannel', 'byOutcome'] as const) {
    for (const [code, n] of Object.entries(s[group])) row(group, ITEMS[code] ?? [code, code], code, n);
  }
  for (const [code, ind] of Object.entries(s.indicators) as Array<[IndicatorKey, Statistics['indicators'][IndicatorKey]]>) {
    row('indicators', INDICATOR_LABELS[code], code, ind.rate, ind.numerator, ind.denominator);
  }
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

export function statisticsFilename(period: string): string {
  return `baove-thong-ke-${period}.csv`;
}
