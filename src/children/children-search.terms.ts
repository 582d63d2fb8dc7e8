/**
 * What a search text asks for (`GET /children?q=`, `GET /cases?q=`): a personal identification
 * number, a phone number, or words — a name with or without diacritics, with a typo, in any order,
 * a parent's name, a village. Pure: the repository turns terms into SQL.
 */
import { fold, nameKey, phoneDigits } from './names';

/** At most this many words of a search text count (a Vietnamese full name has 2–5). */
export const MAX_SEARCH_WORDS = 6;

export type SearchTerms =
  | { kind: 'personalId'; personalId: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'words'; folded: string; key: string; words: WordTerm[] }
  | { kind: 'nothing' };

export interface WordTerm {
  /** The folded word as typed. */
  word: string;
  /** How many edits a stored word may be away from it and still match (0: exact only). */
  edits: number;
  /** The word with two neighbouring letters swapped (the commonest typo: "huogn"), when it may have a typo. */
  transpositions: string[];
}

/** Short words (family names Lê, Vũ, Lý; the middle name Thị) match exactly; longer ones forgive one typo, long ones two. */
export function editsAllowed(word: string): number {
  if (word.length < 4 || /^[0-9]+$/.test(word)) return 0;
  return word.length < 8 ? 1 : 2;
}

function transpositions(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [...out];
}

/**
 * Reads a search text: 12 digits (spaces or dots between them allowed) are a personal
 * identification number; a phone number in any usual form (0912 345 678, +84 912345678, 84-912-345-678)
 * is a phone; anything else is words, folded as the stored search columns are (names.ts `fold`).
 */
export function searchTerms(q: string): SearchTerms {
  const compact = q.replace(/[\s.\-()]/g, '');
  if (/^[0-9]{12}$/.test(compact)) return { kind: 'personalId', personalId: compact };
  if (/^\+?[0-9]+$/.test(compact)) {
    const phone = phoneDigits(compact);
    if (phone && /^0[0-9]{8,10}$/.test(phone)) return { kind: 'phone', phone };
  }
  const words = [...new Set(fold(q).split(' ').filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
  if (!words.length) return { kind: 'nothing' };
  return {
    kind: 'words',
    folded: words.join(' '),
    key: nameKey(words.join(' ')),
    words: words.map((word) => {
      const edits = editsAllowed(word);
      return { word, edits, transpositions: edits ? transpositions(word) : [] };
    }),
  };
}
