import * as fontkit from 'fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's `assets/` folder, found by walking up from this file to the folder holding
 * package.json: the same answer from `src/documents/` (ts-jest, swc) and `dist/src/documents/`
 * (compiled), and in the image (`/app/assets` beside `/app/package.json`).
 */
export function assetsDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return join(dir, 'assets');
    if (dirname(dir) === dir) throw new Error(`assets/ not found above ${from}`);
  }
}

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FONT_FILES: Record<FontStyle, string> = {
  regular: 'Tinos-Regular.ttf', bold: 'Tinos-Bold.ttf', italic: 'Tinos-Italic.ttf', boldItalic: 'Tinos-BoldItalic.ttf',
};

let fonts_: Record<FontStyle, fontkit.Font> | null = null;

/**
 * Tinos (SIL OFL 1.1; metric-compatible with Times New Roman, the font NĐ 30/2020 asks for),
 * parsed once per process: pdfkit takes a fontkit font and each document embeds its own subset of
 * the glyphs it uses, so what is shared is only the parsed font and its glyph and layout caches
 * (parsing per document cost more than the rest of a form's rendering).
 */
export function fonts(): Record<FontStyle, fontkit.Font> {
  if (fonts_) {
    // fontkit caches each glyph with the characters it was first made for: a composite glyph's
    // component made while a document's subset was encoded has none, and would print as text
    // poppler cannot read in the next document. Each document starts with fresh glyphs (the
    // costly part, the parsed tables and the layout engine, stays shared).
    for (const font of Object.values(fonts_)) (font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
  } else {
    const dir = join(assetsDir(), 'fonts');
    fonts_ = Object.fromEntries(Object.entries(FONT_FILES).map(([style, file]) => {
      const font = fontkit.create(readFileSync(join(dir, file)));
      if (!('layout' in font)) throw new Error(`${file} is a font collection`);
      return [style, font];
    })) as Record<FontStyle, fontkit.Font>;
  }
  return fonts_;
}
