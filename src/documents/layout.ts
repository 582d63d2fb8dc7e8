/**
 * The layout of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), as a small
 * library: templates describe a document as blocks (pure data, unit-testable), and `renderPdf`
 * draws them with pdfkit on A4 in Tinos (metric-compatible with Times New Roman).
 *
 * What NĐ 30 asks and how it is met here:
 * - A4 (210 × 297 mm), portrait; margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right
 *   15–20 mm → 20 / 20 / 30 / 15 mm;
 * - body 13–14 pt → 13 pt, justified, first line indented 1–1.27 cm → 1 cm, at least 6 pt between
 *   paragraphs, single to 1.5 line spacing;
 * - the header table: the issuing body on the left (the superior body's name in regular caps, the
 *   issuing body's in bold caps 12–13 pt, a short rule of 1/3–1/2 its length under it) and the
 *   document number "Số: …" under it; the national motto on the right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA
 *   VIỆT NAM" bold caps 12–13 pt, "Độc lập - Tự do - Hạnh phúc" bold 13–14 pt with a rule as long
 *   as the line under it) and under it the place-and-date line, italic;
 * - the title bold caps 13–14 pt, centred, the summary line ("Về việc …") bold under it with a
 *   short rule;
 * - the signature block on the right (the authority "KT. CHỦ TỊCH" and the title bold caps, then
 *   the signer's name bold), "Nơi nhận:" bold italic 12 pt on the left with its lines in 11 pt;
 * - page numbers from the second page, centred in the top margin, 13 pt.
 */
import PDFDocument from 'pdfkit';
import { fonts, type FontStyle } from './assets';
import { BLANK } from './format';

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 };
export const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
export const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
export const SIZE = { body: 13, header: 12, motto: 13, title: 14, small: 9, recipients: 11, recipientsLabel: 12, table: 12, pageNumber: 13 };
const LINE_GAP = 1.5;
const PARAGRAPH_GAP = 6;
const INDENT = 10 * MM;
/** The header table's columns: the issuing body's and the motto's. */
const HEADER_LEFT = 68 * MM;

export interface Signature {
  /** "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN": who the signer signs for, above the title. */
  authority?: string;
  /** "CHỦ TỊCH", "NGƯỜI TIẾP NHẬN THÔNG TIN" (printed in caps). */
  title: string;
  /** "(Ký, ghi rõ họ tên)". */
  note?: string;
  /** The signer's name; null leaves the dotted blank to write it in. */
  name: string | null;
}

export interface Column {
  title: string;
  /** A share of the table's width (the shares are scaled to add up to it). */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export type Block =
  /** The form's reference ("Mẫu số 01 – NĐ 56/2017/NĐ-CP"), small, at the top right. */
  | { kind: 'reference'; text: string }
  | {
    kind: 'header';
    /** The superior body ("ỦY BAN NHÂN DÂN") and the issuing body ("XÃ VÂN SƠN"), in caps. */
    superior: string; issuer: string;
    /** "Số: 12/QĐ-UBND" (or the blank number a hand fills in). */
    number: string;
    /** "Vân Sơn, ngày 05 tháng 3 năm 2026". */
    placeAndDate: string;
  }
  | { kind: 'title'; text: string; summary?: string[] }
  | { kind: 'heading'; text: string }
  /** A paragraph; `lead` is printed bold before it ("Điều 1."). */
  | { kind: 'paragraph'; text: string; lead?: string; style?: FontStyle; align?: 'justify' | 'center' | 'left' | 'right'; indent?: boolean; size?: number }
  /** "label: value", the value the dotted blank when missing; `note` (e.g. "mặc định của hệ thống") after it in italics. */
  | { kind: 'field'; label: string; value: string | null | undefined; note?: string }
  | { kind: 'items'; items: string[] }
  | { kind: 'table'; columns: Column[]; rows: string[][]; totals?: string[] }
  /** The signature block: the signer on the right; "Nơi nhận:" or a second signer on the left. */
  | { kind: 'signatures'; right: Signature; left?: Signature; recipients?: string[] }
  | { kind: 'pageBreak' }
  | { kind: 'space'; pt: number };

export interface DocumentSpec {
  /** The PDF's title (metadata). */
  title: string;
  blocks: Block[];
}

/** Text as it is drawn: NFC (precomposed Vietnamese letters, as Tinos has them), no control characters but line breaks. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, ' ');
}

/** Every text a block prints, in order (what a reader of the page sees; for tests and the case file's index). */
export function blockText(b: Block): string[] {
  switch (b.kind) {
    case 'reference': case 'heading': return [b.text];
    case 'paragraph': return [b.lead ? `${b.lead} ${b.text}` : b.text];
    case 'header': return [b.superior, b.issuer, b.number, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', b.placeAndDate];
    case 'title': return [b.text, ...(b.summary ?? [])];
    case 'field': return [`${b.label}: ${b.value ?? BLANK}${b.note ? ` (${b.note})` : ''}`];
    case 'items': return b.items;
    case 'table': return [...b.columns.map((c) => c.title), ...b.rows.flat(), ...(b.totals ?? [])];
    case 'signatures': {
      const sig = (s: Signature) => [s.authority ?? '', s.title, s.note ?? '', s.name ?? BLANK];
      return [...(b.recipients ? ['Nơi nhận:', ...b.recipients] : []), ...(b.left ? sig(b.left) : []), ...sig(b.right)].filter(Boolean);
    }
    default: return [];
  }
}

class Writer {
  readonly doc: PDFKit.PDFDocument;
  private readonly left = MARGINS.left;
  private readonly width = CONTENT_WIDTH;

  constructor(title: string) {
    const faces = fonts();
    // The regular face is pdfkit's initial font, so no standard (Helvetica) font is loaded or embedded.
    // pdfkit takes a fontkit font where its types say a path (PDFFontFactory.open: "src.layout is a function").
    this.doc = new PDFDocument({
      size: 'A4', margins: MARGINS, bufferPages: true, autoFirstPage: true, font: faces.regular as unknown as string, lang: 'vi-VN',
      displayTitle: true, info: { Title: clean(title), Creator: 'baove', Producer: 'baove (pdfkit)' },
    });
    for (const [style, font] of Object.entries(faces)) this.doc.registerFont(style, font as unknown as string);
    this.doc.font('regular').fontSize(SIZE.body);
  }

  private font(style: FontStyle = 'regular', size: number = SIZE.body) {
    return this.doc.font(style).fontSize(size);
  }

  private get bottom() {
    return this.doc.page.height - MARGINS.bottom;
  }

  /** A new page unless `height` still fits on this one. */
  private ensure(height: number) {
    if (this.doc.y + height > this.bottom && this.doc.y > MARGINS.top + 1) this.doc.addPage();
  }

  private rule(x: number, y: number, length: number) {
    this.doc.save().lineWidth(0.6).moveTo(x, y).lineTo(x + length, y).stroke().restore();
  }

  /** Centred text in a column at `y`; returns the y below it. */
  private centred(text: string, x: number, width: number, y: number, style: FontStyle, size: number): number {
    this.font(style, size).text(clean(text), x, y, { width, align: 'center', lineGap: LINE_GAP });
    return this.doc.y;
  }

  block(b: Block) {
    const doc = this.doc;
    switch (b.kind) {
      case 'reference': {
        this.font('italic', SIZE.small).text(clean(b.text), this.left, doc.y, { width: this.width, align: 'right' });
        doc.moveDown(0.3);
        return;
      }
      case 'header': {
        const top = doc.y;
        const rightX = this.left + HEADER_LEFT;
        const rightW = this.width - HEADER_LEFT;
        // The issuing body, its short rule and the number.
        let y = this.centred(b.superior, this.left, HEADER_LEFT, top, 'regular', SIZE.header);
        y = this.centred(b.issuer, this.left, HEADER_LEFT, y, 'bold', SIZE.header);
        const issuerWidth = this.font('bold', SIZE.header).widthOfString(clean(b.issuer));
        const ruleLeft = Math.max(issuerWidth / 2.5, 40);
        this.rule(this.left + (HEADER_LEFT - ruleLeft) / 2, y + 1, ruleLeft);
        const leftEnd = this.centred(b.number, this.left, HEADER_LEFT, y + 8, 'regular', SIZE.body);
        // The national motto and its rule.
        let ry = this.centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, rightW, top, 'bold', SIZE.header);
        ry = this.centred('Độc lập - Tự do - Hạnh phúc', rightX, rightW, ry, 'bold', SIZE.motto);
        const mottoWidth = this.font('bold', SIZE.motto).widthOfString('Độc lập - Tự do - Hạnh phúc');
        this.rule(rightX + (rightW - mottoWidth) / 2, ry + 1, mottoWidth);
        const rightEnd = this.centred(b.placeAndDate, rightX, rightW, Math.max(ry + 8, leftEnd - SIZE.body - 2), 'italic', SIZE.body);
        doc.x = this.left;
        doc.y = Math.max(leftEnd, rightEnd) + 18;
        return;
      }
      case 'title': {
        const lines = [b.text, ...(b.summary ?? [])];
        const height = lines.reduce((h, l) => h + this.font('bold', SIZE.title).heightOfString(clean(l), { width: this.width }), 0) + 60;
        this.ensure(height);
        let y = this.centred(b.text, this.left, this.width, doc.y, 'bold', SIZE.title);
        for (const s of b.summary ?? []) y = this.centred(s, this.left, this.width, y, 'bold', SIZE.title);
        const len = Math.min(this.width / 3, 160);
        this.rule(this.left + (this.width - len) / 2, y + 2, len);
        doc.x = this.left;
        doc.y = y + 14;
        return;
      }
      case 'heading': {
        this.ensure(3 * SIZE.body);
        this.font('bold', SIZE.body).text(clean(b.text), this.left, doc.y, { width: this.width, align: 'left', lineGap: LINE_GAP, paragraphGap: PARAGRAPH_GAP / 2 });
        return;
      }
      case 'paragraph': {
        this.ensure(2 * SIZE.body);
        const opts = { width: this.width, align: b.align ?? 'justify', indent: b.indent === false ? 0 : INDENT, lineGap: LINE_GAP };
        if (b.lead) {
          this.font('bold', b.size ?? SIZE.body).text(clean(`${b.lead} `), this.left, doc.y, { ...opts, continued: true });
          this.font(b.style, b.size ?? SIZE.body).text(clean(b.text), { ...opts, paragraphGap: PARAGRAPH_GAP });
        } else {
          this.font(b.style, b.size ?? SIZE.body).text(clean(b.text), this.left, doc.y, { ...opts, paragraphGap: PARAGRAPH_GAP });
        }
        return;
      }
      case 'field': {
        this.ensure(2 * SIZE.body);
        const value = b.value === null || b.value === undefined || b.value === '' ? BLANK : b.value;
        const opts = { width: this.width, align: 'justify' as const, indent: INDENT, lineGap: LINE_GAP };
        this.font('regular').text(clean(`${b.label}: `), this.left, doc.y, { ...opts, continued: true });
        if (b.note) {
          this.font('regular').text(clean(value), { ...opts, continued: true });
          this.font('italic').text(clean(` (${b.note})`), { ...opts, paragraphGap: PARAGRAPH_GAP });
        } else {
          this.font('regular').text(clean(value), { ...opts, paragraphGap: PARAGRAPH_GAP });
        }
        return;
      }
      case 'items': {
        for (const item of b.items.length ? b.items : [BLANK]) {
          this.ensure(2 * SIZE.body);
          this.font('regular').text(clean(`- ${item}`), this.left, doc.y, { width: this.width, align: 'justify', indent: INDENT, lineGap: LINE_GAP, paragraphGap: 3 });
        }
        doc.moveDown(0.2);
        return;
      }
      case 'table':
        this.table(b.columns, b.rows, b.totals);
        return;
      case 'signatures':
        this.signatures(b);
        return;
      case 'pageBreak':
        doc.addPage();
        return;
      case 'space':
        doc.y += b.pt;
        return;
    }
  }

  private table(columns: Column[], rows: string[][], totals?: string[]) {
    const doc = this.doc;
    const pad = 3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const heightOf = (cells: string[], style: FontStyle) => Math.max(...cells.map((c, i) =>
      this.font(style, SIZE.table).heightOfString(clean(c || ' '), { width: widths[i] - 2 * pad, lineGap: 1 }))) + 2 * pad;
    const drawRow = (cells: string[], style: FontStyle, header: boolean) => {
      const h = heightOf(cells, style);
      const y = doc.y;
      cells.forEach((c, i) => {
        doc.save().lineWidth(0.5).rect(xs[i], y, widths[i], h).stroke().restore();
        this.font(style, SIZE.table).text(clean(c), xs[i] + pad, y + pad, {
          width: widths[i] - 2 * pad, align: header ? 'center' : columns[i].align ?? 'left', lineGap: 1,
        });
      });
      doc.x = this.left;
      doc.y = y + h;
    };
    const headerCells = columns.map((c) => c.title);
    const headerHeight = heightOf(headerCells, 'bold');
    const usable = this.bottom - MARGINS.top - headerHeight - 4;
    this.ensure(headerHeight + 2 * SIZE.table + 2 * pad);
    drawRow(headerCells, 'bold', true);
    const body: Array<[string[], FontStyle]> = [...rows.map((r): [string[], FontStyle] => [r, 'regular']), ...(totals ? [[totals, 'bold'] as [string[], FontStyle]] : [])];
    for (const [cells, style] of body) {
      const h = heightOf(cells, style);
      if (h > usable) {
        // A row taller than a page: its cells as paragraphs ("column: value"), nothing cut off.
        for (const [i, c] of cells.entries()) this.block({ kind: 'field', label: columns[i].title, value: c });
        continue;
      }
      if (doc.y + h > this.bottom) {
        doc.addPage();
        drawRow(headerCells, 'bold', true);
      }
      drawRow(cells, style, false);
    }
    doc.y += PARAGRAPH_GAP + 2;
  }

  private signatureHeight(s: Signature, width: number): number {
    const h = (t: string, style: FontStyle, size: number) => this.font(style, size).heightOfString(clean(t), { width, lineGap: LINE_GAP });
    return (s.authority ? h(s.authority, 'bold', SIZE.body) : 0) + h(s.title, 'bold', SIZE.body) + (s.note ? h(s.note, 'italic', SIZE.body) : 0) + 60 +
      h(s.name ?? BLANK, 'bold', SIZE.body);
  }

  private signature(s: Signature, x: number, width: number, y: number): number {
    if (s.authority) y = this.centred(s.authority, x, width, y, 'bold', SIZE.body);
    y = this.centred(s.title, x, width, y, 'bold', SIZE.body);
    if (s.note) y = this.centred(s.note, x, width, y, 'italic', SIZE.body);
    return this.centred(s.name ?? BLANK, x, width, y + 60, 'bold', SIZE.body);
  }

  private signatures(b: Extract<Block, { kind: 'signatures' }>) {
    const doc = this.doc;
    const half = this.width / 2;
    const rightX = this.left + half - 10;
    const rightW = half + 10;
    const leftW = half - 10;
    const recipientsHeight = b.recipients
      ? this.font('boldItalic', SIZE.recipientsLabel).heightOfString('Nơi nhận:') +
        b.recipients.reduce((h, r) => h + this.font('regular', SIZE.recipients).heightOfString(clean(`- ${r}`), { width: leftW }), 0)
      : 0;
    const height = Math.max(this.signatureHeight(b.right, rightW), b.left ? this.signatureHeight(b.left, leftW) : 0, recipientsHeight) + 12;
    doc.y += 8;
    this.ensure(height);
    const top = doc.y;
    let leftEnd = top;
    if (b.recipients) {
      this.font('boldItalic', SIZE.recipientsLabel).text('Nơi nhận:', this.left, top + 4, { width: leftW, align: 'left' });
      for (const r of b.recipients) this.font('regular', SIZE.recipients).text(clean(`- ${r}`), this.left, doc.y, { width: leftW, align: 'left' });
      leftEnd = doc.y;
    }
    if (b.left) leftEnd = Math.max(leftEnd, this.signature(b.left, this.left, leftW, top));
    const rightEnd = this.signature(b.right, rightX, rightW, top);
    doc.x = this.left;
    doc.y = Math.max(leftEnd, rightEnd) + 12;
  }

  /** Page numbers from the second page, centred in the top margin (NĐ 30/2020). */
  numberPages() {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.font('regular', SIZE.pageNumber).text(String(i + 1), this.left, MARGINS.top / 2 - 4, { width: this.width, align: 'center', lineBreak: false });
    }
  }

  finish(): Promise<Buffer> {
    this.numberPages();
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}

/**
 * One PDF of one or more documents (the case file: its forms in order, each from a new page),
 * pages numbered from the second.
 */
export function renderPdf(docs: DocumentSpec | DocumentSpec[], title?: string): Promise<Buffer> {
  const list = Array.isArray(docs) ? docs : [docs];
  const w = new Writer(title ?? list[0]?.title ?? '');
  list.forEach((d, i) => {
    if (i > 0) w.doc.addPage();
    for (const b of d.blocks) w.block(b);
  });
  return w.finish();
}
