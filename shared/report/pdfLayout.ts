import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * A small flowing layout over pdf-lib: headings, wrapped paragraphs, tables
 * and images that break onto new pages. pdf-lib only draws at coordinates;
 * the flow is ours.
 */
export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const FOOTER = 36;

export interface Layout {
  doc: PDFDocument;
  heading(text: string): void;
  paragraph(text: string, options?: { size?: number; bold?: boolean; color?: [number, number, number] }): void;
  table(headers: string[], rows: string[][], widths: number[]): void;
  image(png: Uint8Array, width: number, height: number, caption: string): Promise<void>;
  space(points: number): void;
  finish(footer: string): void;
}

export async function createLayout(doc: PDFDocument): Promise<Layout> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(font.getCharacterSet());
  const contentWidth = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;

  const clean = (text: string) => sanitise(text, charset);
  const ensure = (height: number) => {
    if (y - height < MARGIN + FOOTER) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const wrap = (text: string, f: PDFFont, size: number, width: number): string[] => {
    const lines: string[] = [];
    for (const para of clean(text).split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/).flatMap((w) => splitLongWord(w, f, size, width))) {
        const next = line ? `${line} ${word}` : word;
        if (f.widthOfTextAtSize(next, size) <= width || !line) line = next;
        else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  };

  return {
    doc,
    heading(text) {
      // Keep a heading with the start of its section (a table header and a row or two).
      ensure(90);
      y -= 10;
      page.drawText(clean(text), { x: MARGIN, y: y - 13, size: 13, font: bold, color: rgb(0.1, 0.2, 0.4) });
      y -= 17;
      page.drawLine({
        start: { x: MARGIN, y },
        end: { x: A4[0] - MARGIN, y },
        thickness: 0.5,
        color: rgb(0.6, 0.65, 0.75),
      });
      y -= 6;
    },
    paragraph(text, options = {}) {
      const size = options.size ?? 9.5;
      const f = options.bold ? bold : font;
      const color = options.color ? rgb(...options.color) : rgb(0, 0, 0);
      for (const line of wrap(text, f, size, contentWidth)) {
        ensure(size * 1.35);
        page.drawText(line, { x: MARGIN, y: y - size, size, font: f, color });
        y -= size * 1.35;
      }
      y -= 3;
    },
    table(headers, rows, widths) {
      const size = 8.5;
      const total = widths.reduce((a, b) => a + b, 0);
      const cols = widths.map((w) => (w / total) * contentWidth);
      const drawRow = (cells: string[], f: PDFFont, shade: boolean) => {
        const wrapped = cells.map((c, n) => wrap(c, f, size, cols[n] - 6));
        const height = Math.max(...wrapped.map((w) => w.length)) * size * 1.3 + 4;
        ensure(height);
        if (shade)
          page.drawRectangle({ x: MARGIN, y: y - height, width: contentWidth, height, color: rgb(0.92, 0.94, 0.97) });
        let x = MARGIN;
        wrapped.forEach((lines, n) => {
          lines.forEach((line, l) =>
            page.drawText(line, { x: x + 3, y: y - 2 - size - l * size * 1.3, size, font: f }),
          );
          x += cols[n];
        });
        y -= height;
      };
      drawRow(headers, bold, true);
      for (const row of rows) drawRow(row, font, false);
      page.drawLine({
        start: { x: MARGIN, y },
        end: { x: A4[0] - MARGIN, y },
        thickness: 0.3,
        color: rgb(0.7, 0.7, 0.7),
      });
      y -= 6;
    },
    async image(png, width, height, caption) {
      const embedded = await doc.embedPng(png);
      const maxW = contentWidth / 2 - 6;
      const scale = Math.min(maxW / width, 220 / height);
      const [w, h] = [width * scale, height * scale];
      ensure(h + 16);
      page.drawImage(embedded, { x: MARGIN, y: y - h, width: w, height: h });
      const lines = wrap(caption, font, 8.5, contentWidth - w - 12);
      lines.forEach((line, n) => page.drawText(line, { x: MARGIN + w + 12, y: y - 10 - n * 11, size: 8.5, font }));
      y -= h + 10;
    },
    space(points) {
      y -= points;
    },
    finish(footer) {
      const pages = doc.getPages();
      pages.forEach((p, n) => {
        const text = clean(`${footer}   Page ${n + 1} of ${pages.length}`);
        p.drawText(text, { x: MARGIN, y: MARGIN / 2 + 4, size: 7.5, font, color: rgb(0.35, 0.35, 0.35) });
      });
    },
  };
}

/** Rule ids and UIDs have no spaces: cut them where they would overflow their column. */
function splitLongWord(word: string, f: PDFFont, size: number, width: number): string[] {
  if (f.widthOfTextAtSize(word, size) <= width) return [word];
  const parts: string[] = [];
  let part = '';
  for (const ch of word) {
    if (part && f.widthOfTextAtSize(part + ch, size) > width) {
      parts.push(part);
      part = '';
    }
    part += ch;
  }
  if (part) parts.push(part);
  return parts;
}

const REPLACEMENTS: Record<string, string> = { '≥': '>=', '≤': '<=', '→': '->', '−': '-', '×': 'x', '\t': ' ' };

/** Standard fonts speak WinAnsi only: spell out what they cannot draw instead of throwing. */
export function sanitise(text: string, charset: Set<number>): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || charset.has(code)) out += ch;
    else out += REPLACEMENTS[ch] ?? '?';
  }
  return out;
}
