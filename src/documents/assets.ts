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

let fonts: Record<FontStyle, Buffer> | null = null;

/**
 * Tinos (SIL OFL 1.1; metric-compatible with Times New Roman, the font NĐ 30/2020 asks for), read
 * once per process: every document embeds the subset of glyphs it uses.
 */
export function fontFiles(): Record<FontStyle, Buffer> {
  if (!fonts) {
    const dir = join(assetsDir(), 'fonts');
    fonts = Object.fromEntries(Object.entries(FONT_FILES).map(([style, file]) => [style, readFileSync(join(dir, file))])) as Record<FontStyle, Buffer>;
  }
  return fonts;
}

/** The path of the regular face (pdfkit's initial font, so no standard font is ever loaded). */
export function regularFontPath(): string {
  return join(assetsDir(), 'fonts', FONT_FILES.regular);
}
