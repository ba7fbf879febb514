import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { scaleBar } from '../viewer/scaleBar';

/** A key image as the layout draws it: pixels plus what is printed over them as vector text. */
export interface GridImage {
  png: Uint8Array;
  width: number;
  height: number;
  caption: string;
  /** mm per image pixel: a scale bar is drawn when known. */
  pixelMm?: number;
  orientation?: { top: string; bottom: string; left: string; right: string };
}

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
  /** Images two to a row, each with its scale bar, orientation letters and caption below. */
  imageGrid(images: GridImage[]): Promise<void>;
  /** Label / value pairs in two columns of pairs (patient and study block). */
  facts(pairs: [string, string][]): void;
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

  /** Orientation letters at the edge midpoints and a scale bar, white on a dark halo, over an image. */
  const overlay = (p: PDFPage, img: GridImage, x: number, y0: number, w: number, h: number) => {
    const size = 9;
    // A dark box behind each label keeps it readable on bright tissue; one text run per label
    // (no drawn halo copies) so text extraction reads each letter once.
    const label = (text: string, tx: number, ty: number) => {
      const t = clean(text);
      const tw = bold.widthOfTextAtSize(t, size);
      p.drawRectangle({
        x: tx - 1.5,
        y: ty - 2,
        width: tw + 3,
        height: size + 2.5,
        color: rgb(0, 0, 0),
        opacity: 0.55,
      });
      p.drawText(t, { x: tx, y: ty, size, font: bold, color: rgb(1, 1, 0.85) });
    };
    const o = img.orientation;
    if (o) {
      const tw = (t: string) => bold.widthOfTextAtSize(clean(t), size);
      label(o.top, x + w / 2 - tw(o.top) / 2, y0 + h - size - 3);
      label(o.bottom, x + w / 2 - tw(o.bottom) / 2, y0 + 4);
      label(o.left, x + 4, y0 + h / 2 - size / 2);
      label(o.right, x + w - tw(o.right) - 4, y0 + h / 2 - size / 2);
    }
    if (img.pixelMm) {
      const bar = scaleBar((img.pixelMm * img.width) / w, w * 0.3);
      if (bar) {
        const bx = x + w - 8 - bar.px;
        const by = y0 + 10;
        for (const [c, t] of [
          [rgb(0, 0, 0), 2.8],
          [rgb(1, 1, 0.85), 1.2],
        ] as const) {
          p.drawLine({ start: { x: bx, y: by }, end: { x: bx + bar.px, y: by }, thickness: t, color: c });
          for (const tx of [bx, bx + bar.px])
            p.drawLine({ start: { x: tx, y: by - 2.5 }, end: { x: tx, y: by + 2.5 }, thickness: t, color: c });
        }
        const text = bar.mm >= 10 && bar.mm % 10 === 0 ? `${bar.mm / 10} cm` : `${bar.mm} mm`;
        label(text, bx + bar.px / 2 - bold.widthOfTextAtSize(text, size) / 2, by + 4);
      }
    }
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
    async imageGrid(images) {
      const gap = 14;
      const colW = (contentWidth - gap) / 2;
      const capSize = 7.5;
      for (let r = 0; r < images.length; r += 2) {
        const row = images.slice(r, r + 2);
        const drawn = await Promise.all(
          row.map(async (img) => {
            const scale = Math.min(colW / img.width, colW / img.height);
            return {
              img,
              embedded: await doc.embedPng(img.png),
              w: img.width * scale,
              h: img.height * scale,
              lines: wrap(img.caption, font, capSize, colW),
            };
          }),
        );
        const rowH = Math.max(...drawn.map((d) => d.h + 4 + d.lines.length * capSize * 1.25)) + 10;
        ensure(rowH);
        drawn.forEach((d, n) => {
          const x = MARGIN + n * (colW + gap);
          const top = y;
          page.drawImage(d.embedded, { x, y: top - d.h, width: d.w, height: d.h });
          overlay(page, d.img, x, top - d.h, d.w, d.h);
          d.lines.forEach((line, l) =>
            page.drawText(line, { x, y: top - d.h - 4 - capSize - l * capSize * 1.25, size: capSize, font }),
          );
        });
        y -= rowH;
      }
    },
    facts(pairs) {
      const size = 9;
      const half = contentWidth / 2;
      const labelW = 78;
      for (let p = 0; p < pairs.length; p += 2) {
        const cells = pairs.slice(p, p + 2).map(([label, value]) => ({
          label: clean(label),
          lines: wrap(value, font, size, half - labelW - 8),
        }));
        const h = Math.max(...cells.map((c) => c.lines.length)) * size * 1.3 + 2;
        ensure(h);
        cells.forEach((c, n) => {
          const x = MARGIN + n * half;
          page.drawText(c.label, { x, y: y - size, size, font: bold, color: rgb(0.3, 0.3, 0.35) });
          c.lines.forEach((line, l) =>
            page.drawText(line, { x: x + labelW, y: y - size - l * size * 1.3, size, font }),
          );
        });
        y -= h;
      }
      y -= 4;
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
