/**
 * The statistics as CSV for the 6-month and annual reports: one row per figure of the reporting
 * tables (`statistics-table.ts`), headers and labels in Vietnamese with English, a UTF-8
 * byte-order mark so spreadsheet programs read the Vietnamese correctly, CRLF line ends (RFC 4180).
 */
import type { Cell, Label, TableRow } from './statistics-table';

const HEADER = [
  'Kỳ báo cáo / Period', 'Từ ngày / From', 'Đến ngày / To', 'Nhóm / Group', 'Chỉ tiêu / Item', 'Mã / Code',
  'Giá trị / Value', 'Tử số / Numerator', 'Mẫu số / Denominator',
];

const both = ([vi, en]: Label) => `${vi} / ${en}`;

function field(value: Cell): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statisticsCsv(s: { period: string; from: string; to: string }, table: TableRow[]): string {
  const rows: Cell[][] = [HEADER];
  for (const r of table) rows.push([s.period, s.from, s.to, both(r.sectionLabel), both(r.label), r.code, r.value, r.numerator, r.denominator]);
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

export function statisticsFilename(period: string, ext: 'csv' | 'xlsx' | 'pdf' = 'csv', published = false): string {
  return `baove-thong-ke-${period}${published ? '-cong-bo' : ''}.${ext}`;
}
