import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { sameBytes } from '../testing/sameBytes';
import { renderReportPdf } from './renderReportPdf';
import { sampleReportModel } from './testing/sampleReport';
import { sanitise } from './pdfLayout';

describe('renderReportPdf', () => {
  it('renders every section into a parseable PDF with reproducible bytes', async () => {
    const model = sampleReportModel();
    const a = await renderReportPdf(model);
    const b = await renderReportPdf(model);
    expect(new TextDecoder().decode(a.subarray(0, 5))).toBe('%PDF-');
    expect(sameBytes(a, b)).toBe(true);
    const doc = await PDFDocument.load(a);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe(model.title);
    expect(doc.getCreationDate()?.toISOString()).toBe(model.generatedAt);
  });

  it('spells out characters the standard fonts cannot draw', () => {
    expect(sanitise('≥ 5 mm → ok ✓', new Set([...' 5mokd'].map((c) => c.codePointAt(0)!)))).toBe('>= 5 mm -> ok ?');
  });
});
