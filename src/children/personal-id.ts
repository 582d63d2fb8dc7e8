/**
 * The personal identification number (mã định danh cá nhân, Luật Căn cước 2023; Thông tư
 * 59/2021/TT-BCA): 12 digits — the province of birth registration (3), the century and sex (1),
 * the last two digits of the year of birth (2), then 6 random digits. Pure checks of what the
 * number itself says against what the record says.
 */

/** The 63 province codes of the numbering (001 Hà Nội … 096 Cà Mau); numbers outside them were never issued. */
export const PERSONAL_ID_PROVINCES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025', '026', '027',
  '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051', '052', '054',
  '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080', '082', '083', '084',
  '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

export interface PersonalIdFacts {
  sex: string;
  /** The year of birth, when known. */
  birthYear: number | null;
  /** Whether `birthYear` comes from a date of birth (else from an estimated age: ±1 year). */
  birthYearExact: boolean;
}

/** What is wrong with the number, in Vietnamese and English; empty when it holds. */
export function personalIdErrors(id: string, facts: PersonalIdFacts): string[] {
  if (!/^[0-9]{12}$/.test(id)) return ['Mã định danh cá nhân gồm 12 chữ số / The personal id is 12 digits'];
  const errors: string[] = [];
  if (!PERSONAL_ID_PROVINCES.has(id.slice(0, 3))) {
    errors.push(`Mã tỉnh "${id.slice(0, 3)}" không có trong mã định danh / "${id.slice(0, 3)}" is not a province code of personal ids`);
  }
  const code = Number(id[3]);
  if (code > 3) {
    errors.push('Chữ số thứ 4 (thế kỷ và giới tính) phải từ 0 đến 3 / The 4th digit (century and sex) must be 0–3');
    return errors;
  }
  const century = code < 2 ? 1900 : 2000;
  const sex = code % 2 === 0 ? 'male' : 'female';
  if (facts.sex !== 'unknown' && facts.sex !== sex) {
    errors.push('Chữ số thứ 4 không khớp giới tính của trẻ / The 4th digit does not match the child’s sex');
  }
  if (facts.birthYear !== null) {
    const year = century + Number(id.slice(4, 6));
    const off = Math.abs(year - facts.birthYear);
    if (off > (facts.birthYearExact ? 0 : 1)) {
      errors.push(`Mã định danh ghi năm sinh ${year}, không khớp năm sinh của trẻ / The personal id says born in ${year}, which does not match the child`);
    }
  }
  return errors;
}
