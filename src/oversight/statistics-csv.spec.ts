import { parsePeriod, statisticsFigures } from './figures';
import { statisticsCsv } from './statistics-csv';

describe('statistics CSV', () => {
  const stats = statisticsFigures(parsePeriod('2026-H1')!, [{
    received_at: new Date('2026-03-02T01:00:00Z'), channel: 'school', abuse_types: ['neglect'], state: 'closed', outcome: 'child_safe',
    sex: 'male', date_of_birth: null, approx_age_years: 12, verified_at: new Date('2026-03-02T02:00:00Z'), plan_approved_at: null,
  }], { now: new Date('2026-07-01T00:00:00Z'), holidays: new Set() });
  const csv = statisticsCsv(stats);
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');

  it('starts with a byte-order mark and bilingual headers, ends lines with CRLF', () => {
    expect(csv.startsWith('\uFEFFKỳ báo cáo / Period,Từ ngày / From,Đến ngày / To,Nhóm / Group,Chỉ tiêu / Item,Mã / Code,Giá trị / Value,Tử số / Numerator,Mẫu số / Denominator\r\n')).toBe(true);
    expect(lines.pop()).toBe('');
  });

  it('writes one row per figure', () => {
    // totals + 10 abuse types + 3 sexes + 5 age groups + 10 channels + 5 outcomes + 3 indicators
    expect(lines).toHaveLength(1 + 1 + 10 + 3 + 5 + 10 + 5 + 3);
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Tổng số / Totals,Số vụ việc tiếp nhận / Cases received,cases,1,,');
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Hình thức xâm hại / Type of abuse,Bỏ mặc / Neglect,neglect,1,,');
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Nhóm tuổi / Age group,Từ 11 đến 15 tuổi / Aged 11–15,11-15,1,,');
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Kết quả / Outcome,"Đóng hồ sơ, trẻ an toàn / Closed, child safe",child_safe,1,,');
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Chỉ tiêu kế hoạch / Plan indicators,Tỷ lệ vụ việc được xác minh trong 12 giờ / Share verified within 12 hours,verifiedWithin12h,1,1,1');
    expect(lines).toContain('2026-H1,2026-01-01,2026-06-30,Chỉ tiêu kế hoạch / Plan indicators,Tỷ lệ vụ việc có kế hoạch được phê duyệt trong 5 ngày làm việc / Share with an approved plan within 5 working days,planApprovedWithin5WorkingDays,0,0,1');
  });
});
