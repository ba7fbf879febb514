import type { Grid, Vec3 } from '../volume/grid';
import { AXIAL_DIRECTION } from '../volume/grid';
import { CAVITY, gallbladderShape, IVC, KIDNEY_LEFT, KIDNEY_RIGHT, SPINE, STOMACH, type LesionSpec } from './anatomy';
import type { Phase } from './enhancement';
import { placeLesions } from './placeLesions';

export type CaseSize = 'normal' | 'bench';

export interface CaseDefinition {
  name: string;
  title: string;
  description: string;
  difficulty: 'easy' | 'moderate' | 'hard';
  modality: 'CT' | 'MR';
  /** Acquisition order. */
  phases: Phase[];
  /** The series the SEG references (all series share one grid and frame of reference). */
  segReferencePhase: Phase;
  patient: {
    name: string;
    id: string;
    birthDate: string;
    sex: 'M' | 'F';
    age: string;
    weightKg: number;
    heightM: number;
  };
  liverScale: number;
  lesions: () => LesionSpec[];
  /** A point well inside normal liver parenchyma (seed for region growing). */
  liverSeedLps: Vec3;
  /** A second study after the lesion was ablated (CT only): one portal-venous series. */
  postAblation?: PostAblationSpec;
}

export interface PostAblationSpec {
  /** The lesion that was ablated. */
  lesionId: string;
  study: {
    date: string;
    time: string;
    contrastStart: string;
    description: string;
    id: string;
    accessionNumber: string;
  };
  seriesNumber: number;
  seriesDescription: string;
  /**
   * How the patient lies differently: the rigid motion (rigidMatrix) taking
   * post-study patient coordinates to pre-study (anatomy) coordinates.
   */
  postToPre: { rotationDeg: Vec3; translationMm: Vec3 };
  /** Coagulation zone: an ellipsoid in the anatomy frame, within the liver, with a thin enhancing rim outside it. */
  zone: { centreLps: Vec3; radiiMm: Vec3; yawDeg: number; rimMm: number };
}

export const SAMPLE_CASES: CaseDefinition[] = [
  {
    name: 'solitary-ablation',
    title: 'Solitary metastasis for ablation',
    description: 'Four-phase liver CT; one 25 mm hypervascular NET metastasis in segment VI, clear of large vessels.',
    difficulty: 'easy',
    modality: 'CT',
    phases: ['unenhanced', 'arterial', 'portal_venous', 'delayed'],
    segReferencePhase: 'portal_venous',
    patient: {
      name: 'SAMPLE^SOLITARY',
      id: 'LPS-0001',
      birthDate: '19610314',
      sex: 'F',
      age: '064Y',
      weightKg: 68,
      heightM: 1.66,
    },
    liverScale: 1,
    lesions: () => [{ id: 'L1', centreLps: [-96, -8, -50], diameterMm: 25 }],
    liverSeedLps: [-80, 30, 20],
    postAblation: {
      lesionId: 'L1',
      study: {
        date: '20250415',
        time: '091500',
        contrastStart: '091800',
        description: 'CT LIVER POST ABLATION',
        id: '00012',
        accessionNumber: 'ACC0001-2',
      },
      seriesNumber: 2,
      seriesDescription: 'POST ABLATION Liver PV 2.5mm',
      postToPre: { rotationDeg: [2, 0, 4], translationMm: [12, -8, 18] },
      // Off-centre on purpose: the margin is positive all round but under the 5 mm target on one side.
      zone: { centreLps: [-93, -7, -49], radiiMm: [20, 18, 18], yawDeg: 0, rimMm: 2 },
    },
  },
  {
    name: 'heat-sink-gallbladder',
    title: 'Heat sink and gallbladder proximity',
    description:
      'Triple-phase liver CT; a 22 mm rim-enhancing metastasis abutting the right hepatic vein (heat sink) and an 18 mm one beside the gallbladder.',
    difficulty: 'moderate',
    modality: 'CT',
    phases: ['arterial', 'portal_venous', 'delayed'],
    segReferencePhase: 'portal_venous',
    patient: {
      name: 'SAMPLE^HEATSINK',
      id: 'LPS-0002',
      birthDate: '19570822',
      sex: 'M',
      age: '068Y',
      weightKg: 82,
      heightM: 1.78,
    },
    liverScale: 1,
    lesions: () => [
      { id: 'L1', centreLps: [-66, 18.5, 6], diameterMm: 22, rimMm: 2.5 },
      { id: 'L2', centreLps: [-66, -40, -36], diameterMm: 18, rimMm: 2.5 },
    ],
    liverSeedLps: [-100, 20, 25],
  },
  {
    name: 'bilobar-burden',
    title: 'Multifocal bilobar disease, burden over 50%',
    description:
      'Triple-phase liver CT; hepatomegaly with many bilobar NET metastases (large ones with necrotic centres and an enhancing rim of viable tumour) replacing over half of the liver: embolization planning.',
    difficulty: 'hard',
    modality: 'CT',
    phases: ['arterial', 'portal_venous', 'delayed'],
    segReferencePhase: 'portal_venous',
    patient: {
      name: 'SAMPLE^BILOBAR',
      id: 'LPS-0003',
      birthDate: '19520105',
      sex: 'M',
      age: '073Y',
      weightKg: 74,
      heightM: 1.74,
    },
    liverScale: 1.15,
    lesions: () =>
      placeLesions({
        seed: 'bilobar-burden:lesions',
        diametersMm: [120, 100, 80, 66, 56, 46, 40, 34, 28, 22, 16, 12, 10],
        leftLobe: [6, 8, 10],
        liverScale: 1.15,
        minDepthFraction: 0.5,
        overlapFraction: 0.7,
        candidates: 6000,
        skipWhenFull: true,
        container: CAVITY,
        obstacles: [KIDNEY_RIGHT, KIDNEY_LEFT, IVC, STOMACH, SPINE, gallbladderShape(1.15)],
        marginMm: 4,
        necrosisAboveMm: 45,
      }).map((lesion) => (lesion.necrosis ? { ...lesion, rimMm: 3 } : lesion)),
    liverSeedLps: [-30, 10, 45],
  },
  {
    name: 'mr-multiphase',
    title: 'Multiphase gadoxetate MR',
    description:
      'Liver MR: T1 fat-saturated pre-contrast, arterial, portal venous and 20-min hepatobiliary phases plus T2; three NET metastases (30, 15 and 10 mm).',
    difficulty: 'moderate',
    modality: 'MR',
    phases: ['t1_pre', 't1_arterial', 't1_portal_venous', 't1_hepatobiliary', 't2'],
    segReferencePhase: 't1_hepatobiliary',
    patient: {
      name: 'SAMPLE^MR',
      id: 'LPS-0004',
      birthDate: '19700611',
      sex: 'F',
      age: '055Y',
      weightKg: 61,
      heightM: 1.63,
    },
    liverScale: 1,
    lesions: () => [
      { id: 'L1', centreLps: [-72, 40, 28], diameterMm: 30 },
      { id: 'L2', centreLps: [18, -42, 14], diameterMm: 15 },
      { id: 'L3', centreLps: [-112, 8, -42], diameterMm: 10 },
    ],
    liverSeedLps: [-70, 0, -20],
  },
];

export function findCase(name: string): CaseDefinition | undefined {
  return SAMPLE_CASES.find((c) => c.name === name);
}

/**
 * The acquisition grid. CT: 256x256 at 1.5 mm, 96 slices of 2.5 mm; MR: a
 * rectangular 240x200 matrix at 1.6 mm, 72 slices of 3 mm (a non-square
 * matrix keeps row/column mix-ups visible). 'bench': 512x512x300 at
 * 0.75 x 0.75 x 0.8 mm for load and algorithm benchmarks.
 */
export function caseGrid(modality: 'CT' | 'MR', size: CaseSize): Grid {
  const spec =
    size === 'bench'
      ? { nx: 512, ny: 512, nz: 300, px: 0.75, dz: 0.8, yCentre: 10, zTop: 72 }
      : modality === 'CT'
        ? { nx: 256, ny: 256, nz: 96, px: 1.5, dz: 2.5, yCentre: 10, zTop: 72.5 }
        : { nx: 240, ny: 200, nz: 72, px: 1.6, dz: 3, yCentre: 10, zTop: 63 };
  return {
    dims: [spec.nx, spec.ny, spec.nz],
    spacing: [spec.px, spec.px, spec.dz],
    origin: [
      -((spec.nx - 1) * spec.px) / 2,
      spec.yCentre - ((spec.ny - 1) * spec.px) / 2,
      spec.zTop - (spec.nz - 1) * spec.dz,
    ],
    direction: [...AXIAL_DIRECTION],
  };
}
