/**
 * The statistics as an XLSX workbook in the layout of the reporting tables (`exceljs`): sheet
 * "Bao cao" holds the title, the period and, per section, its heading row and one numbered row per
 * figure (item, code, value, numerator, denominator); sheet "Dinh nghia" holds each indicator's
 * definition and source. Suppressed cells (exports for publication) carry their `<N` mark.
 */
import ExcelJS from 'exceljs';
import type { IndicatorDefinition } from './indicators';
import type { TableRow } from './statistics-table';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The columns of the report sheet, in order. */
export const XLSX_COLUMNS = ['STT / No.', 'Chỉ tiêu / Item', 'Mã / Code', 'Giá trị / Value', 'Tử số / Numerator', 'Mẫu số / Denominator'];

export async function statisticsXlsx(
  s: { period: string; from: string; to: string }, table: TableRow[], definitions: readonly IndicatorDefinition[], published: boolean,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'baove';
  const ws = wb.addWorksheet('Bao cao');
  ws.columns = [{ width: 8 }, { width: 70 }, { width: 24 }, { width: 14 }, { width: 14 }, { width: 14 }];
  ws.addRow(['BÁO CÁO THỐNG KÊ CÔNG TÁC BẢO VỆ TRẺ EM / CHILD PROTECTION STATISTICS']).font = { bold: true, size: 14 };
  ws.addRow([`Kỳ báo cáo / Period: ${s.period} (${s.from} – ${s.to})`]);
  ws.addRow([published ? 'Bản công bố: các ô nhỏ đã được ẩn / For publication: small cells suppressed' : 'Bản nội bộ / Internal']);
  ws.addRow([]);
  const header = ws.addRow(XLSX_COLUMNS);
  header.font = { bold: true };
  let section = '';
  let n = 0;
  for (const r of table) {
    if (r.section !== section) {
      section = r.section;
      n = 0;
      ws.addRow(['', `${r.sectionLabel[0]} / ${r.sectionLabel[1]}`]).font = { bold: true };
    }
    ws.addRow([++n, `${r.label[0]} / ${r.label[1]}`, r.code, r.value, r.numerator, r.denominator]);
  }
  const defs = wb.addWorksheet('Dinh nghia');
  defs.columns = [{ width: 28 }, { width: 8 }, { width: 40 }, { width: 90 }, { width: 90 }, { width: 50 }];
  defs.addRow(['Chỉ tiêu / Key', 'Mã TT13', 'Tên / Title', 'Định nghĩa', 'Definition', 'Nguồn / Source']).font = { bold: true };
  for (const d of definitions) defs.addRow([d.key, d.code ?? '', `${d.titleVi} / ${d.titleEn}`, d.definitionVi, d.definitionEn, d.source]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
