/**
 * The console's two dictionaries: the same keys, and every message valid ICU MessageFormat with the
 * same arguments of the same kinds in both languages (a plural in English is a plural in Vietnamese).
 */
import { describe, expect, it } from '@jest/globals';
import { isStructurallySame, parse } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { vi as signIn } from './messages';
import { en } from './messages.en';
import { viMore } from './messages.more';

const vi = { ...signIn, ...viMore };

/** The modules the first screen loads: main.tsx and what it imports statically (not `import type`, not `import()`). */
function firstScreenModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, typeOnly, from] of code.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)) {
      if (typeOnly) continue;
      const base = join(dirname(file), from);
      const found = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => existsSync(f));
      if (found?.startsWith(__dirname)) visit(found);
    }
  };
  visit(join(__dirname, 'main.tsx'));
  return [...seen];
}

describe('console messages', () => {
  it('has exactly the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('splits Vietnamese in two without overlap: the sign-in’s and the rest', () => {
    expect(Object.keys(signIn).filter((k) => k in viMore)).toEqual([]);
  });

  it('carries on the first screen every message its modules name (the rest comes after the sign-in)', () => {
    const modules = firstScreenModules();
    expect(modules.map((m) => m.slice(__dirname.length + 1))).toEqual(expect.arrayContaining(['main.tsx', 'App.tsx', 'pages/Login.tsx', 'i18n.tsx']));
    expect(modules.some((m) => m.endsWith('messages.more.ts') || m.endsWith('labels.ts'))).toBe(false);
    const named = modules.flatMap((m) => [...readFileSync(m, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)].map((x) => x[1]));
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((k) => !(k in signIn))).toEqual([]);
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
