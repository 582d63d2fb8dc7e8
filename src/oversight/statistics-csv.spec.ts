import { statisticsFigures } from './figures';
import { INDICATOR_DEFINITIONS } from './indicators';
import { statisticsCsv } from './statistics-csv';
import { statisticsTable, suppress } from './statistics-table';
import type { StatisticsReport } from './statistics.service';
import { DEFAULT_CALENDAR, periodRange } from './report-calendar';

/** A statistics period under the default calendar. */
const parsePeriod = (period: string) => periodRange(period, DEFAULT_CALENDAR);

export function report(): StatisticsReport {
  const figures = statisticsFigures(parsePeriod('2026-H1')!, [{
    case_id: 'case', commune_code: 'van-son', received_at: new Date('2026-03-02T01:00:00Z'), channel: 'school', abuse_types: ['neglect'], state: 'closed', outcome: 'child_safe',
    substantiated: true, environment: 'school', child_id: 'c1', sex: 'male', date_of_birth: null, birth_year: 2014, plan_approved: true,
    verification: 'on_time', plan_drafting: 'late',
  }]);
  return {
    ...figures, handoffs: [], openLongerThan: { days30: 7, days60: 0, days90: 0 }, specialCircumstances: { registered: 3, supported: 2 }, definitions: INDICATOR_DEFINITIONS,
  };
}

describe('statistics CSV', () => {
  const s = report();
  const csv = statisticsCsv(s, statisticsTable(s));
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  const P = '2026-H1,2026-01-01,2026-06-30';

  it('starts with a byte-order mark and bilingual headers, ends lines with CRLF', () => {
    expect(csv.startsWith('\uFEFFKỳ báo cáo / Period,Từ ngày / From,Đến ngày / To,Nhóm / Group,Chỉ tiêu / Item,Mã / Code,Giá trị / Value,Tử số / Numerator,Mẫu số / Denominator\r\n')).toBe(true);
    expect(lines.pop()).toBe('');
  });

  it('writes one row per figure of the reporting tables', () => {
    // children: 2 + 3 sexes + 4 age groups + 10 types + 7 environments; 16–17: 2 + 3 + 10 + 7;
    // reports: 1 + 10 channels + 5 outcomes + 4 not counted; 3 indicators; 3 lingering; 2 of the special-circumstances register.
    expect(lines).toHaveLength(1 + 26 + 22 + 20 + 3 + 3 + 2);
    expect(lines).toContain(`${P},"Trẻ em bị xâm hại (chỉ tiêu 0101, dưới 16 tuổi) / Children abused (indicator 0101, under 16)",Tổng số / Total,total,1,,`);
    expect(lines).toContain(`${P},Trẻ em bị xâm hại theo nhóm tuổi / Children abused by age group,Từ 11 đến 15 tuổi / Aged 11–15,11-15,1,,`);
    expect(lines).toContain(`${P},Trẻ em bị xâm hại theo môi trường / Children abused by environment,Nhà trường / School,school,1,,`);
    expect(lines.filter((l) => l.includes('Children in special circumstances') && /,(registered,3|supported,2),/.test(l))).toHaveLength(2);
    expect(lines).toContain(`${P},Chỉ tiêu kế hoạch / Plan indicators,Tỷ lệ tin báo được xác minh đúng hạn / Share verified on time,verifiedOnTime,1,1,1`);
    expect(lines).toContain(`${P},Chỉ tiêu kế hoạch / Plan indicators,Tỷ lệ kế hoạch được xây dựng trong 5 ngày làm việc / Share with a plan drafted within 5 working days,planDraftedOnTime,0,0,1`);
    expect(lines.some((l) => l.includes('16-17'))).toBe(false);
  });

  it('suppresses counts from 1 to below the threshold, and the rates built on them, for publication', () => {
    const published = statisticsCsv(s, suppress(statisticsTable(s), 5)).split('\r\n');
    expect(published).toContain(`${P},"Trẻ em bị xâm hại (chỉ tiêu 0101, dưới 16 tuổi) / Children abused (indicator 0101, under 16)",Tổng số / Total,total,<5,,`);
    expect(published).toContain(`${P},Trẻ em bị xâm hại theo giới tính / Children abused by sex,Nữ / Female,female,0,,`);
    expect(published).toContain(`${P},Chỉ tiêu kế hoạch / Plan indicators,Tỷ lệ tin báo được xác minh đúng hạn / Share verified on time,verifiedOnTime,<5,<5,<5`);
    expect(published).toContain(`${P},Vụ việc tồn đọng / Cases lingering,Quá 30 ngày / Over 30 days,days30,7,,`);
    expect(statisticsCsv(s, suppress(statisticsTable(s), 1))).toBe(statisticsCsv(s, statisticsTable(s)));
  });
});
