import { PDFDocument } from 'pdf-lib';
import { base64ToBytes } from '../ipc/base64';
import { reportSections, type ReportBlock } from './reportSections';
import { createLayout } from './pdfLayout';
import type { ReportModel } from './model';

const pngBytes = (b64: string) => base64ToBytes(b64.replace(/^data:image\/png;base64,/, ''));

/**
 * Renders the report to PDF with pdf-lib, in pure code, so the app and the CLI produce the same
 * pages for the same model (dates come from the model). What is printed, section by section, is
 * decided in reportSections (also tested as text); this file only lays it out.
 */
export async function renderReportPdf(model: ReportModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const at = new Date(model.generatedAt);
  doc.setTitle(model.title);
  doc.setAuthor(model.versions.software);
  doc.setCreator(model.versions.software);
  doc.setProducer('pdf-lib');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const L = await createLayout(doc);
  const { blocks, footer } = reportSections(model);
  for (const b of blocks) await draw(L, b, model);
  L.finish(footer);
  return doc.save({ useObjectStreams: false });
}

async function draw(L: Awaited<ReturnType<typeof createLayout>>, b: ReportBlock, model: ReportModel): Promise<void> {
  switch (b.kind) {
    case 'title':
      L.paragraph(b.text, { size: 17, bold: true, color: [0.1, 0.2, 0.4] });
      return;
    case 'banner':
      L.paragraph(b.text, { size: 8, bold: true, color: [0.7, 0.1, 0.1] });
      return;
    case 'heading':
      L.heading(b.text);
      return;
    case 'paragraph':
      L.paragraph(b.text, { size: b.small ? 8 : undefined, bold: b.bold });
      return;
    case 'facts':
      L.facts(b.pairs);
      return;
    case 'table':
      L.table(b.headers, b.rows, b.widths);
      return;
    case 'images':
      await L.imageGrid(
        model.keyImages.map((k) => ({
          png: pngBytes(k.pngBase64),
          width: k.width,
          height: k.height,
          caption: k.caption,
          pixelMm: k.pixelMm,
          orientation: k.orientation,
        })),
      );
      return;
    case 'space':
      L.space(b.points);
      return;
  }
}
