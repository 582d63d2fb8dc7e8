/**
 * Vietnamese names as the registry compares them. `fold` is the TypeScript twin of the SQL function
 * `baove_fold` (migrations/*-ChildRegistry): lower case, no diacritics (đ → d), anything but letters
 * and digits as one space. A query is folded here exactly as the stored columns were folded there.
 */

/** "Nguyễn Thị Hương-Giang" → "nguyen thi huong giang". */
export function fold(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The folded words in order (`baove_name_key`): swapped family and given names share it. */
export function nameKey(text: string | null | undefined): string {
  return fold(text).split(' ').filter(Boolean).sort().join(' ');
}

/** The given name: the last word of a Vietnamese full name (họ, tên đệm, tên). */
export function givenName(text: string | null | undefined): string | null {
  const words = fold(text).split(' ').filter(Boolean);
  return words.length ? words[words.length - 1] : null;
}

/** A phone number in its national form (`baove_phone`): "+84 912 345 678" → "0912345678". */
export function phoneDigits(text: string | null | undefined): string | null {
  const raw = (text ?? '').replace(/[^0-9+]/g, '');
  const national = raw.replace(/^(\+84|84(?=[0-9]{9}$))/, '0');
  return national || null;
}
