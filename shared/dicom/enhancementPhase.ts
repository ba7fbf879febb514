import type { Phase } from './classifyPhases';

/**
 * Phase from measured enhancement, for CT series whose text and tags say
 * nothing. Compares the series of one study at the same table position, so
 * anatomy (bone, fat) cancels out and only contrast differs: the portal
 * venous phase has the brightest parenchyma, the arterial phase the most
 * strongly enhancing vessels with parenchyma still dim, the unenhanced scan
 * the dimmest soft tissue. Time-enhancement behaviour after Bae, Radiology
 * 2010;256:32-61 (aortic peak at ~25-30 s, hepatic parenchymal peak at
 * ~60-70 s). Confidence stays low: a heuristic, shown with its figures.
 */
export const ENHANCEMENT_RULES = {
  source:
    'Bae KT. Intravenous contrast medium administration and scan timing at CT. Radiology 2010;256:32-61 [K/U: heuristic]',
  /** Soft tissue window (HU) whose median tracks parenchymal enhancement. */
  softTissue: [-20, 180] as const,
  /** Strongly enhancing vessels (HU); bone also falls here but is the same in every phase. */
  vascular: [200, 600] as const,
  /** Unenhanced when its soft-tissue median is this much below every other series. */
  unenhancedGapHu: 12,
  confidence: 0.5,
};

export interface EnhancementFeatures {
  /** Median HU of body voxels in the soft-tissue window. */
  softTissueMedianHu: number;
  /** Fraction of body voxels in the vascular window. */
  vascularFraction: number;
}

/** Features of one slice in HU (body = voxels above -500 HU). */
export function enhancementFeatures(hu: ArrayLike<number>): EnhancementFeatures {
  const [sLo, sHi] = ENHANCEMENT_RULES.softTissue;
  const [vLo, vHi] = ENHANCEMENT_RULES.vascular;
  const hist = new Uint32Array(sHi - sLo + 1);
  let body = 0;
  let soft = 0;
  let vascular = 0;
  for (let n = 0; n < hu.length; n++) {
    const v = hu[n]!;
    if (v <= -500) continue;
    body++;
    if (v >= sLo && v <= sHi) {
      hist[Math.round(v) - sLo]!++;
      soft++;
    } else if (v >= vLo && v <= vHi) vascular++;
  }
  let acc = 0;
  let median = NaN;
  for (let b = 0; b < hist.length; b++) {
    acc += hist[b]!;
    if (acc * 2 >= soft) {
      median = b + sLo;
      break;
    }
  }
  return { softTissueMedianHu: median, vascularFraction: body ? vascular / body : 0 };
}

/** Labels the series of one study from their features; needs at least two to compare. */
export function phasesFromEnhancement(series: { id: string; features: EnhancementFeatures }[]): Map<string, Phase> {
  const out = new Map<string, Phase>();
  const usable = series.filter((s) => Number.isFinite(s.features.softTissueMedianHu));
  if (usable.length < 2) return out;
  const describe = (f: EnhancementFeatures) =>
    `soft-tissue median ${f.softTissueMedianHu} HU, enhancing-vessel fraction ${(100 * f.vascularFraction).toFixed(2)}%`;
  const put = (id: string, label: Phase['label'], why: string) => {
    const f = usable.find((s) => s.id === id)!.features;
    out.set(id, {
      label,
      confidence: ENHANCEMENT_RULES.confidence,
      reason: `measured enhancement (${describe(f)}): ${why}`,
    });
  };
  let rest = [...usable].sort((a, b) => a.features.softTissueMedianHu - b.features.softTissueMedianHu);
  const dimmest = rest[0]!;
  if (
    rest.length >= 2 &&
    rest[1]!.features.softTissueMedianHu - dimmest.features.softTissueMedianHu >= ENHANCEMENT_RULES.unenhancedGapHu
  ) {
    put(dimmest.id, 'unenhanced', 'dimmest soft tissue of the study');
    rest = rest.slice(1);
  }
  if (rest.length === 0) return out;
  const pv = rest[rest.length - 1]!;
  put(pv.id, 'portal_venous', 'brightest parenchyma of the study');
  rest = rest.slice(0, -1);
  if (rest.length === 0) return out;
  const byVessels = [...rest].sort((a, b) => b.features.vascularFraction - a.features.vascularFraction);
  const arterial = byVessels[0]!;
  if (arterial.features.vascularFraction > pv.features.vascularFraction) {
    put(arterial.id, 'arterial', 'most enhancing vessels with parenchyma not yet at its peak');
    rest = rest.filter((s) => s !== arterial);
  }
  for (const s of rest) put(s.id, 'delayed', 'parenchyma past its peak with vessels fading');
  return out;
}
