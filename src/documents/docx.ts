/**
 * The same documents as Word files (DOCX), for the forms a commune edits before signing (the plan,
 * the draft decisions): the blocks of a `DocumentSpec` written with the `docx` library in the layout
 * `layout.ts` follows for PDF (NĐ 30/2020: A4, margins 20 / 20 / 30 / 15 mm, 13 pt body, the header
 * table, the signature block). The font is named "Times New Roman", which Word and LibreOffice have
 * (Tinos is its metric twin, embedded in the PDFs); nothing is embedded in the DOCX.
 */
import {
  AlignmentType, BorderStyle, Document, Packer, PageBreak, PageNumber, Paragraph, Header, Table, TableCell, TableRow, TextRun, WidthType,
  type IBorderOptions, type ParagraphChild,
} from 'docx';
import { BLANK } from './format';
import { clean, MARGINS, MM, SIZE, type Block, type Column, type DocumentSpec, type Signature } from './layout';

/** Points → twentieths of a point (page geometry, spacing); half-points (font sizes). */
const twip = (pt: number) => Math.round(pt * 20);
const half = (pt: number) => Math.round(pt * 2);

const FONT = 'Times New Roman';
const A4_TWIPS = { width: 11906, height: 16838 };
/** The writable width between the margins, in twips. */
const CONTENT_TWIPS = A4_TWIPS.width - twip(MARGINS.left) - twip(MARGINS.right);
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number; underline?: boolean };

const run = (r: Run) => new TextRun({
  text: clean(r.text), bold: r.bold, italics: r.italics, size: half(r.size ?? SIZE.body), font: FONT,
  ...(r.underline ? { underline: {} } : {}),
});

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

function para(children: ParagraphChild[], o: { align?: keyof typeof ALIGN; indent?: boolean; after?: number; before?: number } = {}) {
  return new Paragraph({
    children, alignment: ALIGN[o.align ?? 'left'],
    spacing: { after: twip(o.after ?? 6), before: twip(o.before ?? 0), line: 312 },
    ...(o.indent ? { indent: { firstLine: twip(10 * MM) } } : {}),
  });
}

/** Text that may hold line breaks: one paragraph per line. */
function lines(text: string, r: Omit<Run, 'text'>, o: Parameters<typeof para>[1] = {}): Paragraph[] {
  return clean(text).split('\n').map((l) => para([run({ ...r, text: l })], o));
}

function cell(children: Paragraph[], widthTwips: number, borders = true) {
  return new TableCell({
    children: children.length ? children : [para([])], width: { size: widthTwips, type: WidthType.DXA },
    ...(borders ? {} : { borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } }),
  });
}

/** A two-column table without borders (the header table, the signature block). */
function pair(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const l = Math.round(CONTENT_TWIPS * leftShare);
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA }, columnWidths: [l, CONTENT_TWIPS - l], borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, l, false), cell(right, CONTENT_TWIPS - l, false)] })],
  });
}

function signature(s: Signature): Paragraph[] {
  const c = { align: 'center' as const, after: 0 };
  return [
    ...(s.authority ? [para([run({ text: s.authority.toUpperCase(), bold: true })], c)] : []),
    para([run({ text: s.title.toUpperCase(), bold: true })], c),
    ...(s.note ? [para([run({ text: s.note, italics: true })], c)] : []),
    para([], c), para([], c), para([], c),
    para([run({ text: s.name ?? BLANK, bold: s.name !== null })], c),
  ];
}

function table(columns: Column[], rows: string[][], totals?: string[]): Table {
  const sum = columns.reduce((a, c) => a + c.width, 0);
  const widths = columns.map((c) => Math.round((CONTENT_TWIPS * c.width) / sum));
  const row = (cells: string[], bold: boolean) => new TableRow({
    children: cells.map((t, i) => cell(lines(t, { bold, size: SIZE.table }, { align: columns[i]?.align ?? 'left', after: 0 }), widths[i])),
  });
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA }, columnWidths: widths,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [row(columns.map((c) => c.title), true), ...rows.map((r) => row(r, false)), ...(totals ? [row(totals, true)] : [])],
  });
}

function blockChildren(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'reference':
      return [para([run({ text: b.text, italics: true, size: SIZE.small })], { align: 'right' })];
    case 'header': {
      const c = { align: 'center' as const, after: 0 };
      return [pair(
        [
          para([run({ text: b.superior.toUpperCase(), size: SIZE.header })], c),
          para([run({ text: b.issuer.toUpperCase(), bold: true, size: SIZE.header })], c),
          para([run({ text: '────────', size: SIZE.header })], c),
          para([run({ text: b.number, size: SIZE.header })], { ...c, before: 6 }),
        ],
        [
          para([run({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, size: SIZE.header })], c),
          para([run({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, size: SIZE.motto, underline: true })], c),
          para([run({ text: b.placeAndDate, italics: true })], { ...c, before: 12 }),
        ],
        0.4,
      ), para([])];
    }
    case 'title':
      return [
        para([run({ text: b.text.toUpperCase(), bold: true, size: SIZE.title })], { align: 'center', after: 0, before: 12 }),
        ...(b.summary ?? []).map((s) => para([run({ text: s, bold: true })], { align: 'center', after: 0 })),
        para([run({ text: '────────' })], { align: 'center' }),
      ];
    case 'heading':
      return [para([run({ text: b.text, bold: true })], { before: 6 })];
    case 'paragraph': {
      const style = { bold: b.style === 'bold' || b.style === 'boldItalic', italics: b.style === 'italic' || b.style === 'boldItalic', size: b.size };
      const [first, ...rest] = clean(b.text).split('\n');
      const o = { align: b.align ?? 'justify', indent: b.indent ?? true };
      return [
        para([...(b.lead ? [run({ text: `${b.lead} `, bold: true, size: b.size })] : []), run({ ...style, text: first })], o),
        ...rest.map((l) => para([run({ ...style, text: l })], o)),
      ];
    }
    case 'field':
      return [para([
        run({ text: `${b.label}: ` }), run({ text: b.value ?? BLANK }),
        ...(b.note ? [run({ text: ` (${b.note})`, italics: true })] : []),
      ], { align: 'justify' })];
    case 'items':
      return b.items.map((i) => para([run({ text: `- ${i}` })], { align: 'justify', indent: true }));
    case 'table':
      return [table(b.columns, b.rows, b.totals), para([])];
    case 'signatures': {
      const left = b.left
        ? signature(b.left)
        : b.recipients
          ? [para([run({ text: 'Nơi nhận:', bold: true, italics: true, size: SIZE.recipientsLabel })], { after: 0 }),
            ...b.recipients.map((r) => para([run({ text: `- ${r}`, size: SIZE.recipients })], { after: 0 }))]
          : [];
      return [para([]), pair(left, signature(b.right), 0.5)];
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'space':
      return [new Paragraph({ spacing: { after: twip(b.pt) }, children: [] })];
  }
}

/** The document as a DOCX file: A4, NĐ 30/2020 margins, page numbers at the top from page 2. */
export function renderDocx(spec: DocumentSpec): Promise<Buffer> {
  const doc = new Document({
    title: clean(spec.title), creator: 'baove',
    styles: { default: { document: { run: { font: FONT, size: half(SIZE.body) } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          size: { width: A4_TWIPS.width, height: A4_TWIPS.height },
          margin: { top: twip(MARGINS.top), bottom: twip(MARGINS.bottom), left: twip(MARGINS.left), right: twip(MARGINS.right), header: twip(8 * MM) },
        },
      },
      // NĐ 30/2020: no number on the first page; from the second, centred in the top margin.
      headers: {
        first: new Header({ children: [] }),
        default: new Header({ children: [para([new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: half(SIZE.pageNumber) })], { align: 'center' })] }),
      },
      children: spec.blocks.flatMap(blockChildren),
    }],
  });
  return Packer.toBuffer(doc);
}
