/**
 * The administrative-units CSV, pure: parse it (csv-parse), check every line and decide what each
 * does against the units already known. The service applies the decisions in one transaction.
 *
 * Format (UTF-8, comma-separated, header line required, quotes as RFC 4180):
 *   province_code,province_name,commune_code,commune_name[,case_prefix]
 */
import { parse } from 'csv-parse/sync';
import { InvalidInput } from '../common/errors';

export const UNITS_HEADER = ['province_code', 'province_name', 'commune_code', 'commune_name', 'case_prefix'];
export const MAX_IMPORT_LINES = 20_000;

const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const PREFIX = /^[A-Z][A-Z0-9]{0,11}$/;

export interface KnownUnits {
  provinces: Map<string, string>;
  communes: Map<string, { name: string; provinceCode: string; casePrefix: string }>;
}

export type LineOutcome =
  | { line: number; status: 'refused'; communeCode: string | null; reason: string }
  | { line: number; status: 'created' | 'updated' | 'unchanged'; communeCode: string; reason: string | null;
      province: { code: string; name: string; status: 'created' | 'updated' | 'unchanged' };
      commune: { code: string; name: string; provinceCode: string; casePrefix: string } };

const refuse = (line: number, communeCode: string | null, vi: string, en: string): LineOutcome =>
  ({ line, status: 'refused', communeCode, reason: `${vi} / ${en}` });

/** Records of the file with their line numbers; 400 when the file is not CSV or has no proper header. */
export function readUnitsCsv(text: string): Array<{ line: number; fields: string[] }> {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new InvalidInput({ file: [`Tệp CSV không đọc được: ${(e as Error).message} / The CSV file cannot be read: ${(e as Error).message}`] });
  }
  const [header, ...rows] = records;
  const names = header?.record.map((h) => h.toLowerCase());
  const headerOk = names && (names.length === 4 || names.length === 5) && names.every((n, i) => n === UNITS_HEADER[i]);
  if (!headerOk) {
    throw new InvalidInput({ file: [
      `Dòng đầu phải là: ${UNITS_HEADER.join(',')} (case_prefix có thể bỏ) / The first line must be: ${UNITS_HEADER.join(',')} (case_prefix optional)`,
    ] });
  }
  if (rows.length > MAX_IMPORT_LINES) {
    throw new InvalidInput({ file: [`Tối đa ${MAX_IMPORT_LINES} dòng / At most ${MAX_IMPORT_LINES} lines`] });
  }
  return rows.map((r) => ({ line: r.info.lines, fields: r.record }));
}

/** The prefix a new commune gets when the file gives none: the initials of its name, else with its code appended. */
export function derivedPrefix(name: string, code: string, taken: (prefix: string) => boolean): string | null {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
  const words = plain.replace(/^(xa|phuong|thi tran|dac khu)\s+/i, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const initials = words.map((w) => w[0]).join('').toUpperCase().slice(0, 6);
  const start = /^[A-Z]/.test(initials) ? initials : `X${initials}`;
  for (const candidate of [start, `${start}${code.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`.slice(0, 12)]) {
    if (PREFIX.test(candidate) && !taken(candidate)) return candidate;
  }
  return null;
}

/** What each line does, in order; later lines see the earlier lines' effects. Pure. */
export function planImport(rows: Array<{ line: number; fields: string[] }>, known: KnownUnits): LineOutcome[] {
  const provinces = new Map(known.provinces);
  const communes = new Map(known.communes);
  const prefixes = new Set([...known.communes.values()].map((c) => c.casePrefix));
  const seenCommune = new Map<string, number>();
  const provinceNameAt = new Map<string, { name: string; line: number }>();
  const out: LineOutcome[] = [];
  for (const { line, fields } of rows) {
    if (fields.length < 4 || fields.length > 5) {
      out.push(refuse(line, null, `Cần 4 hoặc 5 cột, có ${fields.length}`, `expected 4 or 5 columns, found ${fields.length}`));
      continue;
    }
    const [provinceCode, provinceName, communeCode, communeName, rawPrefix = ''] = fields;
    const code = CODE.test(communeCode) ? communeCode : null;
    if (!CODE.test(provinceCode)) { out.push(refuse(line, code, 'Mã tỉnh không hợp lệ', 'invalid province_code')); continue; }
    if (!code) { out.push(refuse(line, null, 'Mã xã không hợp lệ', 'invalid commune_code')); continue; }
    if (!provinceName || provinceName.length > 200) { out.push(refuse(line, code, 'Thiếu tên tỉnh (tối đa 200 ký tự)', 'province_name missing (at most 200 characters)')); continue; }
    if (!communeName || communeName.length > 200) { out.push(refuse(line, code, 'Thiếu tên xã (tối đa 200 ký tự)', 'commune_name missing (at most 200 characters)')); continue; }
    const prefix = rawPrefix.toUpperCase();
    if (prefix && !PREFIX.test(prefix)) {
      out.push(refuse(line, code, 'Tiền tố mã hồ sơ: chữ in hoa và số, tối đa 12, bắt đầu bằng chữ', 'case_prefix: up to 12 capital letters and digits, starting with a letter'));
      continue;
    }
    const dup = seenCommune.get(code);
    if (dup) { out.push(refuse(line, code, `Trùng mã xã với dòng ${dup}`, `duplicate of line ${dup}`)); continue; }
    const earlier = provinceNameAt.get(provinceCode);
    if (earlier && earlier.name !== provinceName) {
      out.push(refuse(line, code, `Tên tỉnh khác với dòng ${earlier.line}`, `province name differs from line ${earlier.line}`));
      continue;
    }
    const existing = communes.get(code);
    if (existing && existing.provinceCode !== provinceCode) {
      out.push(refuse(line, code, `Xã thuộc tỉnh ${existing.provinceCode}; không chuyển xã sang tỉnh khác bằng nhập tệp`,
        `the commune belongs to province ${existing.provinceCode}; communes are not moved between provinces by import`));
      continue;
    }
    if (existing && prefix && prefix !== existing.casePrefix) {
      out.push(refuse(line, code, `Tiền tố mã hồ sơ ${existing.casePrefix} không đổi được (mã hồ sơ đã cấp dùng nó)`,
        `case_prefix ${existing.casePrefix} cannot change (issued case codes use it)`));
      continue;
    }
    let casePrefix = existing?.casePrefix ?? prefix;
    if (!existing) {
      if (prefix && prefixes.has(prefix)) {
        out.push(refuse(line, code, `Tiền tố ${prefix} đã được xã khác dùng`, `case_prefix ${prefix} is used by another commune`));
        continue;
      }
      if (!prefix) {
        const derived = derivedPrefix(communeName, code, (x) => prefixes.has(x));
        if (!derived) { out.push(refuse(line, code, 'Cần ghi tiền tố mã hồ sơ (case_prefix)', 'give a case_prefix')); continue; }
        casePrefix = derived;
      }
    }
    seenCommune.set(code, line);
    provinceNameAt.set(provinceCode, { name: provinceName, line });
    const knownProvince = provinces.get(provinceCode);
    const provinceStatus = knownProvince === undefined ? 'created' : knownProvince === provinceName ? 'unchanged' : 'updated';
    provinces.set(provinceCode, provinceName);
    prefixes.add(casePrefix);
    communes.set(code, { name: communeName, provinceCode, casePrefix });
    const status = !existing ? 'created' : existing.name !== communeName ? 'updated' : 'unchanged';
    const reason = status === 'updated' ? `Đổi tên từ "${existing!.name}" / renamed from "${existing!.name}"`
      : status === 'created' && !prefix ? `Tiền tố mã hồ sơ ${casePrefix} / case prefix ${casePrefix}` : null;
    out.push({ line, status, communeCode: code, reason, province: { code: provinceCode, name: provinceName, status: provinceStatus },
      commune: { code, name: communeName, provinceCode, casePrefix } });
  }
  return out;
}
