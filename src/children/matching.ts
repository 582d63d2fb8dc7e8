/**
 * How likely a registry record is the child a report describes: a score from 0 to 100 and the
 * reasons for it, Vietnamese and English. Pure: PostgreSQL finds the candidates and measures the
 * trigram similarity of the folded names (`pg_trgm` over `baove_fold`); everything else is
 * weighed here. README.md explains the weights and the threshold.
 */

/** The reported child, folded as the registry folds (names.ts). */
export interface Probe {
  /** Folded full name, or null when the report names no one. */
  name: string | null;
  /** The folded words of the name, sorted (`nameKey`). */
  nameKey: string | null;
  /** The given name (the last word), and the first word: forms written family-name-last put the given name first. */
  given: string | null;
  firstWord: string | null;
  sex: string;
  dateOfBirth: string | null;
  /** From the date of birth, or estimated from the age. */
  birthYear: number | null;
  communeCode: string | null;
  /** Folded village. */
  village: string | null;
  phones: string[];
  personalId: string | null;
}

/** A record PostgreSQL found, with the similarities it measured (0–1). */
export interface CandidateFacts {
  nameSimilarity: number;
  /** The report's name as a part of the record's name (`word_similarity`): "huong giang" in "nguyen thi huong giang". */
  nameWordSimilarity: number;
  otherNamesSimilarity: number;
  fatherSimilarity: number;
  motherSimilarity: number;
  name: string | null;
  nameKey: string | null;
  given: string | null;
  sex: string;
  dateOfBirth: string | null;
  birthYear: number | null;
  communeCode: string | null;
  village: string | null;
  phones: string[];
  personalId: string | null;
}

export interface MatchReason {
  code: string;
  vi: string;
  en: string;
}

export interface MatchScore {
  score: number;
  reasons: MatchReason[];
}

/** Candidates scoring below this are not offered. */
export const MATCH_THRESHOLD = 40;
/** At most this many candidates are offered. */
export const MAX_CANDIDATES = 10;

const REASONS = {
  personal_id_same: ['Cùng mã định danh cá nhân', 'Same personal id'],
  name_same: ['Cùng họ tên', 'Same full name'],
  name_swapped: ['Cùng họ tên, khác thứ tự (họ và tên bị đảo)', 'Same name, words in another order (family and given names swapped)'],
  name_similar: ['Họ tên gần giống', 'Similar name'],
  given_name_same: ['Cùng tên gọi', 'Same given name'],
  given_name_close: ['Tên gọi gần giống (có thể viết sai)', 'Given name nearly the same (a likely misspelling)'],
  given_name_differs: ['Tên gọi khác', 'Different given name'],
  dob_same: ['Cùng ngày sinh', 'Same date of birth'],
  birth_year_same: ['Cùng năm sinh', 'Same year of birth'],
  age_consistent: ['Tuổi phù hợp', 'Age consistent'],
  birth_year_differs: ['Năm sinh khác', 'Different year of birth'],
  sex_differs: ['Giới tính khác', 'Different sex'],
  same_commune: ['Cùng xã/phường cư trú', 'Same commune of residence'],
  same_village: ['Cùng thôn/xóm', 'Same village'],
  father_name_same: ['Tên cha giống', 'Father’s name matches'],
  mother_name_same: ['Tên mẹ giống', 'Mother’s name matches'],
  phone_same: ['Cùng số điện thoại của cha mẹ/người chăm sóc', 'Same phone number of a parent or carer'],
} as const satisfies Record<string, readonly [string, string]>;

export type MatchReasonCode = keyof typeof REASONS;
export const MATCH_REASON_CODES = Object.keys(REASONS) as MatchReasonCode[];

const reason = (code: MatchReasonCode): MatchReason => ({ code, vi: REASONS[code][0], en: REASONS[code][1] });

/** Edit distance of two short words (a misspelled given name is one edit away). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The score of a candidate, or null when it cannot be the same child (a different personal id).
 * A shared personal id is certain: 100.
 */
export function scoreCandidate(p: Probe, c: CandidateFacts): MatchScore | null {
  if (p.personalId && c.personalId && p.personalId !== c.personalId) return null;
  const reasons: MatchReason[] = [];
  let score = 0;
  const add = (points: number, code: MatchReasonCode) => {
    score += points;
    reasons.push(reason(code));
  };

  // The name (45): the whole name, or the report's name as part of the record's (given names only), or another name it is known by.
  const swapped = p.nameKey !== null && p.nameKey === c.nameKey;
  if (p.name && p.name === c.name) add(45, 'name_same');
  else if (swapped) add(45, 'name_swapped');
  else {
    const similarity = Math.max(c.nameSimilarity, 0.85 * c.nameWordSimilarity, 0.9 * c.otherNamesSimilarity);
    if (similarity >= 0.3) add(Math.round(45 * similarity), 'name_similar');
  }

  // The given name (+10 same, +5 one edit away, −10 different): Vietnamese children are called by it.
  if (p.given && c.given) {
    if (p.given === c.given || (swapped && p.firstWord === c.given)) add(10, 'given_name_same');
    else if (Math.min(p.given.length, c.given.length) >= 3 && editDistance(p.given, c.given) <= 1) add(5, 'given_name_close');
    else add(-10, 'given_name_differs');
  }

  // Birth: a shared date of birth (+25), year (+8), an estimated age within a year (+8); a year apart or more weighs against.
  if (p.dateOfBirth && c.dateOfBirth && p.dateOfBirth === c.dateOfBirth) add(25, 'dob_same');
  else if (p.birthYear !== null && c.birthYear !== null) {
    const off = Math.abs(p.birthYear - c.birthYear);
    const exact = p.dateOfBirth !== null && c.dateOfBirth !== null;
    if (off === 0) add(8, exact ? 'birth_year_same' : 'age_consistent');
    else if (off === 1 && !exact) add(8, 'age_consistent');
    else if (off >= 2 || exact) add(off >= 2 ? -15 : -5, 'birth_year_differs');
  }

  if (p.sex !== 'unknown' && c.sex !== 'unknown' && p.sex !== c.sex) add(-30, 'sex_differs');
  if (p.communeCode && p.communeCode === c.communeCode) add(5, 'same_commune');
  if (p.village && p.village === c.village) add(7, 'same_village');
  if (c.fatherSimilarity >= 0.6) add(8, 'father_name_same');
  if (c.motherSimilarity >= 0.6) add(8, 'mother_name_same');
  if (p.phones.some((x) => c.phones.includes(x))) add(10, 'phone_same');

  if (p.personalId && p.personalId === c.personalId) return { score: 100, reasons: [reason('personal_id_same'), ...reasons] };
  return { score: Math.max(0, Math.min(99, score)), reasons };
}
