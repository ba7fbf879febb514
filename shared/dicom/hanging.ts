/**
 * Liver hanging protocol: which series go side by side. The radiologist's
 * habit is arterial | portal venous | delayed; late arterial stands in for
 * arterial, unenhanced fills a gap; MR uses its dynamic T1 phases.
 */
export interface HangingCandidate {
  id: string;
  phase: string;
  isVolume: boolean;
  modality: string;
}

const CT_ORDER = [['arterial', 'late_arterial'], ['portal_venous'], ['delayed'], ['unenhanced']];
const MR_ORDER = [['t1_arterial'], ['t1_portal_venous'], ['t1_hepatobiliary', 't1_transitional'], ['t1_pre']];

/** Returns up to three series ids in display order; falls back to the first volumes. */
export function chooseHanging(series: HangingCandidate[], max = 3): string[] {
  const volumes = series.filter((s) => s.isVolume);
  const order = volumes.some((s) => s.modality === 'MR') ? MR_ORDER : CT_ORDER;
  const picked: string[] = [];
  for (const slot of order) {
    const hit = slot.map((p) => volumes.find((s) => s.phase === p && !picked.includes(s.id))).find(Boolean);
    if (hit) picked.push(hit.id);
    if (picked.length === max) return picked;
  }
  // Nothing recognised: show the first volume alone rather than guess an order.
  if (picked.length === 0 && volumes[0]) picked.push(volumes[0].id);
  return picked;
}
