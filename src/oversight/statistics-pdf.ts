/**
 * The commune's 6-month or annual report as a PDF summary (NĐ 30/2020/NĐ-CP layout, Tinos, through
 * the documents module's layout): header, title, "Kính gửi" the recipients of the province's
 * calendar, the period, the table of the headline figures (TT13 indicator 0101 and the plans'
 * indicators), and the chair's signature — the chair's name once the chair approved the report,
 * "DỰ THẢO" (draft) across the top until then. Pure.
 */
import type { Block, DocumentSpec } from '../documents/layout';
import { header, paragraph } from '../documents/templates/common';
import { shortDate } from '../documents/format';
import type { Indicator } from './figures';
import type { ReportDue } from './report-calendar';
import type { StatisticsReport } from './statistics.service';

export interface StatisticsPdfInput {
  communeName: string;
  report: ReportDue;
  figures: StatisticsReport;
  /** The chair who approved it, and when; null while it is not approved. */
  approval: { name: string | null; at: Date } | null;
  now: Date;
}

const pct = (i: Indicator) => (i.rate === null ? '—' : `${(i.rate * 100).toFixed(1).replace('.', ',')}% (${i.numerator}/${i.denominator})`);

export function statisticsPdfDocument(i: StatisticsPdfInput): DocumentSpec {
  const f = i.figures;
  const c = f.childrenAbused;
  const a = f.adolescentsAbused;
  const title = i.report.kind === 'six_month' ? `6 THÁNG ĐẦU NĂM ${i.report.to.slice(0, 4)}` : `NĂM ${i.report.to.slice(0, 4)}`;
  const rows: string[][] = [
    ['1', 'Số trẻ em bị xâm hại (chỉ tiêu 0101, dưới 16 tuổi)', String(c.total)],
    ['', '– Nữ / Nam / Không rõ', `${c.bySex.female} / ${c.bySex.male} / ${c.bySex.unknown}`],
    ['', '– Từ 0–5 / 6–10 / 11–15 tuổi / không rõ', `${c.byAgeGroup['0-5']} / ${c.byAgeGroup['6-10']} / ${c.byAgeGroup['11-15']} / ${c.byAgeGroup.unknown}`],
    ['', '– Trong gia đình / trường học / cộng đồng / trên mạng',
      `${c.byEnvironment.family} / ${c.byEnvironment.school} / ${c.byEnvironment.community} / ${c.byEnvironment.online}`],
    ['', '– Được hỗ trợ, can thiệp', String(c.supported)],
    ['2', 'Người từ 16 đến dưới 18 tuổi bị xâm hại (báo cáo riêng)', String(a.total)],
    ['3', 'Tin báo tiếp nhận', String(f.reports.total)],
    ['', '– Trùng lặp / không có cơ sở / chỉ tai nạn, thương tích',
      `${f.reports.notCounted.duplicate} / ${f.reports.notCounted.unfounded} / ${f.reports.notCounted.injuryOnly}`],
    ['4', 'Tin báo được xác minh đúng hạn', pct(f.indicators.verifiedOnTime)],
    ['5', 'Kế hoạch được xây dựng trong 5 ngày làm việc', pct(f.indicators.planDraftedOnTime)],
    ['6', 'Vụ việc kết thúc với trẻ an toàn', pct(f.indicators.closedChildSafe)],
    ['7', 'Vụ việc tồn đọng quá 30 / 60 / 90 ngày', `${f.openLongerThan.days30} / ${f.openLongerThan.days60} / ${f.openLongerThan.days90}`],
    ['8', 'Trẻ em có hoàn cảnh đặc biệt / được trợ giúp', `${f.specialCircumstances.registered} / ${f.specialCircumstances.supported}`],
  ];
  const blocks: Block[] = [
    ...(i.approval ? [] : [paragraph('DỰ THẢO', { style: 'bold', align: 'right', indent: false })]),
    header({ communeName: i.communeName }, null, i.approval?.at ?? i.now, '/BC-UBND'),
    { kind: 'title', text: `BÁO CÁO KẾT QUẢ CÔNG TÁC BẢO VỆ TRẺ EM ${title}`, summary: ['Số liệu thống kê theo Thông tư 13/2021/TT-BLĐTBXH'] },
    paragraph(`Kính gửi: ${i.report.recipients}`, { align: 'center', indent: false }),
    paragraph(`Kỳ báo cáo: từ ngày ${shortDate(i.report.from)} đến ngày ${shortDate(i.report.to)}.`, { indent: true }),
    {
      kind: 'table',
      columns: [{ title: 'TT', width: 1, align: 'center' }, { title: 'Chỉ tiêu', width: 9 }, { title: 'Kết quả', width: 4, align: 'right' }],
      rows,
    },
    paragraph('Mỗi trẻ em được tính một lần; không tính tin báo trùng lặp, không có cơ sở hoặc chỉ về tai nạn, thương tích.', { style: 'italic', size: 11, indent: false }),
    {
      kind: 'signatures',
      right: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', note: '(Ký, ghi rõ họ tên, đóng dấu)', name: i.approval?.name ?? null },
      recipients: [`Như trên (${i.report.recipients});`, 'Lưu: VT, VHXH.'],
    },
  ];
  return { title: `Báo cáo ${i.report.report} – ${i.communeName}`, blocks };
}
