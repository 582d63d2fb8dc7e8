/**
 * The console's two dictionaries: the same keys, and every message valid ICU MessageFormat with the
 * same arguments of the same kinds in both languages (a plural in English is a plural in Vietnamese).
 */
import { describe, expect, it } from '@jest/globals';
import { isStructurallySame, parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { vi } from './messages';
import { en } from './messages.en';

describe('console messages', () => {
  it('has exactly the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('parses every message with the same arguments in both languages', () => {
    const mismatched = Object.entries(vi).flatMap(([key, text]) => {
      const same = isStructurallySame(parse(text, { ignoreTag: true }), parse(en[key as keyof typeof vi], { ignoreTag: true }));
      return same.success ? [] : [`${key}: ${same.error?.message}`];
    });
    expect(mismatched).toEqual([]);
  });

  it('says one and many in English and numbers alike in Vietnamese', () => {
    const format = (text: string, lang: string, n: number) => new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }).format({ n });
    expect(format(en['bulk.selected'], 'en', 1)).toBe('1 case selected');
    expect(format(en['bulk.selected'], 'en', 3)).toBe('3 cases selected');
    expect(format(vi['bulk.selected'], 'vi', 1)).toBe('Đã chọn 1 hồ sơ');
    expect(format(vi['bulk.selected'], 'vi', 3)).toBe('Đã chọn 3 hồ sơ');
  });
});
