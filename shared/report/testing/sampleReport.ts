import { AXIAL_DIRECTION, type Labelmap, type ScalarVolume } from '../../volume/grid';
import { REPORT_DISCLAIMER, reportModelSchema, type ReportModel } from '../model';
import { planeMask, renderKeyImage } from '../renderKeyImage';

/** A hand-made report with every section filled (layout tests and previews). */
export function sampleReportModel(): ReportModel {
  const grid = {
    dims: [96, 80, 1] as [number, number, number],
    spacing: [0.8, 1.0, 2.5] as [number, number, number],
    origin: [0, 0, 0] as [number, number, number],
    direction: AXIAL_DIRECTION,
  };
  const ct: ScalarVolume = { grid, data: new Float32Array(96 * 80) };
  const labels: Labelmap = { grid, data: new Uint8Array(96 * 80) };
  for (let j = 0; j < 80; j++)
    for (let i = 0; i < 96; i++) {
      const inBody = ((i - 48) / 44) ** 2 + ((j - 40) / 36) ** 2 < 1;
      const inLiver = ((i - 35) / 25) ** 2 + ((j - 38) / 22) ** 2 < 1;
      const inLesion = ((i - 30) / 6) ** 2 + ((j - 40) / 5) ** 2 < 1;
      ct.data[i + 96 * j] = inLesion ? 150 : inLiver ? 100 : inBody ? 40 : -1000;
      labels.data[i + 96 * j] = inLesion ? 2 : inLiver ? 1 : 0;
    }
  const key = renderKeyImage(ct, {
    slice: 0,
    window: { center: 60, width: 400 },
    layers: [
      { kind: 'outline', mask: planeMask(labels.data, grid.dims, 0, (v) => v > 0), color: [80, 200, 255] },
      { kind: 'outline', mask: planeMask(labels.data, grid.dims, 0, (v) => v === 2), color: [255, 214, 0] },
    ],
  });
  return reportModelSchema.parse({
    title: 'Liver-directed therapy planning report',
    generatedAt: '2026-01-02T03:04:05.000Z',
    patient: { name: 'SAMPLE^SOLITARY', id: 'LPS-0001', birthDate: '19610314', sex: 'F' },
    study: {
      studyInstanceUid: '1.2.3',
      description: 'CT liver 4 phases',
      date: '20260101',
      accessionNumber: 'ACC1',
      referenceSeries: 'Portal venous (series 3)',
    },
    indication: 'Solitary NET metastasis in segment VI; assess for percutaneous microwave ablation.',
    procedure: 'Microwave ablation, 1 applicator',
    keyImages: [
      {
        caption: 'L2 (Lesion 1) at its largest axial cross-section; image 1 of 1. Yellow: L2; blue: liver.',
        ...key,
      },
    ],
    volumetry: [
      { name: 'Liver', kind: 'liver', volumeMl: 1523.46, voxels: 761730, meanHu: 104.2, sdHu: 12.1 },
      { name: 'L1', kind: 'lesion', volumeMl: 8.18, voxels: 4090, meanHu: 150.3, sdHu: 9.8 },
    ],
    volumeMethod: 'Sum of segmented voxel volumes (DCM 126030), voxel 0.80 x 1.00 x 2.50 mm',
    burden: { percent: 0.54, bin: '<10 %', tumourMl: 8.18, liverIncludingTumourMl: 1523.46 },
    lesions: [
      {
        id: 'L2',
        name: 'Lesion 1',
        volumeMl: 8.18,
        axialLongMm: 24.6,
        axialShortMm: 21.0,
        maxDiameterMm: 25.1,
        meanHu: 150.3,
        lobe: 'right',
      },
      { id: 'L3', name: 'Lesion 2', volumeMl: 0.6, maxDiameterMm: 11.2 },
    ],
    keyImageWindow: 'W 400 / L 60',
    ablationPlan: {
      targetMarginMm: 5,
      marginSource: 'Minimal ablative margin >=5 mm (CIRSE 2020; Shady, JVIR 2018)',
      applicators: [
        {
          name: 'Applicator 1',
          device: 'Emprint (MWA)',
          setting: '100 W, 5 min',
          zone: '38 x 31 mm (tip +5 mm)',
          pathMm: 92.4,
          source: 'Manufacturer chart; ex vivo bovine liver',
        },
      ],
      zoneVolumeMl: 19.3,
      lesions: [
        {
          lesion: 'L2 Lesion 1',
          minimumMm: 4.2,
          q25Mm: 6.1,
          medianMm: 8,
          percentBelowTarget: 7.5,
          coveragePercent: 100,
          heatSink: '',
          note: '',
        },
      ],
      critical: [{ structure: 'Gallbladder', distanceMm: 14.2, searchedMm: 20, warning: false }],
      criticalFrom: 'zone',
    },
    confirmation: {
      postSeries: 'POST ABLATION Liver PV 2.5mm',
      registration: '4 landmark pairs',
      lesion: 'L2 Lesion 1',
      note: 'Not evaluated: the ablation zone on the post-ablation series not entered.',
    },
    outcomes: [
      {
        modality: 'ablation',
        lesionId: 'L1',
        status: 'eligible',
        ruleId: 'ablation.size.mwa',
        message: 'Lesion L1 25 mm ≤ 30 mm: suitable size for thermal ablation.',
        source: 'CIRSE 2020',
      },
      {
        modality: 'ablation',
        lesionId: 'L1',
        status: 'caution',
        ruleId: 'ablation.margin.min',
        message: 'Minimal ablative margin 4.2 mm is below the 5 mm target.',
        source: 'Shady, JVIR 2018; Wang 2013',
      },
    ],
    y90: {
      model: 'Partition model',
      rows: [
        { label: 'Activity', value: '1.663', unit: 'GBq' },
        { label: 'Tumour dose D_T', value: '120', unit: 'Gy' },
      ],
    },
    ablation: {
      targetMarginMm: 5,
      margins: [
        {
          lesion: 'L1',
          zone: 'Zone A',
          minimumMm: 4.2,
          q25Mm: 6.1,
          medianMm: 8.0,
          percentBelowZero: 0,
          percentBelowTarget: 7.5,
        },
      ],
      flags: ['No vessel >= 3 mm within 10 mm of L1 (no heat-sink flag).'],
    },
    clinical: [
      { label: 'Child-Pugh', value: 'A (5)' },
      { label: 'ALBI', value: '-2.81 (grade 1)' },
    ],
    versions: { software: 'LiverPlan 0.1.0', ruleSet: 'liverplan-rules 1.0.0' },
    disclaimer: REPORT_DISCLAIMER,
    signature: {},
  });
}
