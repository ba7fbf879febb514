import { describe, expect, it } from 'vitest';
import { reportModelSchema } from './model';
import { reportSections, type ReportBlock } from './reportSections';
import { sampleReportModel } from './testing/sampleReport';

const words = (blocks: ReportBlock[]) => blocks.map((b) => JSON.stringify(b)).join('\n');
const facts = (blocks: ReportBlock[]) => Object.fromEntries(blocks.flatMap((b) => (b.kind === 'facts' ? b.pairs : [])));

/** A case with nothing entered beyond its segmentation. */
function bareModel() {
  const full = sampleReportModel();
  return reportModelSchema.parse({
    ...full,
    patient: { name: 'DOE^JOHN', id: '' },
    study: { studyInstanceUid: '1.2', description: '', date: '20090527', referenceSeries: 'PV' },
    indication: '',
    procedure: undefined,
    y90: undefined,
    ablation: undefined,
    ablationPlan: undefined,
    confirmation: undefined,
    territories: [],
    outcomes: [],
    clinical: [],
    lesions: [{ id: 'L7', name: 'Lesion 1', volumeMl: 2 }],
  });
}

describe('reportSections', () => {
  it('prints people-readable patient and study facts, "not recorded" for header gaps and "not entered" for inputs', () => {
    const { blocks, footer } = reportSections(bareModel());
    const f = facts(blocks);
    expect(f).toMatchObject({
      Patient: 'DOE, JOHN',
      'Patient ID': 'not recorded in the images',
      'Study date': '2009-05-27',
      'Birth date': 'not recorded in the images',
      Study: 'not recorded in the images',
      Indication: 'not entered',
      Procedure: 'not entered',
    });
    expect(footer).toMatch(/^DOE, JOHN - /);
    expect(footer).not.toContain('()');
    const text = words(blocks);
    for (const line of [
      'Target territory: not entered.',
      'Activity and dose: not entered.',
      'Applicators: not entered.',
      'Post-ablation confirmation: not entered.',
      'Plan inputs: not entered; no rule was evaluated.',
    ])
      expect(text).toContain(line);
    // The lesion row: its stable id, lobe and diameters said as not entered.
    const lesions = blocks.find((b) => b.kind === 'table' && b.headers[0] === 'ID');
    expect(lesions).toMatchObject({
      rows: [['L7', 'Lesion 1', 'not entered', 'not entered', 'not entered', '2.00', 'not entered']],
    });
    expect(text).not.toMatch(/20090527|\^|undefined|NaN/);
  });

  it('says an anonymised header was not recorded, in the facts and the footer', () => {
    const model = reportModelSchema.parse({ ...bareModel(), patient: { name: '', id: '' } });
    const { blocks, footer } = reportSections(model);
    expect(facts(blocks)).toMatchObject({ Patient: 'not recorded in the images', Sex: 'not recorded in the images' });
    expect(footer).toMatch(/^Patient name not recorded - /);
    // No lesion segmented: no "0.0 % tumour burden" stated as a finding.
    const bare = reportSections(
      reportModelSchema.parse({
        ...model,
        lesions: [],
        burden: { percent: 0, bin: '<10%', tumourMl: 0, liverIncludingTumourMl: 734.6 },
      }),
    );
    expect(words(bare.blocks)).toContain('Tumour burden: no lesion segmented; whole liver 734.6 mL.');
    // A small but real burden is not printed as 0.0 %.
    const small = reportSections(
      reportModelSchema.parse({
        ...model,
        burden: { percent: 0.035, bin: '<10%', tumourMl: 0.26, liverIncludingTumourMl: 734.6 },
      }),
    );
    expect(words(small.blocks)).toContain('Tumour burden 0.04 % (<10%)');
  });

  it('warns when the liver is cut by the scanned range', () => {
    const model = reportModelSchema.parse({ ...bareModel(), volumeCoverage: 'first and last' });
    expect(words(reportSections(model).blocks)).toContain(
      'The liver reaches the first and last images of the series: its volume and the tumour burden cover only the scanned part of the liver.',
    );
  });

  it('prints every section of a full report in reading order, rule outcomes with their sources', () => {
    const { blocks } = reportSections(sampleReportModel());
    const headings = blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toEqual([
      'Indication and procedure',
      'Key images',
      'Volumetry',
      'Lesions',
      'Y-90 radioembolization',
      'Ablation plan and analysis',
      'Ablation confirmation',
      'Rule outcomes',
      'Versions and disclaimer',
    ]);
    const outcomes = blocks.find((b) => b.kind === 'table' && b.headers[0] === 'Outcome');
    expect(outcomes).toMatchObject({ headers: ['Outcome', 'Therapy', 'Finding', 'Source'] });
    expect((outcomes as { rows: string[][] }).rows.map((r) => r[3])).toEqual([
      'CIRSE 2020',
      'Shady, JVIR 2018; Wang 2013',
    ]);
    expect(words(blocks)).toContain('Applicator 1');
  });

  it('says why rules were not evaluated in clinical words, without a table of half-results', () => {
    const model = reportModelSchema.parse({
      ...bareModel(),
      outcomes: [
        {
          status: 'not evaluated',
          ruleId: 'plan-inputs',
          message: 'Rules not evaluated until the plan inputs are complete. Height is missing.',
          source: 'Plan workspace',
        },
      ],
    });
    const { blocks } = reportSections(model);
    expect(blocks).toContainEqual({
      kind: 'paragraph',
      bold: true,
      text: expect.stringContaining('Height is missing'),
    });
    expect(blocks.some((b) => b.kind === 'table' && b.headers[0] === 'Outcome')).toBe(false);
  });

  it('names MR intensities as signal, not HU', () => {
    const model = reportModelSchema.parse({ ...sampleReportModel(), intensityUnit: 'signal' });
    expect(words(reportSections(model).blocks)).not.toContain('HU');
  });
});
