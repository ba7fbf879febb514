import type { Tissue } from './tissues';

/**
 * Phase enhancement tables: mean signal of each tissue in each acquisition.
 * CT values are Hounsfield units typical of a 350 mgI/mL, 4 mL/s biphasic
 * liver protocol; lesions model hypervascular neuroendocrine metastases
 * (arterial hyperenhancement, washout in portal venous and delayed phases).
 * MR values are arbitrary scanner units for fat-saturated 3D T1 GRE with
 * gadoxetate (hepatobiliary phase at 20 min) and a fat-saturated T2 TSE.
 * `lesion` and `necrosis` apply to every lesion. `ablationZone` is coagulation
 * necrosis after thermal ablation (non-enhancing; slightly hyperdense unenhanced,
 * T1-bright, T2-dark, no hepatobiliary uptake); `ablationRim` the thin benign
 * hyperaemic rim around it in the first weeks.
 */
export type SignalTable = Record<Tissue | 'lesion' | 'necrosis', number>;

export type CtPhase = 'unenhanced' | 'arterial' | 'portal_venous' | 'delayed';
export type MrPhase = 't1_pre' | 't1_arterial' | 't1_portal_venous' | 't1_hepatobiliary' | 't2';
export type Phase = CtPhase | MrPhase;

export interface PhaseSpec {
  label: Phase;
  seriesDescription: string;
  /** Seconds after contrast injection start; null when acquired before contrast. */
  delaySeconds: number | null;
  /** Gaussian noise standard deviation in the table's units. */
  noiseSd: number;
  signal: SignalTable;
}

const CT_UNENHANCED: SignalTable = {
  air: -1000,
  fat: -100,
  muscle: 50,
  bone: 450,
  liver: 58,
  spleen: 48,
  kidney: 32,
  stomachWall: 40,
  stomachContent: 8,
  bowel: 25,
  gallbladder: 8,
  aorta: 42,
  ivc: 40,
  portalVein: 40,
  hepaticVein: 40,
  hepaticArtery: 42,
  csf: 8,
  lung: -850,
  heart: 45,
  pancreas: 42,
  kidneyMedulla: 30,
  ablationZone: 62,
  ablationRim: 58,
  lesion: 42,
  necrosis: 18,
};

export const CT_PHASES: Record<CtPhase, PhaseSpec> = {
  unenhanced: {
    label: 'unenhanced',
    seriesDescription: 'Abdomen NC 2.5mm',
    delaySeconds: null,
    noiseSd: 12,
    signal: CT_UNENHANCED,
  },
  arterial: {
    label: 'arterial',
    seriesDescription: 'Liver ARTERIAL 2.5mm',
    delaySeconds: 35,
    noiseSd: 12,
    signal: {
      ...CT_UNENHANCED,
      muscle: 58,
      liver: 78,
      spleen: 125,
      kidney: 190,
      kidneyMedulla: 80,
      ablationZone: 38,
      ablationRim: 125,
      stomachWall: 95,
      bowel: 60,
      aorta: 320,
      ivc: 75,
      portalVein: 130,
      hepaticVein: 55,
      hepaticArtery: 290,
      heart: 250,
      pancreas: 120,
      lesion: 165,
      necrosis: 22,
    },
  },
  portal_venous: {
    label: 'portal_venous',
    seriesDescription: 'Liver PORTAL VENOUS 2.5mm',
    delaySeconds: 70,
    noiseSd: 12,
    signal: {
      ...CT_UNENHANCED,
      muscle: 62,
      liver: 112,
      spleen: 118,
      kidney: 175,
      kidneyMedulla: 165,
      ablationZone: 35,
      ablationRim: 135,
      stomachWall: 90,
      bowel: 80,
      aorta: 170,
      ivc: 150,
      portalVein: 185,
      hepaticVein: 165,
      hepaticArtery: 165,
      heart: 160,
      pancreas: 100,
      lesion: 92,
      necrosis: 28,
    },
  },
  delayed: {
    label: 'delayed',
    seriesDescription: 'Liver DELAYED 2.5mm',
    delaySeconds: 180,
    noiseSd: 12,
    signal: {
      ...CT_UNENHANCED,
      muscle: 60,
      liver: 95,
      spleen: 98,
      kidney: 150,
      kidneyMedulla: 200,
      ablationZone: 38,
      ablationRim: 105,
      stomachWall: 80,
      bowel: 70,
      aorta: 125,
      ivc: 122,
      portalVein: 128,
      hepaticVein: 125,
      hepaticArtery: 122,
      heart: 120,
      pancreas: 85,
      lesion: 76,
      necrosis: 34,
    },
  },
};

const MR_T1_PRE: SignalTable = {
  air: 5,
  fat: 180,
  muscle: 380,
  bone: 260,
  liver: 620,
  spleen: 450,
  kidney: 430,
  kidneyMedulla: 380,
  ablationZone: 760,
  ablationRim: 620,
  stomachWall: 400,
  stomachContent: 120,
  bowel: 300,
  gallbladder: 140,
  aorta: 280,
  ivc: 260,
  portalVein: 280,
  hepaticVein: 260,
  hepaticArtery: 280,
  csf: 150,
  lung: 10,
  heart: 300,
  pancreas: 640,
  lesion: 330,
  necrosis: 180,
};

export const MR_PHASES: Record<MrPhase, PhaseSpec> = {
  t1_pre: { label: 't1_pre', seriesDescription: 'T1 VIBE FS PRE', delaySeconds: null, noiseSd: 18, signal: MR_T1_PRE },
  t1_arterial: {
    label: 't1_arterial',
    seriesDescription: 'T1 VIBE FS ARTERIAL',
    delaySeconds: 25,
    noiseSd: 18,
    signal: {
      ...MR_T1_PRE,
      liver: 720,
      spleen: 1050,
      kidney: 1350,
      kidneyMedulla: 700,
      ablationZone: 770,
      ablationRim: 1000,
      aorta: 1600,
      ivc: 420,
      portalVein: 900,
      hepaticVein: 380,
      hepaticArtery: 1500,
      heart: 1400,
      pancreas: 1000,
      lesion: 1150,
      necrosis: 190,
    },
  },
  t1_portal_venous: {
    label: 't1_portal_venous',
    seriesDescription: 'T1 VIBE FS PORTAL',
    delaySeconds: 70,
    noiseSd: 18,
    signal: {
      ...MR_T1_PRE,
      liver: 900,
      spleen: 950,
      kidney: 1150,
      kidneyMedulla: 1100,
      ablationZone: 770,
      ablationRim: 1050,
      aorta: 1050,
      ivc: 1000,
      portalVein: 1250,
      hepaticVein: 1100,
      hepaticArtery: 1050,
      heart: 1000,
      pancreas: 850,
      lesion: 640,
      necrosis: 220,
    },
  },
  t1_hepatobiliary: {
    label: 't1_hepatobiliary',
    seriesDescription: 'T1 VIBE FS HBP 20min',
    delaySeconds: 1200,
    noiseSd: 18,
    signal: {
      ...MR_T1_PRE,
      liver: 1300,
      spleen: 560,
      kidney: 800,
      kidneyMedulla: 750,
      ablationZone: 700,
      ablationRim: 950,
      gallbladder: 950,
      aorta: 480,
      ivc: 470,
      portalVein: 500,
      hepaticVein: 480,
      hepaticArtery: 480,
      heart: 470,
      pancreas: 700,
      lesion: 430,
      necrosis: 200,
    },
  },
  t2: {
    label: 't2',
    seriesDescription: 'T2 TSE FS AX',
    delaySeconds: null,
    noiseSd: 18,
    signal: {
      air: 5,
      fat: 150,
      muscle: 220,
      bone: 200,
      liver: 300,
      spleen: 560,
      kidney: 620,
      kidneyMedulla: 800,
      ablationZone: 180,
      ablationRim: 520,
      stomachWall: 350,
      stomachContent: 1500,
      bowel: 700,
      gallbladder: 1800,
      aorta: 80,
      ivc: 90,
      portalVein: 100,
      hepaticVein: 90,
      hepaticArtery: 80,
      csf: 1800,
      lung: 10,
      heart: 120,
      pancreas: 420,
      lesion: 880,
      necrosis: 1400,
    },
  },
};

/** Lesion-to-liver contrast over noise for a phase: the basis of "most conspicuous on". */
export function lesionContrastToNoise(spec: PhaseSpec): number {
  return Math.abs(spec.signal.lesion - spec.signal.liver) / spec.noiseSd;
}
