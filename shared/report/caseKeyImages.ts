import { ZONE_LABEL } from '../ablation/analyseAblation';
import { marginBands } from '../ablation/marginBands';
import type { CaseFigures } from '../case/measureCase';
import { lesionId } from '../case/lesionId';
import type { CaseDocument, Segment } from '../case/model';
import { territoryMask } from '../case/territory';
import { zoneCentre } from '../volume/ablationZone';
import { indexToPatient, patientToIndex, type Labelmap, type ScalarVolume } from '../volume/grid';
import type { AblationPlanReport } from './ablationPlanReport';
import { keyImageSlices, type KeyImagePlan } from './keyImageSlices';
import type { ReportModelInput } from './model';
import { cropAround, planeMask, renderKeyImage, type KeyImageLayer } from './renderKeyImage';

type KeyImage = ReportModelInput['keyImages'][number];
type Rgb = readonly [number, number, number];

/** Contour colours chosen for contrast on grey, not the segment colours (which may be grey-ish). */
const COLOURS = {
  focus: [255, 214, 0] as Rgb,
  lesion: [255, 90, 60] as Rgb,
  liver: [80, 200, 255] as Rgb,
  territory: [190, 90, 255] as Rgb,
  zone: [0, 230, 120] as Rgb,
  otherZone: [0, 150, 90] as Rgb,
  applicator: [255, 255, 255] as Rgb,
};

/** Lesion images beyond this many (the largest are kept) would crowd out the rest. */
export const MAX_LESION_IMAGES = 16;

export interface CaseKeyImagesInput {
  caseDoc: CaseDocument;
  labels: Labelmap;
  volume: ScalarVolume;
  figures: Pick<CaseFigures, 'lesions'>;
  window: { center: number; width: number };
  ablation: AblationPlanReport | null;
  /** The confirmed lesion and the achieved zone's margin map on the labelmap grid (confirmationReport). */
  confirmation?: { lesionLabel: number; overlay: Uint8Array };
  /** Room left in the report for automatic images. */
  max: number;
}

/**
 * The key images of a case, chosen by content (keyImageSlices) and rasterised in shared code, so
 * the app and the headless report show the same slices: each lesion at its largest axial
 * cross-section, the liver, the Y-90 target territory, and each planned applicator with its
 * predicted zone and the margin map. `omitted` names lesions left out for room.
 */
export function caseKeyImages(input: CaseKeyImagesInput): { images: KeyImage[]; omitted: string[] } {
  const { caseDoc, labels, volume } = input;
  const { grid, data } = labels;
  const [, , nz] = grid.dims;
  const present = new Set(input.figures.lesions.map((l) => l.segmentLabel));
  const lesionSegments = caseDoc.segments.filter((s) => s.kind === 'lesion' && present.has(s.label));
  const volumeOf = (s: Segment) =>
    input.figures.lesions.filter((l) => l.segmentLabel === s.label).reduce((a, l) => a + l.volumeMl, 0);
  const room = Math.max(
    0,
    Math.min(
      MAX_LESION_IMAGES,
      input.max - 2 - (input.ablation?.applicators.length ?? 0) - (input.confirmation ? 1 : 0),
    ),
  );
  const kept = [...lesionSegments].sort((a, b) => volumeOf(b) - volumeOf(a)).slice(0, room);
  const keptSet = new Set(kept.map((s) => s.label));
  const shownLesions = lesionSegments.filter((s) => keptSet.has(s.label));
  const omitted = lesionSegments.filter((s) => !keptSet.has(s.label)).map((s) => lesionWord(s));
  const liverLabels = caseDoc.segments.filter((s) => s.kind === 'liver').map((s) => s.label);
  const lesionLabels = lesionSegments.map((s) => s.label);
  const target = (caseDoc.territories ?? []).find((t) => t.id === caseDoc.targetTerritoryId);
  const wholeLiver = new Set([...liverLabels, ...lesionLabels]);
  const territory =
    target && liverLabels.length
      ? {
          id: target.id,
          mask: territoryMask(
            Uint8Array.from(data, (v) => (wholeLiver.has(v) ? 1 : 0)),
            grid,
            target,
          ),
        }
      : undefined;
  const plans = keyImageSlices({
    grid,
    labels: data,
    lesionLabels: shownLesions.map((s) => s.label),
    liverLabels: liverLabels.length ? [...liverLabels, ...lesionLabels] : [],
    territory,
    applicators: input.ablation?.applicators.map((a) => ({ id: a.id, zone: a.zone })),
    ...(input.confirmation ? { confirmation: { lesionLabel: input.confirmation.lesionLabel } } : {}),
  });

  const at = (k: number) => `image ${k + 1} of ${nz} (z ${indexToPatient(grid, 0, 0, k)[2].toFixed(1)} mm)`;
  const outline = (k: number, labelSet: Set<number>, color: Rgb): KeyImageLayer => ({
    kind: 'outline',
    mask: planeMask(data, grid.dims, k, (v) => labelSet.has(v)),
    color,
  });
  const liverLayer = (k: number) => outline(k, wholeLiver, COLOURS.liver);
  const lesionLayers = (k: number, except?: number) =>
    lesionSegments.filter((s) => s.label !== except).map((s) => outline(k, new Set([s.label]), COLOURS.lesion));
  const render = (plan: KeyImagePlan, layers: KeyImageLayer[], caption: string, crop?: Crop): KeyImage => ({
    caption: caption.slice(0, 400),
    ...renderKeyImage(volume, { slice: plan.slice, window: input.window, layers, ...(crop ? { crop } : {}) }),
  });
  /** A square crop of sideMm round the in-plane centre of a mask on slice k. */
  const cropOn = (mask: Uint8Array, sideMm: number): Crop | undefined => {
    const c = planeCentre(mask, grid.dims[0]);
    return c ? cropAround(grid, c[0], c[1], sideMm) : undefined;
  };

  /** The tumour-surface voxels of a margin map on slice k, coloured by band (1..4). */
  const marginLayer = (map: Uint8Array, k: number): KeyImageLayer => ({
    kind: 'voxels',
    values: planeMask(map, grid.dims, k, (v) => v > 0 && v < ZONE_LABEL).map((on, n) =>
      on ? map[k * grid.dims[0] * grid.dims[1] + n]! : 0,
    ),
    colors: new Map(marginBands().map((b) => [b.label, b.color] as [number, Rgb])),
  });
  const bandWords = marginBands()
    .map((b) => `${colourWord(b.color)} ${b.name}`)
    .join(', ');

  const images = plans.map((plan): KeyImage => {
    const k = plan.slice;
    switch (plan.kind) {
      case 'lesion': {
        const s = lesionSegments.find((x) => x.label === plan.lesionLabel)!;
        const f = input.figures.lesions.find((l) => l.segmentLabel === s.label);
        const size = f ? `, ${f.axialLongestMm.toFixed(0)} x ${f.axialPerpendicularMm.toFixed(0)} mm axial` : '';
        const focus = outline(k, new Set([s.label]), COLOURS.focus);
        return render(
          plan,
          [...(liverLabels.length ? [liverLayer(k)] : []), ...lesionLayers(k, s.label), focus],
          `${lesionWord(s)} at its largest axial cross-section${size}; ${at(k)}. Yellow: ${lesionWord(s)}${lesionSegments.length > 1 ? '; red: other lesions' : ''}${liverLabels.length ? '; blue: liver' : ''}.`,
          cropOn(
            planeMask(data, grid.dims, k, (v) => v === s.label),
            Math.max(LESION_VIEW_MM, 3 * (f?.axialLongestMm ?? 0)),
          ),
        );
      }
      case 'liver':
        return render(
          plan,
          [liverLayer(k), ...lesionLayers(k)],
          `Liver at its largest axial cross-section; ${at(k)}. Blue: liver${lesionSegments.length ? '; red: lesions' : ''}.`,
        );
      case 'territory':
        return render(
          plan,
          [
            {
              kind: 'fill',
              mask: planeMask(territory!.mask, grid.dims, k, (v) => v !== 0),
              color: COLOURS.territory,
              alpha: 0.3,
            },
            outline(k, wholeLiver, COLOURS.liver),
            ...lesionLayers(k),
          ],
          `Y-90 target territory "${target!.name}" at its largest axial cross-section; ${at(k)}. Violet: target territory; blue: liver; red: lesions.`,
        );
      case 'applicator': {
        const a = input.ablation!.applicators.find((x) => x.id === plan.applicatorId)!;
        const margin = input.ablation!.analysis?.overlay;
        const others = input.ablation!.applicators.filter((x) => x !== a);
        const entry = patientToIndex(grid, a.applicator.entry);
        const tip = patientToIndex(grid, a.applicator.tip);
        const centreK = Math.round(patientToIndex(grid, zoneCentre(a.applicator).centre)[2]);
        return render(
          plan,
          [
            ...(liverLabels.length ? [liverLayer(k)] : []),
            ...lesionLayers(k),
            ...others.map((o): KeyImageLayer => ({
              kind: 'outline',
              mask: planeMask(o.zone, grid.dims, k, (v) => v !== 0),
              color: COLOURS.otherZone,
            })),
            { kind: 'outline', mask: planeMask(a.zone, grid.dims, k, (v) => v !== 0), color: COLOURS.zone },
            ...(margin ? [marginLayer(margin, k)] : []),
            { kind: 'line', from: [entry[0], entry[1]], to: [tip[0], tip[1]], color: COLOURS.applicator },
          ],
          `${a.id}: ${a.device.device}, ${a.device.powerW} W ${a.device.timeMin} min, predicted zone ${a.device.longAxisMm} x ${a.device.shortAxisMm} mm (estimate); ${at(k)}${
            Math.abs(centreK - k) > 0 ? `, zone centre on image ${centreK + 1}` : ''
          }. Green: predicted zone; white: applicator path projected on this image (dot = tip); tumour surface by margin: ${bandWords}.`,
          cropOn(
            planeMask(a.zone, grid.dims, k, (v) => v !== 0),
            Math.max(APPLICATOR_VIEW_MM, 2.5 * a.device.longAxisMm),
          ),
        );
      }
      case 'confirmation': {
        const c = input.confirmation!;
        const s = lesionSegments.find((x) => x.label === c.lesionLabel);
        const name = s ? lesionWord(s) : 'the confirmed lesion';
        const f = input.figures.lesions.find((l) => l.segmentLabel === c.lesionLabel);
        const zoneMask = planeMask(c.overlay, grid.dims, k, (v) => v !== 0);
        return render(
          plan,
          [
            ...(liverLabels.length ? [liverLayer(k)] : []),
            ...lesionLayers(k, c.lesionLabel),
            { kind: 'outline', mask: zoneMask, color: COLOURS.zone },
            marginLayer(c.overlay, k),
          ],
          `Ablation confirmation: achieved zone (segmented on the post-ablation series, registered to this one) over ${name} at its largest axial cross-section; ${at(k)}. Green outline: achieved zone${lesionSegments.length > 1 ? '; red: other lesions' : ''}${liverLabels.length ? '; blue: liver' : ''}; surface of ${name} by achieved margin: ${bandWords}.`,
          cropOn(
            planeMask(data, grid.dims, k, (v) => v === c.lesionLabel),
            Math.max(LESION_VIEW_MM, 3 * (f?.axialLongestMm ?? 0)),
          ),
        );
      }
    }
  });
  return { images, omitted };
}

type Crop = { i0: number; j0: number; i1: number; j1: number };

/** Smallest field of view (mm) of a lesion image and of an applicator image. */
const LESION_VIEW_MM = 110;
const APPLICATOR_VIEW_MM = 110;

/** Mean (i, j) of the set pixels of a plane mask; null when empty. */
function planeCentre(mask: Uint8Array, nx: number): [number, number] | null {
  let si = 0;
  let sj = 0;
  let count = 0;
  for (let n = 0; n < mask.length; n++)
    if (mask[n]) {
      si += n % nx;
      sj += Math.floor(n / nx);
      count++;
    }
  return count ? [si / count, sj / count] : null;
}

const lesionWord = (s: Segment) => `${lesionId(s.label)} (${s.name})`;

function colourWord([r, g, b]: readonly [number, number, number]): string {
  if (r > 200 && g < 100) return 'red';
  if (r > 200 && g < 180) return 'orange';
  if (r > 200 && g >= 180) return 'yellow';
  if (g > 120 && r < 120) return 'green';
  return `rgb(${r},${g},${b})`;
}
